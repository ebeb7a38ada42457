import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { loadLocatedConfig, locateConfig } from '../config/load-config.js';
import { displayPath } from '../display-path.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { UserError } from '../errors.js';
import { addSchemaToDrizzleConfig, addSectionToConfig } from '../edit/config-module-edit.js';
import { assertSectionName } from '../edit/names.js';
import { emptySchemaText } from '../edit/project-layout.js';
import { configRelative, DRIZZLE_CONFIG_FILES } from '../edit/project-paths.js';
import { applyPlan } from '../plan/apply-plan.js';
import type { FileSystem } from '../plan/file-system.js';
import { withProjectLock, type ProjectLock } from '../plan/project-lock.js';
import type { LockOptions } from '../lock-file.js';
import type { FileStatus, PlannedFile } from '../planned-file.js';

export interface AddSectionOptions {
  readonly cwd: string;
  /** An explicit config file, relative to `cwd`. */
  readonly config?: string | undefined;
  readonly name: string;
  readonly dryRun?: boolean;
  /** For tests that make a write fail. */
  readonly fs?: FileSystem;
  /** How long to wait for another command working on the project, and what to say meanwhile. */
  readonly lock?: LockOptions;
}

export interface AddSectionResult {
  readonly dryRun: boolean;
  readonly section: string;
  readonly schemaFile: string;
  readonly typesFile: string;
  readonly files: readonly { readonly path: string; readonly kind: string; readonly status: FileStatus }[];
  readonly warnings: readonly string[];
}

/**
 * `sections add-section`: a folder beside the other sections' with an empty schema module, the
 * section in the config, and its schema in drizzle.config when there is one. All or nothing.
 */
export async function addSection(options: AddSectionOptions): Promise<AddSectionResult> {
  const { name } = options;
  assertSectionName(name);
  const location = await locateConfig({ cwd: options.cwd, configFile: options.config });
  return withProjectLock(dirname(location.configFile), 'add-section', options.lock, async (lock) => {
    const { config, loader } = await loadLocatedConfig(location);
    loader.dispose();
    return addSectionHoldingLock(options, config, lock);
  });
}

async function addSectionHoldingLock(options: AddSectionOptions, config: ResolvedConfig, lock: ProjectLock): Promise<AddSectionResult> {
  const { name } = options;
  const configShown = displayPath(options.cwd, config.configFile);
  if (config.sections.some((section) => section.name === name)) throw new UserError(`section "${name}" already exists in ${configShown}`);

  const { schemaFile, typesFile } = sectionLayout(config, name);
  if (existsSync(schemaFile)) throw new UserError(`${displayPath(options.cwd, schemaFile)} already exists; add it to ${configShown} by hand or pick another name`);

  const entry = { schema: configRelative(config.rootDir, schemaFile), types: configRelative(config.rootDir, typesFile) };
  const files: PlannedFile[] = [
    { path: schemaFile, content: emptySchemaText(name), ownership: 'generated', kind: 'schema', section: name },
    { path: config.configFile, content: addSectionToConfig(await readFile(config.configFile, 'utf8'), configShown, name, entry), ownership: 'generated', kind: 'config' },
  ];
  const warnings: string[] = [];
  const drizzleConfig = DRIZZLE_CONFIG_FILES.map((file) => join(config.rootDir, file)).find((file) => existsSync(file));
  if (drizzleConfig) {
    const edited = addSchemaToDrizzleConfig(await readFile(drizzleConfig, 'utf8'), drizzleConfig, entry.schema);
    if (edited === undefined) warnings.push(`${displayPath(options.cwd, drizzleConfig)}: its \`schema\` is not a list we can extend; add '${entry.schema}' to it by hand`);
    else files.push({ path: drizzleConfig, content: edited, ownership: 'generated', kind: 'drizzle-config' });
  }

  const dryRun = options.dryRun ?? false;
  const outcomes = await applyPlan({ files }, { lock, dryRun, fs: options.fs });
  return {
    dryRun,
    section: name,
    schemaFile,
    typesFile,
    files: outcomes.map(({ file, status }) => ({ path: file.path, kind: file.kind, status })),
    warnings,
  };
}

/**
 * The new section's files, shaped like the first section's: its schema folder's sibling, the same
 * file names (`schemas/<name>/drizzle-schema.ts` and `kysely-types.ts` in init's layout). The
 * first section of all goes where init would have put it: `schemas/` beside the migrations.
 */
function sectionLayout(config: ResolvedConfig, name: string): { schemaFile: string; typesFile: string } {
  const first = config.sections[0];
  if (!first) {
    const folder = join(dirname(config.migrationsDir), 'schemas', name);
    return { schemaFile: join(folder, 'drizzle-schema.ts'), typesFile: join(folder, 'kysely-types.ts') };
  }
  const folder = join(dirname(dirname(first.schemaFile)), name);
  const typesBeside = dirname(first.typesFile) === dirname(first.schemaFile);
  return { schemaFile: join(folder, basename(first.schemaFile)), typesFile: join(folder, typesBeside ? basename(first.typesFile) : 'kysely-types.ts') };
}
