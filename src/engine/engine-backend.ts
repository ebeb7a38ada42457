import type { Database } from '../database/database.js';

/** The migrations committed in a history database (by hash, in order) and the user objects they made. */
export interface CommittedHistory {
  readonly migrations: readonly string[];
  readonly objects: number;
}

/**
 * A database an engine keeps between runs with the project's committed migrations in it, so a
 * run applies only the migrations after the last run's.
 */
export interface HistoryDatabase {
  readonly db: Database;
  /** What is committed in it: a prefix of the history it was opened for. */
  readonly committed: CommittedHistory;
  /**
   * Records what is committed now, or, with `undefined`, that nobody knows (before committing
   * more): a run killed in between leaves no record, and the next run starts afresh.
   */
  record(committed: CommittedHistory | undefined): Promise<void>;
  /** Releases it; with `discard` it is removed too, and the next run starts from an empty database. */
  close(discard: boolean): Promise<void>;
}

/** Where `generate` and `check` run migrations: the embedded PGlite, or a PostgreSQL server. */
export interface EngineBackend {
  /** The engine and its version: what an execution's result depends on besides the SQL. */
  identity(): Promise<string>;
  /**
   * Starts, in the background, what does not depend on the history (claiming, filling and booting
   * the embedded engine's cluster; connecting to the server), so that it overlaps the reading of
   * the migrations folder. The next `openHistory` takes over what it opened; `close` ends it otherwise.
   */
  warm(): void;
  /**
   * The history database, holding a prefix of `history` (migration hashes, in order) committed;
   * `undefined` when another process is using it or it cannot be kept.
   */
  openHistory(history: readonly string[], extensions: readonly string[]): Promise<HistoryDatabase | undefined>;
  /** An empty database of this run's own, removed on close. */
  openScratch(extensions: readonly string[]): Promise<Database>;
  /** Ends what the backend holds besides the databases it opened (a server connection). */
  close(): Promise<void>;
}

/**
 * Whether a history database can be built on: its record is a prefix of the wanted history and
 * nothing was made behind the record's back. One without a record is not trusted (a run was
 * killed while committing), unless it was created just now.
 */
export function continuesHistory(recorded: CommittedHistory | undefined, objects: number, wanted: readonly string[]): boolean {
  if (!recorded) return false;
  return recorded.objects === objects && recorded.migrations.length <= wanted.length && recorded.migrations.every((hash, index) => hash === wanted[index]);
}

/**
 * User schemas, relations, types, functions and extensions: what migrations create. A count
 * other than the recorded one means something a rollback did not undo, or a commit unrecorded.
 */
export async function countUserObjects(db: Database): Promise<number> {
  const [row] = await db.query<{ objects: number | string }>(`
    select (select count(*) from pg_namespace
             where nspname not in ('pg_catalog', 'information_schema', 'public', 'pg_toast') and nspname not like 'pg\\_%temp%')
         + (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast'))
         + (select count(*) from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast'))
         + (select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname not in ('pg_catalog', 'information_schema'))
         + (select count(*) from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
             where a.attnum > 0 and not a.attisdropped and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast'))
         + (select count(*) from pg_constraint)
         + (select count(*) from pg_extension where extname <> 'plpgsql') as objects`);
  return Number(row?.objects);
}
