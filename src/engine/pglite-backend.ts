import type { PGlite } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../database/database.js';
import { bootPglite, pgliteDatabase, PGLITE_VERSION } from '../database/pglite.js';
import { writeJsonFile } from '../json-file.js';
import { acquireLockFile, type HeldLock } from '../lock-file.js';
import { copyCluster } from './copy-cluster.js';
import { continuesHistory, countUserObjects, type CommittedHistory, type EngineBackend, type HistoryDatabase } from './engine-backend.js';
import { createAtomically, fillWithEmptyCluster, pristineCluster, pristineClusterDir, removeScratchOfDeadProcesses, scratchDir, type ClusterSource } from './pristine-cluster.js';

export interface PgliteBackendOptions {
  /** Where the empty cluster and the working copies are kept. */
  readonly cacheDir: string;
  readonly clusterSource?: ClusterSource;
  /**
   * How far the history cluster may grow past its committed history before it is replaced by a
   * fresh copy: a rollback leaves the catalog rows it undid as dead tuples that nothing vacuums.
   */
  readonly maxGrowthBytes?: number;
  /**
   * Keep the history cluster booted, and locked, after a run for the next one (a resident engine,
   * see `residentEngine`) instead of releasing it; `close` releases it.
   */
  readonly keepBooted?: boolean;
}

const MAX_GROWTH_BYTES = 128 * 1024 * 1024;
const RECORD_FILE = 'sections-history.json';

