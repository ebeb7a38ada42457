import { loadConfig } from '../config/load-config.js';
import type { Database } from '../database/database.js';
import { OperationError, UserError } from '../errors.js';
import { readMigrationFolder, type MigrationFolder } from '../migrations/migration-folder.js';
import { applyMigration } from '../migrate/apply-migration.js';
import { ensureLedger, readLedger, recordApplied, STATE } from '../migrate/ledger.js';
import { acquireMigrationLock, releaseMigrationLock } from '../migrate/lock.js';
import { assertNoGapBefore, migrationsToBaseline } from '../migrate/mark-applied.js';
import { computeMigrationStates, hashSql, type MigrationState } from '../migrate/migration-state.js';
import { connectTarget, type TargetSource } from '../migrate/target.js';
import { withProjectLock } from '../plan/project-lock.js';

export interface MigrateOptions {
  readonly cwd: string;
  readonly config?: string | undefined;
  /** The target database; see {@link connectTarget} for where else it may come from. */
  readonly url?: string | undefined;
  /** The embedded database in the config's `database.dataDir`. */
  readonly local?: boolean | undefined;
  readonly dryRun?: boolean;
  /** Apply pending migrations older than the newest applied one (e.g. merged from a branch). */
  readonly allowOutOfOrder?: boolean;
  /** How long to wait for another migrate's lock (and for a command writing the project). Default 60 s. */
  readonly lockTimeoutMs?: number;
  /** Told once when this run waits for another process's lock. */
  readonly onLockWait?: (message: string) => void;
  readonly connectTimeoutMs?: number;
  /**
   * Mark a failed migration as applied or rolled back, instead of migrating; a pending one can be
   * marked applied when every earlier one is.
   */
  readonly resolve?: { readonly tag: string; readonly as: 'applied' | 'rolled-back' } | undefined;
  /**
   * Record every migration up to and including this one as applied without running it, instead
   * of migrating: for a database whose tables exist already (created by `drizzle-kit push`).
   */
  readonly baseline?: string | undefined;
  readonly progress?: (step: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

export interface MigrateResult {
  /** Where it points, password redacted. */
  readonly target: string;
  /** What named the target: `--url`, `--local`, `DATABASE_URL`, `DATABASE_URL in .env`, `database.url` or `database.local`. */
  readonly targetSource: TargetSource;
  readonly dryRun: boolean;
  /** Tags applied by this run (or that would be, with dryRun), in order. */
  readonly applied: readonly string[];
  readonly resolved: { readonly tag: string; readonly as: 'applied' | 'rolled-back' } | null;
  /** With `baseline`: the migrations this run recorded as applied without running them (or would, with dryRun). */
  readonly baselined: { readonly tag: string; readonly recorded: readonly string[] } | null;
  readonly migrations: readonly MigrationState[];
}

/**
 * `sections migrate`: applies pending migrations under an advisory lock, each in its own
 * transaction with its ledger row, after checking every applied file against its checksum.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const config = await loadConfig({ cwd: options.cwd, configFile: options.config });
  const lock = { timeoutMs: options.lockTimeoutMs, onWait: options.onLockWait };
  const folder = await withProjectLock(config.rootDir, 'migrate', lock, () => readMigrationFolder(config.migrationsDir));
  const connection = await connectTarget(
    config,
    options.cwd,
    { url: options.url, local: options.local, env: options.env, connectTimeoutMs: options.connectTimeoutMs, embedded: { command: 'migrate', readOnly: options.dryRun ?? false, lock } },
    'migrate',
  );
  const { db, target, source } = connection;
  const result = (applied: readonly string[], migrations: readonly MigrationState[]): MigrateResult => ({
    target,
    targetSource: source,
    dryRun: options.dryRun ?? false,
    applied,
    resolved: null,
    baselined: null,
    migrations,
  });
  if (!db) {
    // A dry run on an embedded database not created yet: everything would run.
    const migrations = computeMigrationStates(folder, [], []);
    if (options.baseline !== undefined) return { ...result([], migrations), baselined: { tag: options.baseline, recorded: migrationsToBaseline(folder, migrations, options.baseline).map((migration) => migration.entry.tag) } };
    if (options.resolve) {
      assertResolvable(folder, options.resolve, migrations);
      return { ...result([], migrations), resolved: options.resolve };
    }
    return result(pendingOf(folder, migrations).map((migration) => migration.entry.tag), migrations);
  }
  try {
    if (db.kind === 'server') {
      options.progress?.('waiting for the migration lock');
      await acquireMigrationLock(db, options.lockTimeoutMs ?? 60_000);
    }
    // Marking migrations validates first: a refused --baseline or --resolve creates nothing.
    if (!options.dryRun && !options.resolve && options.baseline === undefined) await ensureLedger(db);
    const { applied, states } = await readLedger(db);
    const migrations = computeMigrationStates(folder, applied, states);

    const dryRun = options.dryRun ?? false;
    if (options.resolve) return { ...(await resolveMigration(db, folder, options.resolve, migrations, dryRun)), target, targetSource: source };
    if (options.baseline !== undefined) return { ...(await baselineMigrations(db, folder, options.baseline, migrations, dryRun)), target, targetSource: source };

    refuseUnsafe(migrations, options.allowOutOfOrder ?? false);
    const pending = pendingOf(folder, migrations);
    if (!options.dryRun) {
      for (const [index, migration] of pending.entries()) {
        options.progress?.(`applying ${migration.entry.tag} (${index + 1}/${pending.length})`);
        await applyMigration(db, migration);
      }
    }
    const after = options.dryRun ? migrations : computeMigrationStates(folder, (await readLedger(db)).applied, []);
    return result(pending.map((migration) => migration.entry.tag), after);
  } finally {
    if (db.kind === 'server') await releaseMigrationLock(db);
    await db.close();
  }
}

function pendingOf(folder: MigrationFolder, migrations: readonly MigrationState[]) {
  return folder.migrations.filter((migration) => migrations.find((state) => state.tag === migration.entry.tag)?.status === 'pending');
}

/** Nothing is applied while anything is wrong: every problem is checked before the first statement. */
function refuseUnsafe(migrations: readonly MigrationState[], allowOutOfOrder: boolean): void {
  const problems = migrations.flatMap((state): string[] => {
    switch (state.status) {
      case 'modified':
        return [`${state.tag}: ${state.detail} (checksum mismatch with the ledger); restore the applied version`];
      case 'missing-locally':
        return [`${state.tag}: ${state.detail}`];
      case 'failed':
        return [`${state.tag} failed earlier (${state.detail ?? 'unknown error'}); fix the database, then \`sections migrate --resolve ${state.tag} --applied\` or \`--rolled-back\``];
      case 'pending':
        return state.outOfOrder && !allowOutOfOrder
          ? [`${state.tag} is pending but older than the newest applied migration (merged from another branch?); apply it with --allow-out-of-order, or regenerate it with \`sections generate --rebase\``]
          : [];
      case 'applied':
        return [];
    }
  });
  const [first, ...rest] = problems;
  if (first) throw new OperationError(`nothing was applied: ${first}`, rest);
}

async function resolveMigration(
  db: Database,
  folder: MigrationFolder,
  resolve: NonNullable<MigrateOptions['resolve']>,
  migrations: readonly MigrationState[],
  dryRun: boolean,
): Promise<Omit<MigrateResult, 'target' | 'targetSource'>> {
  assertResolvable(folder, resolve, migrations);
  const migration = folder.migrations.find((candidate) => candidate.entry.tag === resolve.tag)!;
  const done = { dryRun, applied: [], resolved: resolve, baselined: null };
  if (dryRun) return { ...done, migrations };
  await ensureLedger(db);
  await db.exec('BEGIN');
  if (resolve.as === 'applied') await recordApplied(db, { hash: hashSql(migration.sql ?? ''), when: migration.entry.when });
  await db.query(`delete from ${STATE} where tag = $1`, [resolve.tag]);
  await db.exec('COMMIT');
  const { applied, states } = await readLedger(db);
  return { ...done, migrations: computeMigrationStates(folder, applied, states) };
}

/** A failed migration either way; a pending one as applied, when every earlier one is. */
function assertResolvable(folder: MigrationFolder, resolve: NonNullable<MigrateOptions['resolve']>, migrations: readonly MigrationState[]): void {
  const state = migrations.find((candidate) => candidate.tag === resolve.tag);
  if (!state) throw new UserError(`--resolve ${resolve.tag}: no migration with that name in the journal`);
  const pendingMarkedApplied = state.status === 'pending' && resolve.as === 'applied';
  if (state.status !== 'failed' && !pendingMarkedApplied) {
    throw new UserError(`--resolve ${resolve.tag}: that migration is ${state.status}, not failed${state.status === 'pending' ? ' (a pending one can only be marked --applied)' : ''}`);
  }
  if (pendingMarkedApplied) assertNoGapBefore(folder, migrations, resolve.tag);
}

/** `--baseline`: the ledger rows a real run would have written, all in one transaction. */
async function baselineMigrations(
  db: Database,
  folder: MigrationFolder,
  tag: string,
  migrations: readonly MigrationState[],
  dryRun: boolean,
): Promise<Omit<MigrateResult, 'target' | 'targetSource'>> {
  const marked = migrationsToBaseline(folder, migrations, tag);
  const done = { dryRun, applied: [], resolved: null, baselined: { tag, recorded: marked.map((migration) => migration.entry.tag) } };
  if (dryRun || marked.length === 0) return { ...done, migrations };
  await ensureLedger(db);
  await db.exec('BEGIN');
  try {
    for (const migration of marked) await recordApplied(db, { hash: hashSql(migration.sql!), when: migration.entry.when });
    await db.exec('COMMIT');
  } catch (error) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
  const { applied, states } = await readLedger(db);
  return { ...done, migrations: computeMigrationStates(folder, applied, states) };
}
