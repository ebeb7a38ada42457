import { displayPath, loadConfig } from '../config/load-config.js';
import { UserError } from '../errors.js';
import { parseRenameSpec } from '../migrations/renames.js';
import { findForeignKeyViolations, findImportViolations } from '../model/boundaries.js';
import { applyPlan } from '../plan/apply-plan.js';
import { buildGeneratePlan, type Progress } from '../plan/generate-plan.js';
import type { FileStatus } from '../plan/plan.js';
import { registerUrlSecrets } from '../redact.js';

export interface GenerateOptions {
  readonly cwd: string;
  /** An explicit config file, relative to `cwd`. */
  readonly config?: string | undefined;
  /** Names the migration (`0003_<name>.sql`). */
  readonly name?: string | undefined;
  /** Answers to rename questions: `table.old=new` or `old_table=new_table`. */
  readonly renames?: readonly string[];
  /** Treat removed-and-added as drop and create without asking. */
  readonly noRename?: boolean;
  readonly shadowUrl?: string | undefined;
  readonly dryRun?: boolean;
  /** Regenerate scaffolded files the user owns. */
  readonly force?: boolean;
  readonly progress?: Progress;
  /** Renumber and regenerate migrations that came from another branch (see `sections check`). */
  readonly rebase?: boolean;
  /** Accept edits of generated migrations by recording their new hashes in sections.sum. */
  readonly rehash?: boolean;
}

export interface GenerateResult {
  readonly dryRun: boolean;
  readonly migration: { readonly tag: string; readonly file: string; readonly sections: readonly string[]; readonly statements: number } | null;
  readonly sections: readonly {
    readonly name: string;
    readonly tables: readonly string[];
    readonly typesFile: string;
    readonly types: FileStatus;
  }[];
  readonly files: readonly { readonly path: string; readonly kind: string; readonly section: string | null; readonly status: FileStatus }[];
  /** Broken section boundaries: `generate` warns, `check` fails. */
  readonly warnings: readonly string[];
  /** Files removed by --rebase. */
  readonly removed: readonly string[];
  /** Whether a database was booted to introspect (false when the cache answered). */
  readonly usedDatabase: boolean;
}

const MIGRATION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * `sections generate`: the unified migration for whatever the schemas changed, each section's
 * Kysely types, and missing stubs. Returns what it did; writes nothing with `dryRun`.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  if (options.name !== undefined && !MIGRATION_NAME.test(options.name)) {
    throw new UserError(`--name ${options.name}: use letters, digits, _ and - (it becomes part of the file name)`);
  }
  if (options.noRename && options.renames && options.renames.length > 0) {
    throw new UserError('--rename and --no-rename contradict each other: pick one');
  }
  const renames = (options.renames ?? []).map(parseRenameSpec);
  const config = await loadConfig({ cwd: options.cwd, configFile: options.config });
  registerUrlSecrets(options.shadowUrl ?? config.shadowUrl);

  const built = await buildGeneratePlan({
    config,
    cwd: options.cwd,
    name: options.name,
    renames,
    acceptDropAndCreate: options.noRename ?? false,
    shadowUrl: options.shadowUrl,
    progress: options.progress,
    rebase: options.rebase ?? false,
    rehash: options.rehash ?? false,
  });
  const violations = [...findForeignKeyViolations(built.model), ...(await findImportViolations(built.model))];
  const outcomes = await applyPlan(built.plan, { dryRun: options.dryRun ?? false, force: options.force ?? false });

  const statusOf = (path: string) => outcomes.find((outcome) => outcome.file.path === path)?.status ?? 'unchanged';
  return {
    dryRun: options.dryRun ?? false,
    migration: built.migration
      ? {
          tag: built.migration.tag,
          file: built.migration.files[0]!.path,
          sections: built.migration.sections,
          statements: built.migration.statements.length,
        }
      : null,
    sections: built.model.sections.map((section) => ({
      name: section.name,
      tables: [...section.tables.map((table) => table.name), ...section.extraTables],
      typesFile: section.config.typesFile,
      types: statusOf(section.config.typesFile),
    })),
    files: outcomes.map(({ file, status }) => ({ path: file.path, kind: file.kind, section: file.section ?? null, status })),
    warnings: violations.map((violation) => `section "${violation.section}": ${violation.kind === 'import' && violation.file ? `${displayPath(options.cwd, violation.file)} ` : ''}${violation.message}`),
    removed: built.plan.deletions ?? [],
    usedDatabase: built.usedDatabase,
  };
}
