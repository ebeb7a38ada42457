import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { locateConfig, type ConfigLocation } from '../config/load-config.js';
import type { ModuleLoader } from '../config/module-loader.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { displayPath } from '../display-path.js';
import { UserError } from '../errors.js';
import type { AllowedFinding, LintFinding } from '../lint/lint-migrations.js';
import type { PlannedMigration } from '../migrations/plan-migration.js';
import { parseRenameSpec, RenameQuestionsError, type RenameAnswers, type RenameQuestion, type RenameSpec } from '../migrations/renames.js';
import { findForeignKeyViolations, type BoundaryViolation } from '../model/boundaries.js';
import { unacceptedViolations } from './check-boundaries.js';
import { withConfigStartedEarly, type StartedEarly } from './started-early.js';
import { applyPlan } from '../plan/apply-plan.js';
import type { EngineHost } from '../engine/engine-thread.js';
import type { MetadataSource } from '../engine/migrated-metadata.js';
import type { Progress } from '../progress.js';
import { createStamp, inspectStamp, removeStamp, writeStamp, type GenerationStamp } from '../plan/generation-stamp.js';
import { withProjectLock, type ProjectLock } from '../plan/project-lock.js';
import type { LockOptions } from '../lock-file.js';
import type { FileStatus } from '../planned-file.js';
import type { MigrationEntry } from '../migrations/migration-folder.js';
import { appliedLocally } from '../migrate/applied-locally.js';
import type { StubOrphan } from '../scaffold/stub-orphans.js';
import { findUnresolvedRelations } from '../scaffold/unresolved-relations.js';

export interface GenerateOptions {
  readonly cwd: string;
  /** An explicit config file, relative to `cwd`. */
  readonly config?: string | undefined;
  /** Names the migration (`0003_<name>.sql`). */
  readonly name?: string | undefined;
  /** Answers to rename questions: `table.old=new` or `old_table=new_table`. */
  readonly renames?: readonly string[];
  /** Answers to rename questions from a prompt (see `generateAsking`), on top of `renames`. */
  readonly answers?: RenameAnswers;
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
  /**
   * Index creations on existing tables go into a second migration that builds them CONCURRENTLY,
   * outside a transaction, so writes are not blocked while they build.
   */
  readonly safe?: boolean;
  /**
   * Write a migration for your own SQL (like `drizzle-kit generate --custom`). A change the schemas
   * have is taken by it (`changesTaken`), with drizzle-kit's statements for it as comments.
   */
  readonly custom?: boolean;
  /**
   * Remove stubs of tables gone from their section that are still exactly as scaffolded; with
   * `force`, edited ones too.
   */
  readonly prune?: boolean;
  /** How long to wait for another command working on the project, and what to say meanwhile. */
  readonly lock?: LockOptions;
  /**
   * The tag of a draft migration (`generate --watch`'s session keeps one): rewritten rather than
   * followed by a new migration, while it is the journal's last entry and the local embedded
   * database has not applied it.
   */
  readonly draft?: string | undefined;
  /**
   * Where the engine runs: a `residentEngine()` keeps it booted with the history applied between
   * calls (`generate --watch` passes one, and closes it). By default each call boots its own.
   */
  readonly engineHost?: EngineHost | undefined;
}

export interface WrittenMigration {
  readonly tag: string;
  readonly file: string;
  readonly sections: readonly string[];
  readonly statements: number;
  /** Written by `--custom`, for your own SQL. */
  readonly custom: boolean;
}

export interface GenerateResult {
  readonly dryRun: boolean;
  readonly migration: WrittenMigration | null;
  /** With `safe`: the second migration, the index creations built CONCURRENTLY outside a transaction. */
  readonly indexMigration: WrittenMigration | null;
  /** What the migration-safety lint finds in the migrations written (the same rules as `sections lint`). */
  readonly lint: { readonly findings: readonly LintFinding[]; readonly allowed: readonly AllowedFinding[] };
  readonly sections: readonly {
    readonly name: string;
    readonly tables: readonly string[];
    readonly typesFile: string;
    readonly types: FileStatus;
  }[];
  readonly files: readonly { readonly path: string; readonly kind: string; readonly section: string | null; readonly status: FileStatus }[];
  /** Broken section boundaries: `generate` warns, `check` fails. */
  readonly warnings: readonly string[];
  /** With `custom`: the tables and enums the schemas change, which the custom migration takes (you write their SQL). */
  readonly changesTaken: readonly string[];
  /** Files removed by --rebase. */
  readonly removed: readonly string[];
  /** Stubs of tables gone from their section, removed by --prune. */
  readonly pruned: readonly string[];
  /** Whether this run executed the migrations on a database (false when nothing changed, or the cache answered). */
  readonly usedDatabase: boolean;
  /** Where the types' database metadata came from (see `MetadataSource`); null when the tree was unchanged. */
  readonly metadataFrom: MetadataSource | null;
  /** The draft (see `draft`) this run rewrote, or removed when the schemas went back to before it. */
  readonly replacedDraft: string | null;
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
  if (options.custom && (options.rebase || options.safe)) {
    throw new UserError(`--custom writes one migration of your own; it does not go with ${options.rebase ? '--rebase' : '--safe'}`);
  }
  const renames = renameSpecs(options);
  const location = await locateConfig({ cwd: options.cwd, configFile: options.config });
  return withProjectLock(dirname(location.configFile), 'generate', options.lock, (lock) => generateHoldingLock(options, location, lock, renames));
}

