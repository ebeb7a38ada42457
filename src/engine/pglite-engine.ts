import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { OperationError } from '../errors.js';
import { writeJsonFile } from '../json-file.js';
import { splitStatements } from '../migrations/migration-folder.js';
import { hashMigration } from '../migrations/sum-file.js';
import { packageVersion } from '../package-version.js';
import { shippedClusterArchive, unpackCluster } from './empty-cluster.js';
import { execMigrationSql, kyselyOver, once, type Engine } from './engine.js';

/**
 * Smaller buffers than PGlite's defaults (128 MB shared_buffers, 100 connections): schema work
 * needs none of it, and this cuts peak RSS by about 80 MB. Passed as start parameters, not
 * `postgresqlconf`, which would overwrite the postgresql.conf of a persistent data dir.
 */
const SMALL_MEMORY = ['shared_buffers=4MB', 'max_connections=5', 'wal_buffers=256kB', 'temp_buffers=1MB'];

/**
 * All migrations run in one transaction, which locks every relation they create: 1,000 tables
 * with their sequences and indexes overflow the default lock table ("out of shared memory").
 * About 25 MB more at peak.
 */
const MANY_LOCKS = ['max_locks_per_transaction=1024'];

const START_PARAMS = [...SMALL_MEMORY, ...MANY_LOCKS].flatMap((setting) => ['-c', setting]);

/** The PGlite in use: a cluster made by one version must not be booted by another. */
const PGLITE_VERSION = packageVersion('@electric-sql/pglite') ?? 'unknown';

/**
 * Where the empty cluster comes from: a packed one (see empty-cluster.ts) or, with `null` or a
 * damaged archive, PGlite's initdb. Default: the archive shipped for the installed PGlite, if any.
 */
export type ClusterSource = string | null | undefined;

/**
 * An empty cluster, once unpacked or initialised, is kept on disk in the cache dir
 * (`pglite-<version>/`): booting a data dir on disk takes about 0.5 s and 120 MB, against 2.8 s
 * and 500 MB for initdb and 1.2 s and 260 MB for loading a dumped one into memory. It is never
 * booted itself, only copied, so a copy is never taken of a cluster another process is writing to.
 */
async function pristineCluster(cacheDir: string, source: ClusterSource): Promise<string | undefined> {
  const dir = join(cacheDir, `pglite-${PGLITE_VERSION}`);
  await removeScratchOfDeadProcesses(cacheDir);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const archive = source === undefined ? shippedClusterArchive(PGLITE_VERSION) : source;
  try {
    await mkdir(cacheDir, { recursive: true });
    await createAtomically(dir, async (temp) => {
      if (!archive || !(await unpackCluster(archive, temp))) await initialiseCluster(temp);
    });
    return existsSync(join(dir, 'PG_VERSION')) ? dir : undefined;
  } catch {
    // The cache only saves time: a read-only or full disk means booting in memory instead.
    return undefined;
  }
}

/** Runs PGlite's initdb into `dataDir` (3–4 s); the build packs its result for first runs. */
export async function initialiseCluster(dataDir: string): Promise<void> {
  await (await boot({ dataDir })).close();
}

/**
 * Fills a temporary sibling of `dir` and renames it into place, so no process ever sees half a
 * cluster. Another process may be doing the same: the first rename wins, the loser's copy goes.
 */
