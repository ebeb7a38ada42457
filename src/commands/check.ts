import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { locateConfig, type ConfigLocation } from '../config/load-config.js';
import type { ModuleLoader } from '../config/module-loader.js';
import { displayPath } from '../display-path.js';
import { MigrationRefusedError } from '../engine/migration-refused.js';
import { inspectMigrationFolder } from '../migrations/folder-integrity.js';
import { readMigrationFolder } from '../migrations/migration-folder.js';
import { sumFilePath } from '../migrations/sum-file.js';
import { findForeignKeyViolations } from '../model/boundaries.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { comparePlan } from '../plan/apply-plan.js';
import type { Progress } from '../progress.js';
import type { GeneratePlan } from '../plan/generate-plan.js';
import type { ProjectModel } from '../model/project-model.js';
import { createStamp, inspectStamp, writeStamp } from '../plan/generation-stamp.js';
import { withProjectLock, type ProjectLock } from '../plan/project-lock.js';
import type { LockOptions } from '../lock-file.js';
import { lintProblems } from './lint.js';
import { withConfigStartedEarly, type StartedEarly } from './started-early.js';
import { checkBoundaries, type AcceptedViolation, type BoundaryCheck } from './check-boundaries.js';

export type CheckProblemKind =
  | 'migration-missing'
  | 'migration-invalid'
  | 'types-stale'
  | 'types-missing'
  | 'stub-missing'
  | 'stub-orphan'
  | 'generated-stale'
  | 'sum-stale'
  | 'foreign-key-boundary'
  | 'import-boundary'
  | 'boundary-baseline-stale'
  | 'missing-sql'
  | 'missing-snapshot'
  | 'unlisted-sql'
  | 'duplicate-index'
  | 'edited'
  | 'sum-unreadable'
  | 'merge-conflict'
  | 'lint';

export interface CheckProblem {
  readonly kind: CheckProblemKind;
  readonly severity: 'error' | 'warning';
  readonly section: string | null;
  readonly file: string | null;
  readonly message: string;
  /** A unified diff, for stale types. */
  readonly diff?: string;
  /** Lines under the message: the statement PostgreSQL refused, hints. */
  readonly details?: readonly string[];
  /** For `lint` problems: the rule, the statement's line and text, its table, and the safe recipe. */
  readonly rule?: string;
  readonly line?: number;
  readonly table?: string | null;
  readonly statement?: string;
  readonly recipe?: string;
}

export interface CheckOptions {
  readonly cwd: string;
  readonly config?: string | undefined;
  readonly shadowUrl?: string | undefined;
  readonly progress?: Progress;
  /** How long to wait for a command writing the project, and what to say meanwhile. */
  readonly lock?: LockOptions;
  /** Lint the migrations that this git ref's sections.sum does not list (else the last one). */
  readonly base?: string | undefined;
  /** Rewrite sections.boundaries.json to accept the boundary violations found now. */
  readonly updateBaseline?: boolean;
}

export interface CheckResult {
  /** True when no problem has severity `error`. */
  readonly ok: boolean;
  readonly problems: readonly CheckProblem[];
  /** Boundary violations sections.boundaries.json accepts: not problems. */
  readonly accepted: readonly AcceptedViolation[];
  /** With `updateBaseline`: sections.boundaries.json and whether it was written. */
  readonly baseline?: BoundaryCheck['baseline'];
}

const BOUNDARY_KINDS = new Set<CheckProblemKind>(['foreign-key-boundary', 'import-boundary', 'boundary-baseline-stale']);

const FOLDER_BLOCKERS = new Set(['missing-sql', 'missing-snapshot', 'unlisted-sql', 'duplicate-index', 'sum-unreadable', 'merge-conflict']);

/**
 * `sections check`: "what generate would write" against the disk, plus the section boundaries and
 * the migrations folder's integrity. Writes nothing; reports every problem, not the first.
 */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const location = await locateConfig({ cwd: options.cwd, configFile: options.config });
  // Held while reading, so that no generate commits halfway through what check compares.
  return withProjectLock(dirname(location.configFile), 'check', options.lock, (lock) => checkHoldingLock(options, location, lock));
}

