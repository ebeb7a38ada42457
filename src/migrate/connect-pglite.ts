import { mkdir } from 'node:fs/promises';
import type { Database } from '../database/database.js';
import { pgliteDatabase } from '../database/pglite.js';

/**
 * The embedded target: a PGlite database persisted in a data dir, for local work with nothing
 * installed. PGlite is one process's: no lock is needed beyond the run itself.
 */
export async function connectPglite(dataDir: string, cacheDir: string, target: string): Promise<Database> {
  const { openPglite } = await import('../engine/open-pglite.js');
  await mkdir(dataDir, { recursive: true });
  return pgliteDatabase(await openPglite({ dataDir, cacheDir }), target);
}
