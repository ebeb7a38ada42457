import type { Extension, PGlite } from '@electric-sql/pglite';
import { OperationError } from '../errors.js';
import { packageVersion } from '../package-version.js';
import { databaseOver, type Database } from './database.js';

/** The PGlite in use: a cluster made by one version must not be booted by another. */
export const PGLITE_VERSION = packageVersion('@electric-sql/pglite') ?? 'unknown';

/**
 * Smaller buffers than PGlite's defaults (128 MB shared_buffers, 100 connections): schema work
 * needs none of it, and this lowers peak memory a lot. Passed as start parameters, not
 * `postgresqlconf`, which would overwrite the postgresql.conf of a persistent data dir.
 */
const SMALL_MEMORY = ['shared_buffers=4MB', 'max_connections=5', 'wal_buffers=256kB', 'temp_buffers=1MB'];

/**
 * A first migration of a large project creates thousands of relations in one transaction, each
 * locked until it ends: more than the default lock table holds ("out of shared memory").
 */
const MANY_LOCKS = ['max_locks_per_transaction=1024'];

const START_PARAMS = [...SMALL_MEMORY, ...MANY_LOCKS].flatMap((setting) => ['-c', setting]);

export interface BootOptions {
  /** A data dir on disk (created by initdb when empty); omitted: in memory. */
  readonly dataDir?: string | undefined;
  /** Contrib extensions to make available (`CREATE EXTENSION` still decides what is installed). */
  readonly extensions?: readonly string[];
}

/** A ready PGlite. Close it: an open one keeps the process alive for seconds. */
export async function bootPglite(options: BootOptions): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  try {
    return await PGlite.create({
      dataDir: options.dataDir,
      extensions: await loadExtensions(options.extensions ?? []),
      startParams: [...PGlite.defaultStartParams, ...START_PARAMS],
      // initdb runs postgres with its own defaults (128 MB of shared buffers) unless told otherwise.
      initDbStartParams: START_PARAMS,
    });
  } catch (error) {
    throw new OperationError(`PGlite failed to start${options.dataDir ? ` in ${options.dataDir}` : ''}: ${(error as Error).message}`);
  }
}

/** The {@link Database} over a PGlite; closing it closes the PGlite. */
export function pgliteDatabase(pg: PGlite, target: string): Database {
  return databaseOver('pglite', target, {
    // Like `pg`: without parameters the simple protocol, so one text may hold several statements.
    query: async (sql, params) => {
      const result = params.length > 0 ? await pg.query(sql, [...params]) : (await pg.exec(sql)).at(-1);
      return { command: (result as { command?: string } | undefined)?.command, rowCount: result?.affectedRows ?? 0, rows: result?.rows ?? [] };
    },
    end: async () => {
      if (!pg.closed) await pg.close();
    },
  });
}

/**
 * The extensions migrations create, by name. PGlite ships the contrib modules but loads only
 * those it is given when it starts. A name found in a comment costs only a load; one PGlite does
 * not ship is left to `CREATE EXTENSION`, whose error then says so (see `missingExtensionHint`).
 */
export function requestedExtensions(migrationSql: readonly string[]): string[] {
  const names = new Set<string>();
  for (const sql of migrationSql) {
    for (const match of sql.matchAll(/\bcreate\s+extension\s+(?:if\s+not\s+exists\s+)?(?:"([^"]+)"|([a-z_][\w-]*))/gi)) {
      names.add((match[1] ?? match[2]!).toLowerCase());
    }
  }
  return [...names].sort();
}

/** plpgsql is part of every cluster. */
const BUILT_IN = new Set(['plpgsql']);

async function loadExtensions(names: readonly string[]): Promise<Record<string, Extension>> {
  const loaded: Record<string, Extension> = {};
  for (const name of names) {
    if (BUILT_IN.has(name)) continue;
    const exportName = name.replace(/-/g, '_');
    try {
      const module = (await import(`@electric-sql/pglite/contrib/${exportName}`)) as Record<string, Extension | undefined>;
      const extension = module[exportName];
      if (extension) loaded[exportName] = extension;
    } catch {
      // Not shipped with this PGlite: CREATE EXTENSION reports it.
    }
  }
  return loaded;
}

/** The fix for PostgreSQL's "extension … is not available" on the embedded engine. */
export function missingExtensionHint(message: string): string | undefined {
  const name = /extension "([^"]+)" is not available/.exec(message)?.[1];
  return name
    ? `the embedded PostgreSQL (PGlite ${PGLITE_VERSION}) does not ship extension "${name}": point shadow.url in the config (or --shadow-url) at a PostgreSQL server that has it`
    : undefined;
}
