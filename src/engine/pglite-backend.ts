import type { PGlite } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../database/database.js';
import { bootPglite, pgliteDatabase, PGLITE_VERSION } from '../database/pglite.js';
import { writeJsonFile } from '../json-file.js';
import { acquireLockFile } from '../lock-file.js';
import { copyCluster } from './copy-cluster.js';
import { continuesHistory, countUserObjects, type CommittedHistory, type EngineBackend, type HistoryDatabase } from './engine-backend.js';
import { createAtomically, pristineCluster, scratchDir, type ClusterSource } from './pristine-cluster.js';

export interface PgliteBackendOptions {
  /** Where the empty cluster and the working copies are kept. */
  readonly cacheDir: string;
  readonly clusterSource?: ClusterSource;
  /**
   * How far the history cluster may grow past its committed history before it is replaced by a
   * fresh copy: a rollback leaves the catalog rows it undid as dead tuples that nothing vacuums.
   */
  readonly maxGrowthBytes?: number;
}

const MAX_GROWTH_BYTES = 128 * 1024 * 1024;
const RECORD_FILE = 'sections-history.json';

/** The embedded engine: copies of PGlite's empty cluster in the cache dir. */
export function pgliteBackend(options: PgliteBackendOptions): EngineBackend {
  const pristine = () => pristineCluster(options.cacheDir, options.clusterSource);
  return {
    identity: async () => `pglite@${PGLITE_VERSION}`,
    openHistory: async (history, extensions) => {
      const cluster = await pristine();
      return cluster ? openHistoryCluster(cluster, history, extensions, options.maxGrowthBytes ?? MAX_GROWTH_BYTES) : undefined;
    },
    openScratch: async (extensions) => openScratchCluster(await pristine(), options.cacheDir, extensions),
    close: async () => undefined,
  };
}

/**
 * A private copy of the empty cluster, removed on close; in memory when there is no cache.
 */
async function openScratchCluster(pristine: string | undefined, cacheDir: string, extensions: readonly string[]): Promise<Database> {
  const dataDir = pristine ? scratchDir(join(cacheDir, 'pglite-run')) : undefined;
  const removeDataDir = () => (dataDir ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve());
  try {
    if (pristine && dataDir) await copyCluster(pristine, dataDir);
    const db = pgliteDatabase(await bootPglite({ dataDir, extensions }), 'embedded PostgreSQL (PGlite)');
    return { ...db, close: () => db.close().finally(removeDataDir) };
  } catch (error) {
    await removeDataDir();
    throw error;
  }
}

interface ClusterRecord extends CommittedHistory {
  /** The database's size right after the recorded history: the base of the growth limit. */
  readonly bytes: number;
}

/**
 * The working cluster (`pglite-<version>-shared/`, a copy of the empty one), locked against other
 * processes; `undefined` when another process holds it. Its record (`sections-history.json`
 * inside it) lists the committed migrations; another history (a switched branch, an edited
 * migration) or objects nobody recorded start again from the empty cluster.
 */
async function openHistoryCluster(pristine: string, history: readonly string[], extensions: readonly string[], maxGrowthBytes: number): Promise<HistoryDatabase | undefined> {
  const cluster = `${pristine}-shared`;
  // No waiting: a run that finds the history cluster busy works in a scratch copy instead.
  const lock = await acquireLockFile(`${cluster}.lock`, { command: 'generate', what: 'the history cluster', timeoutMs: 0 }).catch(() => undefined);
  if (!lock) return undefined;
  const unlock = () => lock.release();

  const copyPristine = () => createAtomically(cluster, (temp) => copyCluster(pristine, temp));
  const boot = async () => {
    if (!existsSync(join(cluster, 'PG_VERSION'))) await copyPristine();
    return bootPglite({ dataDir: cluster, extensions });
  };
  let pg: PGlite | undefined;
  try {
    const created = !existsSync(join(cluster, 'PG_VERSION'));
    pg = await boot();
    let recorded = await readRecord(cluster);
    let db = pgliteDatabase(pg, 'embedded PostgreSQL (PGlite)');
    if (!created && !continuesHistory(recorded, await countUserObjects(db), history)) {
      await pg.close();
      await rm(cluster, { recursive: true, force: true });
      pg = await boot();
      db = pgliteDatabase(pg, 'embedded PostgreSQL (PGlite)');
      recorded = undefined;
    }
    const open = pg;
    let record: ClusterRecord = recorded ?? { migrations: [], objects: await countUserObjects(db), bytes: await databaseBytes(db) };
    return {
      db,
      committed: record,
      record: async (committed) => {
        if (!committed) return rm(join(cluster, RECORD_FILE), { force: true });
        record = { ...committed, bytes: await databaseBytes(db) };
        await writeJsonFile(join(cluster, RECORD_FILE), record);
      },
      close: async (discard) => {
        let remove = discard;
        try {
          if (!remove && !open.closed) remove = (await databaseBytes(db)) > record.bytes + maxGrowthBytes;
        } finally {
          await db.close();
          if (remove) await rm(cluster, { recursive: true, force: true });
          await unlock().catch(() => undefined);
        }
      },
    };
  } catch {
    // A cluster that fails to boot (an interrupted write): removed, and copied afresh next run.
    if (pg && !pg.closed) await pg.close().catch(() => undefined);
    await rm(cluster, { recursive: true, force: true });
    await unlock().catch(() => undefined);
    return undefined;
  }
}

async function readRecord(cluster: string): Promise<ClusterRecord | undefined> {
  try {
    const { migrations, objects, bytes } = JSON.parse(await readFile(join(cluster, RECORD_FILE), 'utf8')) as Partial<ClusterRecord>;
    return Array.isArray(migrations) && typeof objects === 'number' && typeof bytes === 'number' ? { migrations, objects, bytes } : undefined;
  } catch {
    return undefined;
  }
}

async function databaseBytes(db: Database): Promise<number> {
  const [row] = await db.query<{ bytes: number | string }>('select pg_database_size(current_database()) as bytes');
  return Number(row?.bytes);
}
