import type { Kysely } from 'kysely';
import { kysely as kyselyModule } from '../commonjs-packages.js';

/**
 * One connection to a PostgreSQL database, a server's or an embedded PGlite's, held for a whole
 * run: `migrate` takes a session advisory lock on it, and `generate` applies migrations and
 * introspects through it. Its statements run one at a time, in the order they were sent.
 */
export interface Database {
  readonly kind: 'server' | 'pglite';
  /** Where it points, safe to print (no password). */
  readonly target: string;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs SQL text over the simple protocol: one statement or several. */
  exec(sql: string): Promise<void>;
  /** Kysely over this same connection, made on first use (kysely-codegen's introspector takes one). */
  kysely(): Kysely<any>;
  /** Idempotent; afterwards no handle keeps the process alive. */
  close(): Promise<void>;
}

/** What a driver's connection answers: `pg`'s result shape, which Kysely's PostgreSQL dialect reads. */
export interface QueryResult {
  readonly command?: string | undefined;
  readonly rowCount: number;
  readonly rows: readonly unknown[];
}

/** A single connection as a driver exposes it. */
export interface Connection {
  query(sql: string, params: readonly unknown[]): Promise<QueryResult>;
  end(): Promise<void>;
}

/** The {@link Database} over one driver connection; each query waits for the one sent before it. */
export function databaseOver(kind: Database['kind'], target: string, connection: Connection): Database {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };
  let db: Kysely<any> | undefined;
  let closing: Promise<void> | undefined;
  return {
    kind,
    target,
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await serial(() => connection.query(sql, params))).rows as T[],
    exec: async (sql) => {
      await serial(() => connection.query(sql, []));
    },
    kysely: () => (db ??= kyselyOver(connection, serial)),
    close: () => (closing ??= queue.then(() => connection.end())),
  };
}

/**
 * Kysely's own PostgreSQL dialect over the connection, posing as a pool of one: Kysely acquires
 * it for each query (or transaction) and the queue keeps the order. Destroying the Kysely
 * instance leaves the connection open; `Database.close()` ends it.
 */
function kyselyOver(connection: Connection, serial: <T>(work: () => Promise<T>) => Promise<T>): Kysely<any> {
  // Loaded as kysely-codegen loads it (CommonJS), so its introspector gets the same classes.
  const { Kysely, PostgresDialect } = kyselyModule();
  const client = { query: (sql: string, params: readonly unknown[]) => serial(() => connection.query(sql, params)), release: () => undefined };
  return new Kysely<any>({ dialect: new PostgresDialect({ pool: { connect: async () => client as never, end: async () => undefined } }) });
}
