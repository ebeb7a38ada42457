import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { OperationError } from '../errors.js';
import { execMigrationSql, once, type Engine } from './engine.js';

/**
 * Smaller buffers than PGlite's defaults (128 MB shared_buffers, 100 connections): schema work
 * needs none of it, and this cuts peak RSS by about 80 MB. Passed as start parameters, not
 * `postgresqlconf`, which would overwrite the postgresql.conf of a persistent data dir.
 */
const SMALL_MEMORY = ['shared_buffers=4MB', 'max_connections=5', 'wal_buffers=256kB', 'temp_buffers=1MB'].flatMap(
  (setting) => ['-c', setting],
);

export interface OpenPgliteOptions {
  /** A persistent data dir, initialised when it holds no cluster yet; omitted: in memory. */
  readonly dataDir?: string;
  /**
   * Where a dump of a freshly initialised cluster is kept (`pglite-<version>.tar.gz`). A new
   * cluster loads it instead of running initdb, which takes twice as long and twice the memory.
   */
  readonly cacheDir?: string;
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
  if (dataDir && existsSync(join(dataDir, 'PG_VERSION'))) return boot({ dataDir });
  const cacheFile = cacheDir ? join(cacheDir, `pglite-${pgliteVersion()}.tar.gz`) : undefined;
  if (cacheFile && existsSync(cacheFile)) {
    try {
      return await boot({ dataDir, loadDataDir: new Blob([await readFile(cacheFile)]) });
    } catch (error) {
      await rm(cacheFile, { force: true });
      throw new OperationError(`${(error as Error).message} (from the cached cluster ${cacheFile}, now removed: run again)`);
    }
  }
  const pg = await boot({ dataDir });
  if (cacheFile) await writeCache(pg, cacheFile);
  return pg;
}

/** A throwaway in-memory PGlite: the default engine of `generate` and `check`. */
export async function openPgliteEngine(options: { cacheDir?: string }): Promise<Engine> {
  const pg = await openPglite({ cacheDir: options.cacheDir });
  const db = new Kysely<any>({ dialect: createPgliteDialect(pg) });
  return {
    kind: 'pglite',
    db,
    exec: (sql) => execMigrationSql(db, sql),
    close: once(() => db.destroy()),
  };
}

/**
 * Kysely's own PostgreSQL dialect over a PGlite posing as a `pg` pool. PGlite is one session,
 * so a checked-out client holds it exclusively: a transaction's statements never interleave
 * with another caller's. Destroying the Kysely instance closes the PGlite.
 */
export function createPgliteDialect(pg: PGlite): PostgresDialect {
  let free = Promise.resolve();
  const pool: PostgresPool = {
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
  return new PostgresDialect({ pool });
}

/** Like `pg`: without parameters the simple protocol, so one text may hold several statements. */
async function query(pg: PGlite, sql: string, parameters: readonly unknown[]) {
  const result = parameters.length > 0 ? await pg.query(sql, [...parameters]) : (await pg.exec(sql)).at(-1);
  return { command: result?.command, rowCount: result?.rowCount ?? result?.affectedRows ?? 0, rows: result?.rows ?? [] };
}

async function boot(options: Pick<PGliteOptions, 'dataDir' | 'loadDataDir'>): Promise<PGlite> {
  // V8 recompiling PGlite's hot wasm functions with TurboFan costs a schema-sized workload far more
  // than it gains (measured: 91 DDL statements and an introspection in 0.3 s instead of 1.6 s,
  // peak RSS 305 MB instead of 420 MB). Process-wide; it must precede the module's compilation.
  setFlagsFromString('--liftoff-only');
  try {
    return await PGlite.create({ ...options, startParams: [...PGlite.defaultStartParams, ...SMALL_MEMORY] });
  } catch (error) {
    throw new OperationError(`PGlite failed to start${options.dataDir ? ` in ${options.dataDir}` : ''}: ${(error as Error).message}`);
  }
}

/** The cache only saves time: failing to write it (read-only folder, full disk) is not an error. */
async function writeCache(pg: PGlite, file: string): Promise<void> {
  // Another process may write the same file at the same time: each renames its own complete copy.
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const dump = await pg.dumpDataDir('gzip');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temp, new Uint8Array(await dump.arrayBuffer()));
    await rename(temp, file);
  } catch {
    await rm(temp, { force: true });
  }
}

/** A cache made by one PGlite version must not be loaded by another. */
function pgliteVersion(): string {
  const packageJson = new URL('../package.json', import.meta.resolve('@electric-sql/pglite'));
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}
