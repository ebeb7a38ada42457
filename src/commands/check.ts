import { readFile } from 'node:fs/promises';
import { createTwoFilesPatch } from 'diff';
import { loadLocatedConfig, locateConfig } from '../config/load-config.js';
import { displayPath } from '../display-path.js';
import { isSectionsError } from '../errors.js';
import { inspectMigrationFolder } from '../migrations/folder-integrity.js';
import { readMigrationFolder } from '../migrations/migration-folder.js';
import { sumFilePath } from '../migrations/sum-file.js';
import { findForeignKeyViolations, findImportViolations } from '../model/boundaries.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { comparePlan } from '../plan/apply-plan.js';
import type { Progress } from '../progress.js';
import type { GeneratePlan } from '../plan/generate-plan.js';
import { createStamp, readValidStamp, writeStamp } from '../plan/generation-stamp.js';
import { registerUrlSecrets } from '../redact.js';
import { lintProblems } from './lint.js';

export type CheckProblemKind =
  | 'migration-missing'
  | 'types-stale'
  | 'types-missing'
  | 'stub-missing'
  | 'sum-stale'
  | 'foreign-key-boundary'
  | 'import-boundary'
  | 'missing-sql'
  | 'missing-snapshot'
  | 'unlisted-sql'
  | 'duplicate-index'
  | 'edited'
  | 'sum-unreadable'
  | 'lint';

export interface CheckProblem {
  readonly kind: CheckProblemKind;
  readonly severity: 'error' | 'warning';
  readonly section: string | null;
  readonly file: string | null;
  readonly message: string;
  /** A unified diff, for stale types. */
  readonly diff?: string;
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
  /** Lint the migrations that this git ref's sections.sum does not list (else the last one). */
  readonly base?: string | undefined;
}

export interface CheckResult {
  /** True when no problem has severity `error`. */
  readonly ok: boolean;
  readonly problems: readonly CheckProblem[];
}

const FOLDER_BLOCKERS = new Set(['missing-sql', 'missing-snapshot', 'unlisted-sql', 'duplicate-index', 'sum-unreadable']);

/**
 * `sections check`: "what generate would write" against the disk, plus the section boundaries and
 * the migrations folder's integrity. Writes nothing; reports every problem, not the first.
 */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const location = await locateConfig({ cwd: options.cwd, configFile: options.config });
  const problems: CheckProblem[] = [];
  const error = (problem: Omit<CheckProblem, 'severity'>) => problems.push({ severity: 'error', ...problem });

  const stamp = await readValidStamp(location);
  if (stamp) {
    const config = stamp.config;
    // Nothing the output depends on changed since a run that found the tree clean.
    for (const violation of stamp.foreignKeyViolations) error({ kind: 'foreign-key-boundary', section: violation.section, file: violation.file, message: violation.message });
    for (const violation of await findImportViolations(config)) error({ kind: 'import-boundary', section: violation.section, file: violation.file, message: violation.message });
    problems.push(...(await lintProblems({ config, cwd: options.cwd, base: options.base, unchangedInputs: stamp.inputs })));
    return { ok: !problems.some((problem) => problem.severity === 'error'), problems };
  }

  const config = await loadLocatedConfig(location);
  registerUrlSecrets(options.shadowUrl ?? config.shadowUrl);
  const { loadProjectModel } = await import('../model/load-project-model.js');
  const model = await loadProjectModel(config, options.cwd);
  // Started now so PostgreSQL's parser loads while generate's plan is built; its problems come last.
  const linting = lintProblems({ config, cwd: options.cwd, base: options.base, model });
  linting.catch(() => undefined);

  const folder = await readMigrationFolder(config.migrationsDir);
  const sumText = await readFile(sumFilePath(folder.dir), 'utf8').catch(() => undefined);
  const folderIssues = inspectMigrationFolder(folder, sumText);
  for (const issue of folderIssues) error({ kind: issue.kind, section: null, file: issue.file, message: issue.message });

  const foreignKeyViolations = findForeignKeyViolations(model);
  for (const violation of foreignKeyViolations) error({ kind: 'foreign-key-boundary', section: violation.section, file: violation.file, message: violation.message });
  for (const violation of await findImportViolations(config)) error({ kind: 'import-boundary', section: violation.section, file: violation.file, message: violation.message });

  if (!folderIssues.some((issue) => FOLDER_BLOCKERS.has(issue.kind))) {
    const edited = folderIssues.some((issue) => issue.kind === 'edited');
    // An edited migration already explains why sections.sum no longer matches.
    const compared = await compareWithGenerate(config, options);
    problems.push(...compared.problems.filter((problem) => !(edited && problem.kind === 'sum-stale')));
    if (compared.built && problems.every((problem) => problem.kind === 'foreign-key-boundary')) {
      await writeStamp(config, await createStamp(config, compared.built.loadedFiles, compared.built.plan, stampSections(compared.built), foreignKeyViolations));
    }
  }
  problems.push(...(await linting));
  return { ok: !problems.some((problem) => problem.severity === 'error'), problems };
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
  options: CheckOptions,
): Promise<{ problems: CheckProblem[]; built: GeneratePlan | undefined }> {
  const { buildGeneratePlan } = await import('../plan/generate-plan.js');
  let built: GeneratePlan;
  try {
    built = await buildGeneratePlan({
      config,
      cwd: options.cwd,
      shadowUrl: options.shadowUrl,
      progress: options.progress,
      rehash: true,
      acceptDropAndCreate: true,
    });
  } catch (error) {
    if (isSectionsError(error) && error.exitCode === 1) {
      return { problems: [{ kind: 'migration-missing', severity: 'error', section: null, file: null, message: error.message }], built: undefined };
    }
    throw error;
  }
  const problems: CheckProblem[] = [];
  if (built.migration) {
    problems.push({
      kind: 'migration-missing',
      severity: 'error',
      section: built.migration.sections.join(', '),
      file: config.migrationsDir,
      message: `the schemas of section${built.migration.sections.length === 1 ? '' : 's'} ${built.migration.sections.map((name) => `"${name}"`).join(', ')} changed (${built.migration.changed.join(', ')}) but no migration captures it; run \`sections generate\``,
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
              diff: createTwoFilesPatch(displayPath(options.cwd, file.path), displayPath(options.cwd, file.path), existing, file.content, 'on disk', 'generate would write'),
            },
      );
    } else if (file.kind === 'sum') {
      if (!built.migration) problems.push({ kind: 'sum-stale', severity: 'error', section: null, file: file.path, message: 'sections.sum does not match the migrations; run `sections generate`' });
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
  return { problems, built };
}