/** The embedded engine: the history cluster and scratch copies of PGlite's empty cluster, in the cache dir. */
export function pgliteBackend(options: PgliteBackendOptions): EngineBackend {
  // Claimed by `warm`, before anybody knows the history, or kept booted by the last run; the next
  // `openHistory` takes it over.
  let warmed: Promise<ClaimedCluster | undefined> | undefined;
  const takeWarmed = () => {
    const claim = warmed;
    warmed = undefined;
    return claim;
  };
  const keep = options.keepBooted
    ? (claimed: ClaimedCluster) => {
        warmed = Promise.resolve(claimed);
      }
    : undefined;
  return {
    identity: async () => `pglite@${PGLITE_VERSION}`,
    warm: () => {
      warmed ??= claimHistoryCluster(options);
    },
    openHistory: async (history, extensions) => {
      const claimed = await (takeWarmed() ?? claimHistoryCluster(options));
      return claimed ? openHistoryCluster(claimed, options, history, extensions, keep) : undefined;
    },
    openScratch: async (extensions) => openScratchCluster(await pristineCluster(options.cacheDir, options.clusterSource), options.cacheDir, extensions),
    close: async () => {
      const claimed = await takeWarmed();
      if (claimed) await releaseCluster(claimed.lock, claimed.pg);
    },
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
  /** The extensions that history creates: the next run boots with them before it reads the history. */
  readonly extensions: readonly string[];
}

/**
 * The working cluster (`pglite-<version>-shared/`), locked against other processes, filled with
 * the empty cluster if need be and booted with the extensions its record names: all that needs
 * no history, so it can start before the config is loaded.
 */
interface ClaimedCluster {
  readonly dir: string;
  readonly lock: HeldLock;
  /** Filled just now: empty, so it continues any history. */
  readonly created: boolean;
  readonly recorded: ClusterRecord | undefined;
  readonly pg: PGlite;
  readonly extensions: readonly string[];
}

/** `undefined` when another process holds the cluster, or it cannot be filled or booted. */
async function claimHistoryCluster(options: PgliteBackendOptions): Promise<ClaimedCluster | undefined> {
  const { cacheDir } = options;
  const dir = `${pristineClusterDir(cacheDir)}-shared`;
  await removeScratchOfDeadProcesses(cacheDir);
  // No waiting: a run that finds the history cluster busy works in a scratch copy instead.
  const lock = await acquireLockFile(`${dir}.lock`, { command: 'generate', what: 'the history cluster', timeoutMs: 0 }).catch(() => undefined);
  if (!lock) return undefined;
  let pg: PGlite | undefined;
  try {
    const created = !existsSync(join(dir, 'PG_VERSION'));
    if (created) await fillHistoryCluster(dir, options);
    const recorded = await readRecord(dir);
    const extensions = recorded?.extensions ?? [];
    pg = await bootPglite({ dataDir: dir, extensions });
    return { dir, lock, created, recorded, pg, extensions };
  } catch {
    await discardCluster(dir, lock, pg);
    return undefined;
  }
}

/**
 * The claimed cluster as the history database. Its record (`sections-history.json` inside it)
 * lists the committed migrations; another history (a switched branch, an edited migration) or
 * objects nobody recorded start again from the empty cluster. Closed without being discarded, it
 * is handed to `keep` when there is one, still booted and locked, else released.
 */
async function openHistoryCluster(
  claimed: ClaimedCluster,
  options: PgliteBackendOptions,
  history: readonly string[],
  extensions: readonly string[],
  keep: ((claimed: ClaimedCluster) => void) | undefined,
): Promise<HistoryDatabase | undefined> {
  const { dir, lock } = claimed;
  const maxGrowthBytes = options.maxGrowthBytes ?? MAX_GROWTH_BYTES;
  let pg: PGlite = claimed.pg;
  let booted = claimed.extensions;
  const boot = async () => {
    pg = await bootPglite({ dataDir: dir, extensions });
    booted = extensions;
  };
  try {
    if (extensions.some((name) => !booted.includes(name))) {
      await pg.close();
      await boot();
    }
    let recorded = claimed.recorded;
    let db = pgliteDatabase(pg, 'embedded PostgreSQL (PGlite)');
    if (!claimed.created && !continuesHistory(recorded, await countUserObjects(db), history)) {
      await pg.close();
      await rm(dir, { recursive: true, force: true });
      await fillHistoryCluster(dir, options);
      await boot();
      db = pgliteDatabase(pg, 'embedded PostgreSQL (PGlite)');
      recorded = undefined;
    }
    const open = pg;
    let record: ClusterRecord = recorded ?? { migrations: [], objects: await countUserObjects(db), bytes: await databaseBytes(db), extensions };
    return {
      db,
      committed: record,
      record: async (committed) => {
        if (!committed) return rm(join(dir, RECORD_FILE), { force: true });
        record = { ...committed, bytes: await databaseBytes(db), extensions };
        await writeJsonFile(join(dir, RECORD_FILE), record);
      },
      close: async (discard) => {
        let remove = discard;
        try {
          if (!remove && !open.closed) remove = (await databaseBytes(db)) > record.bytes + maxGrowthBytes;
        } finally {
          if (remove) await discardCluster(dir, lock, open);
          else if (keep && !open.closed) keep({ dir, lock, created: false, recorded: record, pg: open, extensions: booted });
          else await releaseCluster(lock, open);
        }
      },
    };
  } catch {
    // A cluster that fails to boot (an interrupted write): removed, and filled afresh next run.
    await discardCluster(dir, lock, pg);
    return undefined;
  }
}

/** Fills the history cluster with the empty one, whole or not at all. */
function fillHistoryCluster(dir: string, options: PgliteBackendOptions): Promise<void> {
  return createAtomically(dir, (temp) => fillWithEmptyCluster(options.cacheDir, options.clusterSource, temp));
}

async function releaseCluster(lock: HeldLock, pg: PGlite): Promise<void> {
  try {
    if (!pg.closed) await pg.close();
  } finally {
    await lock.release().catch(() => undefined);
  }
}

async function discardCluster(dir: string, lock: HeldLock, pg: PGlite | undefined): Promise<void> {
  if (pg && !pg.closed) await pg.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
  await lock.release().catch(() => undefined);
}

async function readRecord(cluster: string): Promise<ClusterRecord | undefined> {
  try {
    const { migrations, objects, bytes, extensions } = JSON.parse(await readFile(join(cluster, RECORD_FILE), 'utf8')) as Partial<ClusterRecord>;
    if (!Array.isArray(migrations) || typeof objects !== 'number' || typeof bytes !== 'number') return undefined;
    return { migrations, objects, bytes, extensions: Array.isArray(extensions) ? extensions : [] };
  } catch {
    return undefined;
  }
}

async function databaseBytes(db: Database): Promise<number> {
  const [row] = await db.query<{ bytes: number | string }>('select pg_database_size(current_database()) as bytes');
  return Number(row?.bytes);
}
