import type { Session } from './session.js';

/**
 * drizzle's own ledger, kept as drizzle-orm's migrator creates it, so a database migrated by
 * `drizzle-kit migrate` is up to date for `sections status` and the reverse. A row's
 * `created_at` is the journal entry's `when`; its `hash` the sha-256 of the file's text.
 */
export const LEDGER = '"drizzle"."__drizzle_migrations"';

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

export async function ensureLedger(session: Session): Promise<void> {
  await session.exec(`
    CREATE SCHEMA IF NOT EXISTS "drizzle";
    CREATE TABLE IF NOT EXISTS ${LEDGER} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);
    CREATE TABLE IF NOT EXISTS ${STATE} (tag text PRIMARY KEY, status text NOT NULL, hash text NOT NULL, created_at bigint NOT NULL, error text, updated_at timestamptz NOT NULL DEFAULT now());
  `);
}

/** The ledger as it is, or empty when the database was never migrated (status must not create it). */
export async function readLedger(session: Session): Promise<{ applied: LedgerRow[]; states: StateRow[] }> {
  if (session.kind === 'absent') return { applied: [], states: [] };
  const tables = await session.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = 'drizzle' and table_name in ('__drizzle_migrations', '__sections_migration_state')`,
  );
  const has = (name: string) => tables.some((table) => table.name === name);
  const applied = has('__drizzle_migrations')
    ? (await session.query<{ hash: string; created_at: string | number }>(`select hash, created_at from ${LEDGER} order by id`)).map((row) => ({
        hash: row.hash,
        createdAt: Number(row.created_at),
      }))
    : [];
  const states = has('__sections_migration_state')
    ? await session.query<StateRow>(`select tag, status, error from ${STATE} order by tag`)
    : [];
  return { applied, states };
}
