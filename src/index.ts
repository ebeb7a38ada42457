/**
 * The programmatic API: the same commands as the CLI, returning the same data as `--json`,
 * throwing {@link UserError} (bad input) or {@link OperationError} (the operation failed) and
 * never calling `process.exit`.
 *
 * Each command is loaded on first call, so a `sections.config.ts` that imports `defineConfig`
 * pulls in nothing heavy.
 *
 * @example
 * ```ts
 * import { generate, check } from 'drizzle-sections';
 *
 * const result = await generate({ cwd: process.cwd() });
 * console.log(result.migration?.tag ?? 'no schema changes');
 * const { ok, problems } = await check({ cwd: process.cwd() });
 * const { findings } = await lint({ cwd: process.cwd(), base: 'main' });
 * ```
 */
export { defineConfig } from './config/define-config.js';
export type { CodegenOptions, SectionConfig, SectionsConfig } from './config/define-config.js';
export { OperationError, SectionsError, UserError } from './errors.js';
export type { GenerateOptions, GenerateResult } from './commands/generate.js';
export { residentEngine } from './engine/engine-thread.js';
export type { EngineHost, ResidentEngine } from './engine/engine-thread.js';
export { RenameQuestionsError } from './migrations/renames.js';
export type { CreatedEntity, RenameAnswers, RenameQuestion, RenameQuestionKind, RenameSpec } from './migrations/renames.js';
export type { CheckOptions, CheckProblem, CheckProblemKind, CheckResult } from './commands/check.js';
export type { AcceptedViolation } from './commands/check-boundaries.js';
export type { AllowedFinding, LintFinding, LintOptions, LintResult } from './commands/lint.js';
export type { AddTableOptions, AddTableResult } from './commands/add-table.js';
export type { AddSectionOptions, AddSectionResult } from './commands/add-section.js';
export type { InitOptions, InitResult } from './commands/init.js';
export type { InitFromDrizzleOptions, InitFromDrizzleResult } from './commands/init-from-drizzle.js';
export type { SplitRequest } from './edit/section-proposal.js';
export type { MigrateOptions, MigrateResult } from './commands/migrate.js';
export type { StatusOptions, StatusResult } from './commands/status.js';
export type { GraphOptions, GraphResult } from './commands/graph.js';
export type { GraphFormat } from './graph/graph-format.js';
export type { BoundaryStatus, GraphEdge, GraphImportEdge, GraphSection, GraphTable, SectionGraph } from './graph/section-graph.js';
export type { MigrationState, MigrationStatus } from './migrate/migration-state.js';

import type { AddSectionOptions, AddSectionResult } from './commands/add-section.js';
import type { AddTableOptions, AddTableResult } from './commands/add-table.js';
import type { CheckOptions, CheckResult } from './commands/check.js';
import type { GenerateOptions, GenerateResult } from './commands/generate.js';
import type { InitOptions, InitResult } from './commands/init.js';
import type { InitFromDrizzleOptions, InitFromDrizzleResult } from './commands/init-from-drizzle.js';
import type { LintOptions, LintResult } from './commands/lint.js';
import type { MigrateOptions, MigrateResult } from './commands/migrate.js';
import type { StatusOptions, StatusResult } from './commands/status.js';
import type { GraphOptions, GraphResult } from './commands/graph.js';

/** `sections generate`: the unified migration, every section's types, missing stubs. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  return (await import('./commands/generate.js')).generate(options);
}

/** `sections check`: what generate would change, broken boundaries, folder integrity. Writes nothing. */
export async function check(options: CheckOptions): Promise<CheckResult> {
  return (await import('./commands/check.js')).check(options);
}

/** `sections lint`: new migrations against the migration safety rules, with PostgreSQL's own parser. */
export async function lint(options: LintOptions): Promise<LintResult> {
  return (await import('./commands/lint.js')).lint(options);
}

/** `sections add-table`: append a table (id, public_id, your columns, timestamps) to a section's schema, then generate. */
export async function addTable(options: AddTableOptions): Promise<AddTableResult> {
  return (await import('./commands/add-table.js')).addTable(options);
}

/** `sections add-section`: a new section's folder and schema, added to the config. */
export async function addSection(options: AddSectionOptions): Promise<AddSectionResult> {
  return (await import('./commands/add-section.js')).addSection(options);
}

/** `sections init`: the config, the sections asked for, drizzle.config.ts, npm scripts, a tsconfig and .gitignore. */
export async function init(options: InitOptions): Promise<InitResult> {
  return (await import('./commands/init.js')).init(options);
}

/** `sections init --from-drizzle`: adopt a drizzle-kit project, its schema modules and migrations kept as they are. */
export async function initFromDrizzle(options: InitFromDrizzleOptions): Promise<InitFromDrizzleResult> {
  return (await import('./commands/init-from-drizzle.js')).initFromDrizzle(options);
}

/** `sections migrate`: apply pending migrations under an advisory lock, one transaction each. */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  return (await import('./commands/migrate.js')).migrate(options);
}

/** `sections status`: where the target database stands; `upToDate` is the deploy gate. */
export async function status(options: StatusOptions): Promise<StatusResult> {
  return (await import('./commands/status.js')).status(options);
}

/** `sections graph`: the section map as Mermaid, DOT or SVG, and as data. Writes only `output`. */
export async function graph(options: GraphOptions): Promise<GraphResult> {
  return (await import('./commands/graph.js')).graph(options);
}