async function checkHoldingLock(options: CheckOptions, location: ConfigLocation, lock: ProjectLock): Promise<CheckResult> {
  const problems: CheckProblem[] = [];

  const { valid: stamp, sourcesChanged } = await inspectStamp(location, options.shadowUrl);
  if (stamp) {
    const config = stamp.config;
    // Nothing the output depends on changed since a run that found the tree clean.
    const boundaries = await checkBoundaries(config, stamp.foreignKeyViolations, { updateBaseline: options.updateBaseline ?? false, lock });
    problems.push(...boundaries.problems);
    problems.push(...(await lintProblems({ config, cwd: options.cwd, base: options.base, unchangedInputs: stamp.inputs })));
    return result(problems, boundaries);
  }

  return withConfigStartedEarly(location, { schemasChanged: sourcesChanged, shadowUrlFlag: options.shadowUrl, engineHost: undefined }, (config, loader, started) =>
    checkWith(config, loader, options, lock, started),
  );
}

async function checkWith(
  config: ResolvedConfig,
  loader: ModuleLoader,
  options: CheckOptions,
  lock: ProjectLock,
  started: StartedEarly,
): Promise<CheckResult> {
  const problems: CheckProblem[] = [];
  const error = (problem: Omit<CheckProblem, 'severity'>) => problems.push({ severity: 'error', ...problem });
  const folder = await readMigrationFolder(config.migrationsDir);
  const sumText = await readFile(sumFilePath(folder.dir), 'utf8').catch(() => undefined);
  const folderIssues = inspectMigrationFolder(folder, sumText);
  // Started now, so PostgreSQL's parser loads and parses on its thread while generate's plan is built.
  let modelLoaded!: (model: Promise<ProjectModel>) => void;
  const modelForLint = new Promise<ProjectModel>((resolve) => (modelLoaded = resolve));
  // The lint may end without it (nothing new to lint): a model that fails to load is reported below, once.
  modelForLint.catch(() => undefined);
  const linting = lintProblems({ config, cwd: options.cwd, base: options.base, model: modelForLint });
  linting.catch(() => undefined);
  let compared: Awaited<ReturnType<typeof compareWithGenerate>> | undefined;
  try {
    compared = folderIssues.some((issue) => FOLDER_BLOCKERS.has(issue.kind)) ? undefined : await compareWithGenerate(config, loader, options, started);
  } catch (error) {
    modelLoaded(Promise.reject(error));
    throw error;
  }
  const loading = compared?.built ? Promise.resolve(compared.built.model) : (async () => (await import('../model/load-project-model.js')).loadProjectModel(config, options.cwd, loader))();
  modelLoaded(loading);
  const model = await loading;

  for (const issue of folderIssues) error({ kind: issue.kind, section: null, file: issue.file, message: issue.message });
  const foreignKeyViolations = findForeignKeyViolations(model);
  const boundaries = await checkBoundaries(config, foreignKeyViolations, { updateBaseline: options.updateBaseline ?? false, lock, importViolations: started.importViolations });
  problems.push(...boundaries.problems);
  if (compared) {
    // An edited migration already explains why sections.sum no longer matches.
    const edited = folderIssues.some((issue) => issue.kind === 'edited');
    problems.push(...compared.problems.filter((problem) => !(edited && problem.kind === 'sum-stale')));
    // The stamp keeps the foreign keys found; the baseline and the imports are read anew on every run.
    if (compared.built && problems.every((problem) => BOUNDARY_KINDS.has(problem.kind))) {
      await writeStamp(config, await createStamp(config, compared.built.loadedFiles, compared.built.plan, stampSections(compared.built), foreignKeyViolations, options.shadowUrl));
    }
  }
  problems.push(...(await linting));
  return result(problems, boundaries);
}

function result(problems: readonly CheckProblem[], boundaries: BoundaryCheck): CheckResult {
  return { ok: !problems.some((problem) => problem.severity === 'error'), problems, accepted: boundaries.accepted, ...(boundaries.baseline ? { baseline: boundaries.baseline } : {}) };
}

function stampSections(built: GeneratePlan) {
  return built.model.sections.map((section) => ({
    name: section.name,
    tables: [...section.tables.map((table) => table.name), ...section.extraTables],
    typesFile: section.config.typesFile,
  }));
}

