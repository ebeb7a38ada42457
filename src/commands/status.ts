import { loadConfig } from '../config/load-config.js';
import { readMigrationFolder } from '../migrations/migration-folder.js';
import { readLedger } from '../migrate/ledger.js';
import { computeMigrationStates, type MigrationState } from '../migrate/migration-state.js';
import { connectTarget, type TargetSource } from '../migrate/target.js';
import { withProjectLock } from '../plan/project-lock.js';
import type { LockOptions } from '../lock-file.js';

export interface StatusOptions {
  readonly cwd: string;
  readonly config?: string | undefined;
  /** The target database; see {@link connectTarget} for where else it may come from. */
  readonly url?: string | undefined;
  /** The embedded database in the config's `database.dataDir`. */
  readonly local?: boolean | undefined;
  readonly connectTimeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** How long to wait for a command writing the project (or using the embedded database), and what to say meanwhile. */
  readonly lock?: LockOptions;
}

export interface StatusResult {
  /** Where it points, password redacted. */
  readonly target: string;
  /** What named the target: `--url`, `--local`, `DATABASE_URL`, `DATABASE_URL in .env`, `database.url` or `database.local`. */
  readonly targetSource: TargetSource;
  /** True when every migration is applied and nothing diverged: usable as a deploy gate. */
  readonly upToDate: boolean;
  readonly migrations: readonly MigrationState[];
}

/** `sections status`: every migration as applied / pending / modified / failed / missing-locally. Reads only. */
export async function status(options: StatusOptions): Promise<StatusResult> {
  const config = await loadConfig({ cwd: options.cwd, configFile: options.config });
  const folder = await withProjectLock(config.rootDir, 'status', options.lock, () => readMigrationFolder(config.migrationsDir));
  const { db, target, source } = await connectTarget(
    config,
    options.cwd,
    { url: options.url, local: options.local, env: options.env, connectTimeoutMs: options.connectTimeoutMs, embedded: { command: 'status', readOnly: true, lock: options.lock } },
    'status',
  );
  try {
    // An embedded database not created yet has nothing applied.
    const { applied, states } = db ? await readLedger(db) : { applied: [], states: [] };
    const migrations = computeMigrationStates(folder, applied, states);
    return { target, targetSource: source, upToDate: migrations.every((state) => state.status === 'applied'), migrations };
  } finally {
    await db?.close();
  }
}
