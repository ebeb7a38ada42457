import { execFile } from 'node:child_process';
import { basename } from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { UserError } from '../errors.js';
import type { MigrationEntry, MigrationFolder } from '../migrations/migration-folder.js';
import { parseSumFile, SUM_FILE_NAME } from '../migrations/sum-file.js';

export interface LintScopeOptions {
  /** `--base <git ref>`: lint the migrations that ref's sections.sum does not list. */
  readonly base?: string | undefined;
  /** `--url`: lint the migrations not yet applied to that database. */
  readonly url?: string | undefined;
}

/** Which migrations are new, and how that was decided. */
export interface LintScope {
  readonly from: 'base' | 'database' | 'last';
  /** The ref, the database (password redacted), or the last migration's tag. */
  readonly against: string;
  readonly migrations: readonly MigrationEntry[];
}

/**
 * Only new migrations are linted: with `--base`, those not in that ref's sections.sum; else those
 * not yet applied to `--url`; else the last one.
 */
export async function selectLintScope(config: ResolvedConfig, cwd: string, folder: MigrationFolder, options: LintScopeOptions): Promise<LintScope> {
  const present = folder.migrations.filter((migration) => migration.sql !== undefined);
  if (options.base !== undefined) {
    if (present.length === 0) return { from: 'base', against: options.base, migrations: [] };
    const known = await sumEntriesAt(options.base, folder.dir);
    return { from: 'base', against: options.base, migrations: present.filter((migration) => !known.has(basename(migration.sqlFile))) };
  }
  if (options.url !== undefined) {
    const [{ connectTarget }, { readLedger }, { computeMigrationStates }] = await Promise.all([
      import('../migrate/target.js'),
      import('../migrate/ledger.js'),
      import('../migrate/migration-state.js'),
    ]);
    const { db, target } = await connectTarget(config, cwd, { url: options.url, embedded: { command: 'lint', readOnly: true } }, 'lint');
    try {
      const { applied, states } = db ? await readLedger(db) : { applied: [], states: [] };
      const unapplied = new Set(computeMigrationStates(folder, applied, states).filter((state) => state.status === 'pending' || state.status === 'failed').map((state) => state.tag));
      return { from: 'database', against: target, migrations: present.filter((migration) => unapplied.has(migration.entry.tag)) };
    } finally {
      await db?.close();
    }
  }
  const last = folder.migrations.at(-1);
  return { from: 'last', against: last?.entry.tag ?? '(none)', migrations: last?.sql === undefined ? [] : [last] };
}

/** The file names the ref's sections.sum lists; none when that ref has no sections.sum there. */
async function sumEntriesAt(ref: string, migrationsDir: string): Promise<Set<string>> {
  if (ref.startsWith('-') || ref.trim() === '') throw new UserError(`--base "${ref}" is not a git ref`);
  const verified = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], migrationsDir);
  if (verified.code !== 0) {
    if (/not a git repository/i.test(verified.stderr)) throw new UserError(`--base ${ref}: the migrations folder is not inside a git repository`);
    throw new UserError(`--base ${ref}: git knows no commit by that name (try a branch, a tag or origin/main)`);
  }
  const shown = await git(['show', `${verified.stdout.trim()}:./${SUM_FILE_NAME}`], migrationsDir);
  if (shown.code !== 0) return new Set();
  const entries = parseSumFile(shown.stdout);
  if (!entries) throw new UserError(`--base ${ref}: its ${SUM_FILE_NAME} is not a valid sum file (a merge conflict committed?)`);
  return new Set(entries.map((entry) => entry.file));
}

function git(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new UserError('--base needs git, which is not on the PATH'));
        return;
      }
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
