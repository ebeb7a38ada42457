import { loadLocatedConfig, type ConfigLocation } from '../config/load-config.js';
import type { ModuleLoader } from '../config/module-loader.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { chooseBackend } from '../engine/create-backend.js';
import { withBootingEngineThread, type BootingEngineThread, type EngineHost } from '../engine/engine-thread.js';
import type { ImportViolation } from '../model/boundaries.js';
import { findImportViolationsIfOn } from './check-boundaries.js';

/** What a full `generate` or `check` run starts before it builds its plan, so that it overlaps the plan. */
export interface StartedEarly {
  /** Whether the stamp says the config or the schemas changed since the last full run. */
  readonly schemasChanged: boolean;
  /** The engine's thread, starting up when it is likely needed (the schemas changed). */
  readonly engineThread: BootingEngineThread | undefined;
  /** The imports between sections, found while the calling thread would otherwise wait for the engine. */
  readonly importViolations: Promise<readonly ImportViolation[]>;
}

/**
 * Loads the config (the engine's thread starting up meanwhile when `schemasChanged`, as the
 * stamp says, or on the `engineHost`'s thread, and warming the engine as soon as the config names
 * it), runs `work` with it and with what is started early, then ends whatever `work` left running:
 * nothing outlives the command but what the host keeps.
 */
export async function withConfigStartedEarly<T>(
  location: ConfigLocation,
  started: { readonly schemasChanged: boolean; readonly shadowUrlFlag: string | undefined; readonly engineHost: EngineHost | undefined },
  work: (config: ResolvedConfig, loader: ModuleLoader, started: StartedEarly) => Promise<T>,
): Promise<T> {
  const { schemasChanged, shadowUrlFlag, engineHost } = started;
  return withBootingEngineThread(engineHost, schemasChanged, async (engineThread) => {
    const { config, loader } = await loadLocatedConfig(location);
    engineThread?.warm(chooseBackend(config, shadowUrlFlag));
    const importViolations = findImportViolationsIfOn(config);
    importViolations.catch(() => undefined);
    try {
      return await work(config, loader, { schemasChanged, engineThread, importViolations });
    } finally {
      loader.dispose();
      await importViolations.catch(() => undefined);
    }
  });
}
