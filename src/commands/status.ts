import { loadConfig } from '../config/load-config.js';
import { readMigrationFolder } from '../migrations/migration-folder.js';
import { withProjectLock } from '../plan/project-lock.js';
import type { LockOptions } from '../lock-file.js';
import { readLedger } from '../migrate/ledger.js';
import { computeMigrationStates, type MigrationState } from '../migrate/migration-state.js';
import { connectTarget } from '../migrate/target.js';

export interface StatusOptions {
  readonly cwd: string;
  readonly config?: string | undefined;
  readonly url?: string | undefined;
  readonly connectTimeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** How long to wait for a command writing the project (or using the embedded database), and what to say meanwhile. */
  readonly lock?: LockOptions;
}

export interface StatusResult {
  readonly target: string;
  /** True when every migration is applied and nothing diverged: usable as a deploy gate. */
  readonly upToDate: boolean;
  readonly migrations: readonly MigrationState[];
}

/** `sections status`: every migration as applied / pending / modified / failed / missing-locally. Reads only. */
export async function status(options: StatusOptions): Promise<StatusResult> {
  const config = await loadConfig({ cwd: options.cwd, configFile: options.config });
  const folder = await withProjectLock(config.rootDir, 'status', options.lock, () => readMigrationFolder(config.migrationsDir));
  const session = await connectTarget(config, options.cwd, {
    url: options.url,
    env: options.env,
    connectTimeoutMs: options.connectTimeoutMs,
    embedded: { command: 'status', readOnly: true, lock: options.lock },
  });
  try {
    const { applied, states } = await readLedger(session);
    const migrations = computeMigrationStates(folder, applied, states);
    return { target: session.target, upToDate: migrations.every((state) => state.status === 'applied'), migrations };
  } finally {
    await session.close();
  }
}
