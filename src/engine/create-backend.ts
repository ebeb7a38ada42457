import type { EngineBackend } from './engine-backend.js';

/** Which engine, as plain data: it crosses to the engine's thread. */
export type BackendChoice =
  | { readonly kind: 'pglite'; readonly cacheDir: string }
  | { readonly kind: 'server'; readonly url: string; readonly projectKey: string };

/** The shadow server when there is a URL for one (the flag's, else the config's), else the embedded engine. */
export function chooseBackend(
  project: { readonly configFile: string; readonly cacheDir: string; readonly shadowUrl?: string | undefined },
  shadowUrlFlag: string | undefined,
): BackendChoice {
  const url = shadowUrlFlag ?? project.shadowUrl;
  return url ? { kind: 'server', url, projectKey: project.configFile } : { kind: 'pglite', cacheDir: project.cacheDir };
}

/**
 * The chosen engine; each is imported only when chosen. A `resident` one keeps what a run opened
 * (the embedded engine's history cluster, booted) for the next run, until it is closed.
 */
export async function createBackend(choice: BackendChoice, resident = false): Promise<EngineBackend> {
  if (choice.kind === 'server') {
    const { serverBackend } = await import('./server-backend.js');
    return serverBackend(choice.url, choice.projectKey);
  }
  const { pgliteBackend } = await import('./pglite-backend.js');
  return pgliteBackend({ cacheDir: choice.cacheDir, keepBooted: resident });
}
