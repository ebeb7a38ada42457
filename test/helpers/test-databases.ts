import { afterEach } from 'vitest';
import { createTestDatabase, type TestDatabase } from './pg.js';

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
