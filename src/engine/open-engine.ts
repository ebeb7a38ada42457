import type { Engine } from './engine.js';

export interface OpenEngineOptions {
  /** A server to create the temporary database on; omitted: embedded PGlite. */
  readonly shadowUrl?: string | undefined;
  /** Where the PGlite engine keeps its initialised-cluster cache. */
  readonly cacheDir: string;
  /** Only statements a rollback undoes will run (see `fitsOneTransaction`): PGlite may skip copying its cluster. */
  readonly rollbackOnly: boolean;
  /** The SQL of the migrations that will be applied first, in order (see `Engine.preapplied`). */
  readonly history?: readonly string[];
}

/** The throwaway database to apply migrations to. Each engine is imported only when chosen. */
export async function openEngine(options: OpenEngineOptions): Promise<Engine> {
  if (options.shadowUrl) {
    const { openServerEngine } = await import('./server-engine.js');
    return openServerEngine({ url: options.shadowUrl });
  }
  const { openPgliteEngine } = await import('./pglite-engine.js');
  return openPgliteEngine({ cacheDir: options.cacheDir, rollbackOnly: options.rollbackOnly, history: options.history ?? [] });
}
