import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createJiti } from 'jiti';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.js';

const require = createRequire(import.meta.url);

/**
 * What the upstream tools make of a project, without sections: drizzle-kit's own diff, drizzle's
 * migrator on a fresh server database, and kysely-codegen's command-line interface.
 */

/** drizzle-kit's statements for the schema modules against the folder's last snapshot (its API: no renames). */
export async function drizzleKitStatements(projectDir: string, schemaFiles: readonly string[]): Promise<string[]> {
  const { generateDrizzleJson, generateMigration } = require('drizzle-kit/api') as typeof import('drizzle-kit/api');
  const journal = JSON.parse(readFileSync(join(projectDir, 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.at(-1)!.tag.split('_')[0];
  const previous = JSON.parse(readFileSync(join(projectDir, `db/migrations/meta/${last}_snapshot.json`), 'utf8'));
  const jiti = createJiti(import.meta.url, { moduleCache: true, fsCache: false });
  const exports: Record<string, unknown> = {};
  try {
    for (const file of schemaFiles) {
      for (const [name, value] of Object.entries((await jiti.import(join(projectDir, file))) as Record<string, unknown>)) exports[`${file}:${name}`] = value;
    }
  } finally {
    for (const key of Object.keys(require.cache)) if (key.startsWith(projectDir)) delete require.cache[key];
  }
  return generateMigration(previous, generateDrizzleJson(exports, previous.id));
}

/** A fresh server database with the folder applied by drizzle's own migrator (what `drizzle-kit migrate` runs). */
export async function migratedDatabase(projectDir: string): Promise<TestDatabase> {
  const database = await createTestDatabase('sections_differential');
  const { drizzle } = require('drizzle-orm/node-postgres') as typeof import('drizzle-orm/node-postgres');
  const { migrate } = require('drizzle-orm/node-postgres/migrator') as typeof import('drizzle-orm/node-postgres/migrator');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder: join(projectDir, 'db/migrations') });
  } catch (error) {
    await database.drop();
    throw error;
  } finally {
    await client.end();
  }
  return database;
}

/** Runs statements as one migration (one transaction), as a migrator would; PostgreSQL's error if it refuses. */
export async function refusal(database: TestDatabase, statements: readonly string[]): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('begin');
    for (const statement of statements) await client.query(statement);
    await client.query('commit');
    return undefined;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    return (error as Error).message;
  } finally {
    await client.end();
  }
}

/** kysely-codegen's CLI (its own argument parsing, connection and introspection), in this process. */
export async function kyselyCodegen(database: TestDatabase, includePattern: string, outFile: string): Promise<string> {
  const { Cli } = require('kysely-codegen') as { Cli: new () => { run(options: { argv: string[] }): Promise<string> } };
  await new Cli().run({ argv: ['--url', database.url, '--include-pattern', includePattern, '--camel-case', '--out-file', outFile, '--log-level', 'silent'] });
  const text = readFileSync(outFile, 'utf8');
  rmSync(outFile, { force: true });
  return text;
}
