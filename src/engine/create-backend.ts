import type { EngineBackend } from './engine-backend.js';

/** Which engine, as plain data: it crosses to the engine's thread. */
export type BackendChoice =
  | { readonly kind: 'pglite'; readonly cacheDir: string }
  | { readonly kind: 'server'; readonly url: string; readonly projectKey: string };

/** The chosen engine; each is imported only when chosen. */
export async function createBackend(choice: BackendChoice): Promise<EngineBackend> {
  if (choice.kind === 'server') {
    const { serverBackend } = await import('./server-backend.js');
    return serverBackend(choice.url, choice.projectKey);
  }
  const { pgliteBackend } = await import('./pglite-backend.js');
  return pgliteBackend({ cacheDir: choice.cacheDir });
}
