import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bootPglite, PGLITE_VERSION } from '../database/pglite.js';
import { isRunning } from '../lock-file.js';
import { copyCluster } from './copy-cluster.js';
import { shippedClusterArchive, unpackCluster } from './empty-cluster.js';

/**
 * Where the empty cluster comes from: a packed one (see empty-cluster.ts) or, with `null` or a
 * damaged archive, PGlite's initdb. Default: the archive shipped for the installed PGlite, if any.
 */
export type ClusterSource = string | null | undefined;

/**
 * PGlite's empty cluster, kept on disk in the cache dir (`pglite-<version>/`) once unpacked or
 * initialised for a copy (a scratch database, `migrate`'s embedded database; the history cluster
 * is filled straight from the archive, see `fillWithEmptyCluster`): booting a data dir on disk is
 * far cheaper than initdb or loading a dump into memory. It is never booted itself, only copied,
 * so no copy is ever taken of a cluster another process is writing to. `undefined` when the cache
 * cannot be written (a read-only or full disk): the caller then works in memory.
 */
export async function pristineCluster(cacheDir: string, source: ClusterSource): Promise<string | undefined> {
  const dir = pristineClusterDir(cacheDir);
  await removeScratchOfDeadProcesses(cacheDir);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const archive = archiveOf(source);
  try {
    await mkdir(cacheDir, { recursive: true });
    await createAtomically(dir, async (temp) => {
      if (!archive || !(await unpackCluster(archive, temp))) await initialiseCluster(temp);
    });
    return existsSync(join(dir, 'PG_VERSION')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fills `dir` (a scratch dir about to be renamed into place) with an empty cluster, writing it
 * once: a copy of the one kept in the cache when there is one, else the packed archive unpacked
 * straight into it (a fresh clone's first run writes 40 MB instead of 80), else a copy of
 * initdb's, which is kept for the next time.
 */
export async function fillWithEmptyCluster(cacheDir: string, source: ClusterSource, dir: string): Promise<void> {
  const kept = pristineClusterDir(cacheDir);
  if (existsSync(join(kept, 'PG_VERSION'))) return copyCluster(kept, dir);
  const archive = archiveOf(source);
  if (archive && (await unpackCluster(archive, dir))) return;
  const initialised = await pristineCluster(cacheDir, null);
  if (!initialised) throw new Error(`PGlite's empty cluster cannot be kept in ${cacheDir}`);
  await copyCluster(initialised, dir);
}

/** The archive a source names: by default the one shipped for the installed PGlite, if any. */
function archiveOf(source: ClusterSource): string | null | undefined {
  return source === undefined ? shippedClusterArchive(PGLITE_VERSION) : source;
}

/** Where the empty cluster of the installed PGlite is kept in `cacheDir`. */
export function pristineClusterDir(cacheDir: string): string {
  return join(cacheDir, `pglite-${PGLITE_VERSION}`);
}

/** Runs PGlite's initdb into `dataDir`; the build packs its result for first runs. */
export async function initialiseCluster(dataDir: string): Promise<void> {
  await (await bootPglite({ dataDir })).close();
}

/**
 * Fills a temporary sibling of `dir` and renames it into place, so no process ever sees half a
 * cluster. Another process may be doing the same: the first rename wins, the loser's copy goes.
 */
export async function createAtomically(dir: string, fill: (temp: string) => Promise<void>): Promise<void> {
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
export function scratchDir(base: string): string {
  return `${base}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
}

/** A run killed while copying a cluster or running initdb leaves its scratch dir behind (tens of MB). */
export async function removeScratchOfDeadProcesses(cacheDir: string): Promise<void> {
  const entries = await readdir(cacheDir).catch(() => [] as string[]);
  await Promise.all(
    entries.map(async (entry) => {
      const pid = /^pglite-.*\.(\d+)-[0-9a-f]+\.tmp$/.exec(entry)?.[1];
      if (pid && !isRunning(Number(pid))) await rm(join(cacheDir, entry), { recursive: true, force: true });
    }),
  );
}