async function compareWithGenerate(
  config: ResolvedConfig,
  loader: ModuleLoader,
  options: CheckOptions,
  started: StartedEarly,
): Promise<{ problems: CheckProblem[]; built: GeneratePlan | undefined }> {
  const { buildGeneratePlan } = await import('../plan/generate-plan.js');
  let built: GeneratePlan;
  try {
    built = await buildGeneratePlan({
      config,
      loader,
      cwd: options.cwd,
      shadowUrl: options.shadowUrl,
      progress: options.progress,
      rehash: true,
      acceptDropAndCreate: true,
      schemasChanged: started.schemasChanged,
      engineThread: started.engineThread,
    });
  } catch (error) {
    if (!(error instanceof MigrationRefusedError)) throw error;
    const { migration } = error;
    return {
      problems: [
        migration.isNew
          ? { kind: 'migration-missing', severity: 'error', section: null, file: config.migrationsDir, message: `the schemas changed but no migration captures it, and ${lowerFirst(error.message)}`, details: error.details }
          : { kind: 'migration-invalid', severity: 'error', section: null, file: resolve(options.cwd, migration.shownAs), message: error.message, details: error.details },
      ],
      built: undefined,
    };
  }
  const problems: CheckProblem[] = [];
  const [migration] = built.migrations;
  if (migration) {
    problems.push({
      kind: 'migration-missing',
      severity: 'error',
      section: migration.sections.join(', '),
      file: config.migrationsDir,
      message: `the schemas of section${migration.sections.length === 1 ? '' : 's'} ${migration.sections.map((name) => `"${name}"`).join(', ')} changed (${migration.changed.join(', ')}) but no migration captures it; run \`sections generate\``,
    });
  }
  const migrationKinds = new Set(['migration', 'snapshot', 'journal']);
  for (const { file, status } of await comparePlan(built.plan)) {
    if (status === 'unchanged' || status === 'kept' || migrationKinds.has(file.kind)) continue;
    const section = file.section ?? null;
    if (file.kind === 'types') {
      const existing = await readFile(file.path, 'utf8').catch(() => undefined);
      problems.push(
        existing === undefined
          ? { kind: 'types-missing', severity: 'error', section, file: file.path, message: `section "${section}" has no types file; run \`sections generate\`` }
          : {
              kind: 'types-stale',
              severity: 'error',
              section,
              file: file.path,
              message: `section "${section}"'s types are stale; run \`sections generate\``,
              diff: await diffWithDisk(options.cwd, file.path, existing, file.content),
            },
      );
    } else if (file.kind === 'sum') {
      if (!migration) problems.push({ kind: 'sum-stale', severity: 'error', section: null, file: file.path, message: 'sections.sum does not match the migrations; run `sections generate`' });
    } else if (file.ownership === 'generated') {
      const existing = await readFile(file.path, 'utf8').catch(() => undefined);
      problems.push({
        kind: 'generated-stale',
        severity: 'error',
        section,
        file: file.path,
        message: `${existing === undefined ? 'missing' : 'not what generate writes (the sections changed)'}; run \`sections generate\``,
        ...(existing === undefined ? {} : { diff: await diffWithDisk(options.cwd, file.path, existing, file.content) }),
      });
    } else {
      problems.push({
        kind: 'stub-missing',
        severity: config.missingStubs === 'warn' ? 'warning' : 'error',
        section,
        file: file.path,
        message: `missing ${file.kind} stub; run \`sections generate\``,
      });
    }
  }
  for (const orphan of built.orphans) {
    problems.push({
      kind: 'stub-orphan',
      severity: 'error',
      section: orphan.section,
      file: orphan.path,
      message: `${orphan.kind} stub of a table no longer in section "${orphan.section}"; ${orphan.pristine ? '`sections generate --prune` removes it' : 'edited since it was scaffolded: remove it by hand, or with `sections generate --prune --force`'}`,
    });
  }
  return { problems, built };
}

/** A unified diff from the file on disk to what generate would write (`diff` loads only for a stale file). */
async function diffWithDisk(cwd: string, file: string, onDisk: string, generated: string): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  const shown = displayPath(cwd, file);
  return createTwoFilesPatch(shown, shown, onDisk, generated, 'on disk', 'generate would write');
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