/** Asks rename questions (a terminal prompt) and resolves to the answers; rejects to stop. */
export type AskRenames = (questions: readonly RenameQuestion[]) => Promise<RenameAnswers>;

/**
 * `generate`, asking `ask` whenever the schema change is ambiguous and running again with the
 * answers added. Nothing is written before every question is answered: the ambiguous run stops
 * before writing, and the project lock is not held while the user thinks.
 */
export async function generateAsking(options: GenerateOptions, ask: AskRenames): Promise<GenerateResult> {
  let current = options;
  let asked: readonly RenameQuestion[] | undefined;
  for (;;) {
    try {
      return await generate(current);
    } catch (error) {
      if (!(error instanceof RenameQuestionsError)) throw error;
      // The same questions after answering them: asking again would never end.
      if (asked && isDeepStrictEqual(asked, error.questions)) throw error;
      asked = error.questions;
      const answers = await ask(error.questions);
      const before = current.answers ?? { renames: [], created: [] };
      current = { ...current, answers: { renames: [...before.renames, ...answers.renames], created: [...before.created, ...answers.created] } };
    }
  }
}

/** `generate` for a caller that already holds the project lock (`add-table`). */
export async function generateUnderLock(options: GenerateOptions, lock: ProjectLock): Promise<GenerateResult> {
  const location = await locateConfig({ cwd: options.cwd, configFile: options.config });
  return generateHoldingLock(options, location, lock, renameSpecs(options));
}

function renameSpecs(options: GenerateOptions): RenameSpec[] {
  return (options.renames ?? []).map(parseRenameSpec);
}

async function generateHoldingLock(options: GenerateOptions, location: ConfigLocation, lock: ProjectLock, renames: readonly RenameSpec[]): Promise<GenerateResult> {
  const stamp = await inspectStamp(location, options.shadowUrl);
  const stampAnswers = !options.rebase && !options.rehash && !options.force && !options.custom && !options.prune;
  if (stampAnswers && stamp.valid) return unchangedResult(stamp.valid, options);
  return withConfigStartedEarly(location, { schemasChanged: stamp.sourcesChanged, shadowUrlFlag: options.shadowUrl, engineHost: options.engineHost }, (config, loader, started) =>
    generateWith(config, loader, lock, renames, options, started),
  );
}

