import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * PGlite's empty cluster, packed when sections is built (scripts/pack-empty-cluster.mjs) and
 * shipped in dist/. A first run unpacks it in about 0.6 s (40 MB on disk), where PGlite's initdb takes
 * 3–4 s and peaks at 550–700 MB: the largest cost of a first run, on every new machine and CI
 * cache. A cluster is only valid for the PGlite version that made it, hence the version in the name.
 */

/** Where the build puts the empty cluster of PGlite `version` (the same path from src/ and dist/). */
export function clusterArchivePath(version: string): string {
  return fileURLToPath(new URL(`../../dist/pglite-${version}-empty-cluster.tar.gz`, import.meta.url));
}

/** The archive of the empty cluster shipped for PGlite `version`, if this build has one. */
export function shippedClusterArchive(version: string): string | undefined {
  const archive = clusterArchivePath(version);
  return existsSync(archive) ? archive : undefined;
}

/**
 * Unpacks a packed cluster into `dir`. False, leaving no `dir`, when the archive cannot be read or
 * holds no cluster: the caller then runs initdb, which is slower but always right.
 */
export async function unpackCluster(archive: string, dir: string): Promise<boolean> {
  try {
    const { extract } = await import('tar');
    await mkdir(dir, { recursive: true });
    // Synchronously: twice as fast as node-tar's streaming extraction (0.55 s against 1 s).
    extract({ file: archive, cwd: dir, strict: true, sync: true });
    if (existsSync(join(dir, 'PG_VERSION'))) return true;
  } catch {
    // Reported as `false`: a damaged archive costs an initdb, not the run.
  }
  await rm(dir, { recursive: true, force: true });
  return false;
}

/** Packs the cluster in `dir` into `archive` (gzip), written whole or not at all. */
export async function packCluster(dir: string, archive: string): Promise<void> {
  const { create } = await import('tar');
  await mkdir(dirname(archive), { recursive: true });
  const temp = `${archive}.${process.pid}.tmp`;
  try {
    await create({ file: temp, cwd: dir, gzip: { level: 9 }, portable: true }, ['.']);
    await rename(temp, archive);
  } finally {
    await rm(temp, { force: true });
  }
}
