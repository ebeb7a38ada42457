import { mkdir } from 'node:fs/promises';
import type { Session } from './session.js';

/**
 * The embedded target: a PGlite database persisted in a data dir, for local work with nothing
 * installed. PGlite is one process's: no lock is needed beyond the run itself.
 */
export async function connectPglite(dataDir: string, cacheDir: string): Promise<Session> {
  const { openPglite } = await import('../engine/pglite-engine.js');
  await mkdir(dataDir, { recursive: true });
  const pg = await openPglite({ dataDir, cacheDir });
  return {
    target: `embedded PGlite (${dataDir})`,
    kind: 'pglite',
    query: async <T>(sql: string, params?: readonly unknown[]) => (await pg.query<T>(sql, params ? [...params] : undefined)).rows,
    exec: async (sql: string) => {
      await pg.exec(sql);
    },
    close: async () => {
      if (!pg.closed) await pg.close();
    },
  };
}
