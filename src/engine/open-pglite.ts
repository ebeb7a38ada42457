import type { PGlite } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import { copyCluster } from './copy-cluster.js';
import { join } from 'node:path';
import { bootPglite } from '../database/pglite.js';
import { pristineCluster, type ClusterSource } from './pristine-cluster.js';

export interface OpenPgliteOptions {
  /** A persistent data dir, seeded from the cached empty cluster when it holds none yet; omitted: in memory. */
  readonly dataDir?: string;
  /** Where the empty cluster is kept. */
  readonly cacheDir?: string;
  readonly clusterSource?: ClusterSource;
  readonly extensions?: readonly string[];
}

/**
 * A PGlite database that lasts (the embedded target of `migrate` and `status`): a copy of the
 * cached empty cluster on its first use, so it needs no initdb.
 *
 * @example
 * const pg = await openPglite({ dataDir: '.sections/pglite', cacheDir });
 * try { await migrate(drizzle(pg), { migrationsFolder }); } finally { await pg.close(); }
 */
export async function openPglite(options: OpenPgliteOptions = {}): Promise<PGlite> {
  const { dataDir, cacheDir, extensions } = options;
  if (dataDir && !existsSync(join(dataDir, 'PG_VERSION')) && cacheDir) {
    const pristine = await pristineCluster(cacheDir, options.clusterSource);
    if (pristine) await copyCluster(pristine, dataDir);
  }
  return bootPglite({ dataDir, extensions });
}