async function createAtomically(dir: string, fill: (temp: string) => Promise<void>): Promise<void> {
  const temp = scratchDir(dir);
  try {
    await fill(temp);
    await rename(temp, dir).catch(() => undefined);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * A scratch dir named after this process (`<base>.<pid>-<random>.tmp`), so that one left behind
 * by a killed process can be told from one still in use.
 */
function scratchDir(base: string): string {
  return `${base}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
}

/** A run killed while copying a cluster or running initdb leaves its scratch dir: about 40 MB each. */
async function removeScratchOfDeadProcesses(cacheDir: string): Promise<void> {
  const entries = await readdir(cacheDir).catch(() => [] as string[]);
  await Promise.all(
    entries.map(async (entry) => {
      const pid = /^pglite-.*\.(\d+)-[0-9a-f]+\.tmp$/.exec(entry)?.[1];
      if (pid && !isRunning(Number(pid))) await rm(join(cacheDir, entry), { recursive: true, force: true });
    }),
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface OpenPgliteOptions {
  /** A persistent data dir, seeded from the cached empty cluster when it holds none yet; omitted: in memory. */
  readonly dataDir?: string;
  /** Where the empty cluster is kept. */
  readonly cacheDir?: string;
  readonly clusterSource?: ClusterSource;
}

/**
 * A ready PGlite, in memory or on disk. Close it with `close()`; an open PGlite keeps the
 * process alive for seconds.
 *
 * @example
 * const pg = await openPglite({ dataDir: '.sections/pglite', cacheDir });
 * try { await migrate(drizzle(pg), { migrationsFolder }); } finally { await pg.close(); }
 */
export async function openPglite(options: OpenPgliteOptions = {}): Promise<PGlite> {
  const { dataDir, cacheDir } = options;
  if (!dataDir || existsSync(join(dataDir, 'PG_VERSION'))) return boot({ dataDir });
  const pristine = cacheDir ? await pristineCluster(cacheDir, options.clusterSource) : undefined;
  if (pristine) await cp(pristine, dataDir, { recursive: true });
  return boot({ dataDir });
}

export interface OpenPgliteEngineOptions {
  readonly cacheDir: string;
  readonly clusterSource?: ClusterSource;
  /**
   * The caller promises to run only statements that a rollback undoes (see `fitsOneTransaction`).
   * The engine may then work in the cached cluster itself, inside one transaction it rolls back
   * on close, instead of in a private copy.
   */
  readonly rollbackOnly: boolean;
  /**
   * The SQL of the migrations the caller applies first (the committed ones): the shared cluster
   * keeps them between runs, and `Engine.preapplied` says how many are in place already.
   */
  readonly history?: readonly string[];
  /**
   * How far the shared working cluster may grow past its committed history before it is
   * replaced by a fresh copy. A rollback leaves the catalog rows it undid as dead tuples that
   * nothing vacuums. Default 128 MB; checked after each run (10 ms).
   */
  readonly maxSharedClusterBytes?: number;
}

const MAX_SHARED_CLUSTER_BYTES = 128 * 1024 * 1024;

/**
 * A throwaway database: the default engine of `generate` and `check`. With `rollbackOnly` and
 * the shared working cluster free, that cluster, holding the committed part of `history`, inside
 * a transaction (no copy at all); otherwise a private copy of the empty cluster, removed on
 * close; without a cache, in memory.
 */
export async function openPgliteEngine(options: OpenPgliteEngineOptions): Promise<Engine> {
  const pristine = await pristineCluster(options.cacheDir, options.clusterSource);
  const shared = pristine && options.rollbackOnly
    ? await openShared(pristine, options.maxSharedClusterBytes ?? MAX_SHARED_CLUSTER_BYTES, options.history ?? [])
    : undefined;
  return shared ?? openPrivate(pristine, options.cacheDir);
}

async function openPrivate(pristine: string | undefined, cacheDir: string): Promise<Engine> {
  const dataDir = pristine ? scratchDir(join(cacheDir, 'pglite-run')) : undefined;
  const removeDataDir = () => (dataDir ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve());
  try {
    if (pristine && dataDir) await cp(pristine, dataDir, { recursive: true });
    return engineOver(await boot({ dataDir }), { afterClose: removeDataDir });
  } catch (error) {
    await removeDataDir();
    throw error;
  }
}

/**
 * The working cluster (`pglite-<version>-shared/`, a copy of the empty one), locked against other
 * processes, inside a transaction; undefined when another process holds it.
 *
 * It keeps the caller's `history` committed between runs (recorded in `sections-history.json`
 * inside it): a run applies only the migrations after the last run's, which for a project of
 * 1,000 tables saves the 5–8 s of DDL its first migration takes PGlite. Another history (a
 * switched branch, an edited migration) starts again from the empty cluster.
 */
async function openShared(pristine: string, maxBytes: number, history: readonly string[]): Promise<Engine | undefined> {
  const cluster = `${pristine}-shared`;
  const { lock } = await import('proper-lockfile');
  // Set when the cluster can't be trusted (another process may have used it) or has outgrown
  // its limit: it is removed before the lock is released, and the next run copies it afresh.
  let discard = false;
  const unlock = await lock(cluster, {
    lockfilePath: `${cluster}.lock`,
    realpath: false,
    retries: 0,
    // A process killed while holding the lock frees it after this long.
    stale: 30_000,
    onCompromised: () => {
      discard = true;
    },
  }).catch(() => undefined);
  if (!unlock) return undefined;
  const release = async () => {
    if (discard) await rm(cluster, { recursive: true, force: true });
    await unlock().catch(() => undefined);
  };
  const copyPristine = () => createAtomically(cluster, (temp) => cp(pristine, temp, { recursive: true }));
  let pg: PGlite | undefined;
  let committed: CommittedHistory;
  try {
    if (!existsSync(join(cluster, 'PG_VERSION'))) await copyPristine();
    pg = await boot({ dataDir: cluster });
    const wanted = history.map(hashMigration);
    let recorded = await readCommittedHistory(cluster);
    const objects = await countUserObjects(pg);
    const continues = recorded ? recorded.objects === objects && recorded.migrations.every((hash, index) => hash === wanted[index]) : objects === 0;
    if (!continues) {
      // Another history, or leftovers: of a run killed between COMMIT and record, or of a COMMIT
      // slipped into a migration (the rolled-back transaction cannot undo what that commits).
      await pg.close();
      await rm(cluster, { recursive: true, force: true });
      await copyPristine();
      pg = await boot({ dataDir: cluster });
      recorded = undefined;
    }
    committed = await commitHistory(pg, cluster, history, wanted, recorded);
    await pg.exec('begin');
  } catch {
    // A cluster that fails to boot (an interrupted write) is copied afresh next run.
    discard = true;
    if (pg && !pg.closed) await pg.close().catch(() => undefined);
    await release();
    return undefined;
  }
  const open = pg;
  return engineOver(
    open,
    {
      beforeClose: async () => {
        if (open.closed) return;
        await open.exec('rollback');
        if ((await databaseBytes(open)) > committed.bytes + maxBytes) discard = true;
      },
      afterClose: release,
    },
    committed.migrations.length,
  );
}

const HISTORY_FILE = 'sections-history.json';

/** The migrations committed in the shared cluster (by hash, in order), and its size and user objects right after them. */
interface CommittedHistory {
  readonly migrations: readonly string[];
  readonly bytes: number;
  readonly objects: number;
}

async function readCommittedHistory(cluster: string): Promise<CommittedHistory | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(cluster, HISTORY_FILE), 'utf8')) as Partial<CommittedHistory>;
    const { migrations, bytes, objects } = parsed;
    return Array.isArray(migrations) && typeof bytes === 'number' && typeof objects === 'number' ? { migrations, bytes, objects } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Commits the migrations of `history` that follow the recorded ones, in one transaction, and
 * records them. When one fails they are all rolled back and left to the caller, which applies
 * them inside its own transaction and reports the failure.
 */
async function commitHistory(
  pg: PGlite,
  cluster: string,
  history: readonly string[],
  wanted: readonly string[],
  recorded: CommittedHistory | undefined,
): Promise<CommittedHistory> {
  if (recorded && recorded.migrations.length === wanted.length) return recorded;
  const from = recorded?.migrations.length ?? 0;
  // Without a record the cluster is not trusted: a run killed after COMMIT starts the next one afresh.
  await rm(join(cluster, HISTORY_FILE), { force: true });
  let count = wanted.length;
  try {
    await pg.exec('begin');
    for (const sql of history.slice(from)) {
      for (const statement of splitStatements(sql)) await pg.exec(statement);
    }
    await pg.exec('commit');
  } catch {
    await pg.exec('rollback');
    count = from;
  }
  const committed = { migrations: wanted.slice(0, count), bytes: await databaseBytes(pg), objects: await countUserObjects(pg) };
  await writeJsonFile(join(cluster, HISTORY_FILE), committed);
  return committed;
}

async function databaseBytes(pg: PGlite): Promise<number> {
  const { rows } = await pg.query<{ bytes: number | string }>('select pg_database_size(current_database()) as bytes');
  return Number(rows[0]?.bytes);
}

/**
 * User schemas, relations, types, functions and extensions: what migrations create. An empty
 * cluster has none; a count other than the recorded one means something the rollback did not undo.
 */
async function countUserObjects(pg: PGlite): Promise<number> {
  const { rows } = await pg.query<{ objects: number }>(`
    select (select count(*) from pg_namespace
             where nspname not in ('pg_catalog', 'information_schema', 'public', 'pg_toast') and nspname not like 'pg\\_%temp%')
         + (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public')
         + (select count(*) from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname = 'public')
         + (select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public')
         + (select count(*) from pg_extension where extname <> 'plpgsql') as objects`);
  return Number(rows[0]?.objects);
}

interface CloseHooks {
  /** Runs while PGlite is still open (to roll back). */
  readonly beforeClose?: () => Promise<void>;
  /** Runs once it is closed (to remove its data dir). */
  readonly afterClose?: () => Promise<void>;
}

function engineOver(pg: PGlite, hooks: CloseHooks, preapplied = 0): Engine {
  const db = kyselyOver(pgliteAsPool(pg));
  return {
    kind: 'pglite',
    db,
    preapplied,
    exec: (sql) => execMigrationSql(db, sql),
    close: once(async () => {
      try {
        await hooks.beforeClose?.();
      } finally {
        try {
          await db.destroy();
        } finally {
          await hooks.afterClose?.();
        }
      }
    }),
  };
}

/**
 * PGlite posing as a `pg` pool. PGlite is one session, so a checked-out client holds it
 * exclusively: a transaction's statements never interleave with another caller's. Ending the
 * pool (destroying the Kysely instance) closes the PGlite.
 */
function pgliteAsPool(pg: PGlite): PostgresPool {
  let free = Promise.resolve();
  return {
    async connect() {
      const previous = free;
      let release!: () => void;
      free = new Promise((resolve) => (release = resolve));
      await previous;
      return { query: (sql: string, parameters: readonly unknown[]) => query(pg, sql, parameters), release } as PostgresPoolClient;
    },
    end: async () => {
      if (!pg.closed) await pg.close();
    },
  };
}

/** Like `pg`: without parameters the simple protocol, so one text may hold several statements. */
async function query(pg: PGlite, sql: string, parameters: readonly unknown[]) {
  const result = parameters.length > 0 ? await pg.query(sql, [...parameters]) : (await pg.exec(sql)).at(-1);
  return { command: result?.command, rowCount: result?.rowCount ?? result?.affectedRows ?? 0, rows: result?.rows ?? [] };
}

async function boot(options: Pick<PGliteOptions, 'dataDir'>): Promise<PGlite> {
  // V8 recompiling PGlite's hot wasm functions with TurboFan costs a schema-sized workload far more
  // than it gains (measured: 91 DDL statements and an introspection in 0.3 s instead of 1.6 s,
  // peak RSS 305 MB instead of 420 MB). Process-wide; it must precede the module's compilation.
  setFlagsFromString('--liftoff-only');
  try {
    return await PGlite.create({
      ...options,
      startParams: [...PGlite.defaultStartParams, ...START_PARAMS],
      // initdb runs postgres with its own defaults (128 MB of shared buffers) unless told otherwise:
      // these settings lower the peak of a first run by about 50 MB.
      initDbStartParams: START_PARAMS,
    });
  } catch (error) {
    throw new OperationError(`PGlite failed to start${options.dataDir ? ` in ${options.dataDir}` : ''}: ${(error as Error).message}`);
  }
}
