import type { Database } from '../database/database.js';

/**
 * drizzle's own ledger, kept as drizzle-orm's migrator creates it, so a database migrated by
 * `drizzle-kit migrate` is up to date for `sections status` and the reverse. A row's
 * `created_at` is the journal entry's `when`; its `hash` the sha-256 of the file's text.
 */
const LEDGER = '"drizzle"."__drizzle_migrations"';

/**
 * What drizzle's ledger cannot say: a migration that runs outside a transaction and stopped
 * midway. A row here blocks later runs until `sections migrate --resolve`.
 */
export const STATE = '"drizzle"."__sections_migration_state"';

export interface LedgerRow {
  readonly hash: string;
  readonly createdAt: number;
}

export interface StateRow {
  readonly tag: string;
  readonly status: 'running' | 'failed';
  readonly error: string | null;
}

/**
 * The row a run records for a migration it applied, and the row `--baseline` and `--resolve
 * --applied` record for one they mark applied without running it: the same either way.
 */
export async function recordApplied(db: Database, migration: { readonly hash: string; readonly when: number }): Promise<void> {
  await db.query(`insert into ${LEDGER} (hash, created_at) values ($1, $2)`, [migration.hash, migration.when]);
}

export async function ensureLedger(db: Database): Promise<void> {
  await db.exec(`
    CREATE SCHEMA IF NOT EXISTS "drizzle";
    CREATE TABLE IF NOT EXISTS ${LEDGER} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);
    CREATE TABLE IF NOT EXISTS ${STATE} (tag text PRIMARY KEY, status text NOT NULL, hash text NOT NULL, created_at bigint NOT NULL, error text, updated_at timestamptz NOT NULL DEFAULT now());
  `);
}

/** The ledger as it is, or empty when the database was never migrated (status must not create it). */
export async function readLedger(db: Database): Promise<{ applied: LedgerRow[]; states: StateRow[] }> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = 'drizzle' and table_name in ('__drizzle_migrations', '__sections_migration_state')`,
  );
  const has = (name: string) => tables.some((table) => table.name === name);
  const applied = has('__drizzle_migrations')
    ? (await db.query<{ hash: string; created_at: string | number }>(`select hash, created_at from ${LEDGER} order by id`)).map((row) => ({
        hash: row.hash,
        createdAt: Number(row.created_at),
      }))
    : [];
  const states = has('__sections_migration_state')
    ? await db.query<StateRow>(`select tag, status, error from ${STATE} order by tag`)
    : [];
  return { applied, states };
}