async function generateWith(
  config: ResolvedConfig,
  loader: ModuleLoader,
  lock: ProjectLock,
  renames: readonly RenameSpec[],
  options: GenerateOptions,
  started: StartedEarly,
): Promise<GenerateResult> {
  const { buildGeneratePlan } = await import('../plan/generate-plan.js');
  const built = await buildGeneratePlan({
    config,
    loader,
    cwd: options.cwd,
    name: options.name,
    renames,
    answers: options.answers,
    acceptDropAndCreate: options.noRename ?? false,
    shadowUrl: options.shadowUrl,
    progress: options.progress,
    rebase: options.rebase ?? false,
    rehash: options.rehash ?? false,
    lintNew: true,
    safe: options.safe ?? false,
    custom: options.custom ?? false,
    prune: options.prune ?? false,
    force: options.force ?? false,
    schemasChanged: started.schemasChanged,
    engineThread: started.engineThread,
    ...(options.draft ? { draft: { tag: options.draft, applied: (migration: MigrationEntry) => appliedLocally(config, migration) } } : {}),
  });
  const foreignKeyViolations = findForeignKeyViolations(built.model);
  const violations = await unacceptedViolations(config, foreignKeyViolations, started.importViolations);
  const sections = built.model.sections.map((section) => ({
    name: section.name,
    tables: [...section.tables.map((table) => table.name), ...section.extraTables],
    typesFile: section.config.typesFile,
  }));
  // The stamp goes before the commit and comes back after it: it never vouches for a tree it did not see.
  if (!options.dryRun) await removeStamp(config);
  const outcomes = await applyPlan(built.plan, { lock, dryRun: options.dryRun ?? false, force: options.force ?? false });
  const deleted = new Set(built.plan.deletions);
  const pruned = built.orphans.filter((orphan) => deleted.has(orphan.path)).map((orphan) => orphan.path);
  // The stamp says the tree is clean; with orphaned stubs left it is not, and check must see them. A custom
  // migration is still to be written: the next run must read it, not trust a stamp.
  const orphansLeft = built.orphans.length > pruned.length;
  if (!options.dryRun && !orphansLeft && !options.custom) await writeStamp(config, await createStamp(config, built.loadedFiles, built.plan, sections, foreignKeyViolations, options.shadowUrl));

  const statusOf = (path: string) => outcomes.find((outcome) => outcome.file.path === path)?.status ?? 'unchanged';
  return {
    dryRun: options.dryRun ?? false,
    migration: written(built.migrations[0], options.custom ?? false),
    indexMigration: written(built.migrations[1], false),
    lint: built.lint,
    sections: sections.map((section) => ({ ...section, types: statusOf(section.typesFile) })),
    files: outcomes.map(({ file, status }) => ({ path: file.path, kind: file.kind, section: file.section ?? null, status })),
    warnings: [
      ...describeViolations(violations, options.cwd),
      ...describeOrphans(built.orphans.filter((orphan) => !deleted.has(orphan.path)), options),
      ...(await findUnresolvedRelations(built.model, built.plan.files)).map(
        (found) =>
          `section "${found.section}": ${displayPath(options.cwd, found.file)} gives drizzle ${found.relations.join(', ')}, which reach${found.relations.length === 1 ? 'es' : ''} other sections' tables: ` +
          'every query of their tables fails; leave them out of its schema as a new scaffold does (remove the file and run `sections generate` to get one)',
      ),
    ],
    changesTaken: options.custom ? (built.migrations[0]?.changed ?? []) : [],
    removed: (built.plan.deletions ?? []).filter((path) => !pruned.includes(path)),
    pruned,
    usedDatabase: built.metadataFrom === 'database',
    metadataFrom: built.metadataFrom,
    replacedDraft: built.replacedDraft ?? null,
  };
}

/** Nothing changed since the last full run: the same answer, without loading anything heavy. */
async function unchangedResult(stamp: GenerationStamp, options: GenerateOptions): Promise<GenerateResult> {
  const violations = await unacceptedViolations(stamp.config, stamp.foreignKeyViolations);
  return {
    dryRun: options.dryRun ?? false,
    migration: null,
    indexMigration: null,
    lint: { findings: [], allowed: [] },
    sections: stamp.sections.map((section) => ({ ...section, types: 'unchanged' as const })),
    files: Object.entries(stamp.outputs).map(([path, output]) => ({ path, kind: output.kind, section: output.section, status: 'unchanged' as const })),
    warnings: describeViolations(violations, options.cwd),
    changesTaken: [],
    removed: [],
    pruned: [],
    usedDatabase: false,
    metadataFrom: null,
    replacedDraft: null,
  };
}

function written(migration: PlannedMigration | undefined, custom: boolean): WrittenMigration | null {
  return migration ? { tag: migration.tag, file: migration.files[0]!.path, sections: migration.sections, statements: migration.statements.length, custom } : null;
}

function describeOrphans(orphans: readonly StubOrphan[], options: GenerateOptions): string[] {
  return orphans.map(
    (orphan) =>
      `section "${orphan.section}": ${displayPath(options.cwd, orphan.path)} is the ${orphan.kind} stub of a table no longer in the section; ` +
      (orphan.pristine
        ? '`sections generate --prune` removes it'
        : options.prune
          ? 'kept, since it was edited: remove it by hand, or with `sections generate --prune --force`'
          : 'it was edited: remove it by hand, or with `sections generate --prune --force`'),
  );
}

function describeViolations(violations: readonly BoundaryViolation[], cwd: string): string[] {
  return violations.map(
    (violation) => `section "${violation.section}": ${violation.kind === 'import' && violation.file ? `${displayPath(cwd, violation.file)} ` : ''}${violation.message}`,
  );
}
