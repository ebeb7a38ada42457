import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadLocatedConfig, locateConfig, type ConfigLocation } from '../config/load-config.js';
import { displayPath } from '../display-path.js';
import { isSectionsError, SectionsError } from '../errors.js';
import { parseColumnSpec, type ColumnSpec } from '../edit/column-spec.js';
import { loadEditModel } from '../edit/load-edit-model.js';
import { appendTableToSchema } from '../edit/schema-module-edit.js';
import { defineTable } from '../edit/table-definition.js';
import { applyPlan } from '../plan/apply-plan.js';
import type { FileSystem } from '../plan/file-system.js';
import { withProjectLock, type ProjectLock } from '../plan/project-lock.js';
import type { LockOptions } from '../lock-file.js';
import type { Progress } from '../progress.js';
import type { FileStatus } from '../planned-file.js';
import { generateUnderLock, type GenerateResult } from './generate.js';

export interface AddTableOptions {
  readonly cwd: string;
  /** An explicit config file, relative to `cwd`. */
  readonly config?: string | undefined;
  readonly section: string;
  readonly table: string;
  /** `name:type[:modifier]...` specs, e.g. `amount:numeric(12,2):notnull`. */
  readonly columns?: readonly string[];
  /** Run `generate` afterwards (migration `add_<table>`, types, stubs). Default true. */
  readonly generate?: boolean;
  readonly dryRun?: boolean;
  readonly shadowUrl?: string | undefined;
  readonly progress?: Progress;
  /** For tests that make a write fail. */
  readonly fs?: FileSystem;
  /** How long to wait for another command working on the project, and what to say meanwhile. */
  readonly lock?: LockOptions;
}

export interface AddTableResult {
  readonly dryRun: boolean;
  readonly section: string;
  readonly table: string;
  readonly exportName: string;
  readonly schemaFile: string;
  readonly schemaStatus: FileStatus;
  /** What `generate` did afterwards; null with `generate: false`, a dry run, or sections still waiting for a table. */
  readonly generate: GenerateResult | null;
  /** Other sections without a table yet: generate needs one in each, so it did not run. */
  readonly sectionsWithoutTables: readonly string[];
}

/**
 * `sections add-table`: appends a table (`id`, `public_id`, the columns, timestamps) to the
 * section's schema module, then generates its migration and types, unless another section has no
 * table yet (generate refuses an empty section; init --sections creates several). Every refusal is
 * a UserError raised before anything is written.
 */
export async function addTable(options: AddTableOptions): Promise<AddTableResult> {
  const specs = (options.columns ?? []).map(parseColumnSpec);
  const location = await locateConfig({ cwd: options.cwd, configFile: options.config });
  return withProjectLock(dirname(location.configFile), 'add-table', options.lock, (lock) => addTableHoldingLock(options, specs, location, lock));
}

async function addTableHoldingLock(options: AddTableOptions, specs: readonly ColumnSpec[], location: ConfigLocation, lock: ProjectLock): Promise<AddTableResult> {
  const { config, loader } = await loadLocatedConfig(location);
  options.progress?.('loading section schemas');
  const model = await loadEditModel(config, options.cwd, loader).finally(() => loader.dispose());
  const table = defineTable(model, options.section, options.table, specs);
  const section = model.sections.find((candidate) => candidate.name === table.section)!;
  const schemaFile = section.config.schemaFile;
  const shownAs = displayPath(options.cwd, schemaFile);
  const content = appendTableToSchema(await readFile(schemaFile, 'utf8'), shownAs, table);

  const dryRun = options.dryRun ?? false;
  const [outcome] = await applyPlan({ files: [{ path: schemaFile, content, ownership: 'generated', kind: 'schema', section: section.name }] }, { lock, dryRun, fs: options.fs });
  const sectionsWithoutTables = model.sections.filter((other) => other !== section && other.tables.length === 0 && other.extraTables.length === 0).map((other) => other.name);
  const result = { dryRun, section: section.name, table: table.name, exportName: table.exportName, schemaFile, schemaStatus: outcome!.status, sectionsWithoutTables };
  if (dryRun || options.generate === false || sectionsWithoutTables.length > 0) return { ...result, generate: null };

  try {
    const generated = await generateUnderLock({ cwd: options.cwd, config: options.config, name: `add_${table.name}`, shadowUrl: options.shadowUrl, progress: options.progress }, lock);
    return { ...result, generate: generated };
  } catch (error) {
    if (!isSectionsError(error)) throw error;
    throw new SectionsError(error.message, error.exitCode, [
      ...error.details,
      `table "${table.name}" was added to ${shownAs}; fix the above and run \`sections generate --name add_${table.name}\``,
    ]);
  }
}
