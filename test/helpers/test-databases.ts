import pg from 'pg';
import { afterEach } from 'vitest';
import { historyDatabaseName } from '../../src/engine/server-backend.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from './pg.js';

/**
 * Call at a test file's top: returns `database()`, which creates a throwaway database named
 * with `prefix`; every database it created is dropped after each test.
 */
export function databasesDroppedAfterEach(prefix: string): () => Promise<TestDatabase> {
  const databases: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(databases.splice(0).map((database) => database.drop()));
  });
  return async () => {
    const created = await createTestDatabase(prefix);
    databases.push(created);
    return created;
  };
}

/**
 * Drops the history database a `--shadow-url` run keeps on the test server for the project of
 * `configFile` (`sections_cache_<id>`): a run leaves it there on purpose, for the next run.
 */
export async function dropHistoryDatabase(configFile: string, url = TEST_DATABASE_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop database if exists "${historyDatabaseName(url, configFile)}" with (force)`);
  } finally {
    await client.end();
  }
}
