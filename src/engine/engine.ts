import type { Kysely, PostgresPool } from 'kysely';
import { kysely } from '../commonjs-packages.js';
import { OperationError } from '../errors.js';
import { splitStatements } from '../migrations/migration-folder.js';
import { NO_TRANSACTION_DIRECTIVE } from '../migrate/migration-state.js';

/**
 * A throwaway PostgreSQL database that `generate` and `check` apply the migrations to and then
 * introspect. Open one with `openEngine`; always `close()` it (in a `finally`).
 */
export interface Engine {
  readonly kind: 'pglite' | 'server';
  /**
   * How many of the migrations given as `history` when opening are applied already (the shared
   * PGlite cluster keeps them between runs); the caller applies the rest.
   */
  readonly preapplied: number;
  /** Kysely over the throwaway database, usable by kysely-codegen's `PostgresIntrospector`. */
  readonly db: Kysely<any>;
  /**
   * Runs a migration's SQL text: its statements (split at drizzle's `--> statement-breakpoint`)
   * in order. Rejects with an {@link OperationError} carrying the server's message and, in its
   * details, the failing statement; the caller knows which migration it was and says so.
   */
  exec(sql: string): Promise<void>;
  /** Idempotent; afterwards no handle keeps the process alive. */
  close(): Promise<void>;
}

/** Kysely's own PostgreSQL dialect over a `pg` pool, or anything that behaves like one. */
export function kyselyOver(pool: PostgresPool): Kysely<any> {
  const { Kysely, PostgresDialect } = kysely();
  return new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Runs a migration's statements in order on one connection, so session settings carry over.
 * Each goes without parameters, hence over the simple protocol: a hand-written migration may
 * hold several statements between two breakpoints.
 */
export async function execMigrationSql(db: Kysely<any>, text: string): Promise<void> {
  const { sql } = kysely();
  await db.connection().execute(async (connection) => {
    for (const statement of splitStatements(text)) {
      try {
        await sql.raw(statement).execute(connection);
      } catch (error) {
        throw new OperationError((error as Error).message, [`in statement: ${statement}`]);
      }
    }
  });
}

/**
 * Statements that end or manage the caller's transaction. A migration holding one cannot run
 * inside a transaction that is rolled back afterwards: its COMMIT would make it stick.
 * (Matches `BEGIN`/`END` of plpgsql blocks too: a false alarm only costs the slower path.)
 */
const TRANSACTION_CONTROL = /(^|;)\s*(begin|commit|end|rollback|abort|start\s+transaction|savepoint|release|prepare\s+transaction)\b/im;

/**
 * Whether the migrations can all run inside one transaction that is then rolled back, leaving
 * the database as it was: none controls transactions itself or asks to run outside one.
 */
export function fitsOneTransaction(migrationSql: readonly string[]): boolean {
  return migrationSql.every((text) => !text.includes(NO_TRANSACTION_DIRECTIVE) && !TRANSACTION_CONTROL.test(text));
}

/** Makes a close function safe to call twice or concurrently: every call waits for the one real close. */
export function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}
