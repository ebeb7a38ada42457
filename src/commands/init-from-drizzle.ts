import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { cacheDirOf, CONFIG_FILE_NAMES } from '../config/load-config.js';
import { createModuleLoader } from '../config/module-loader.js';
import { displayPath } from '../display-path.js';
import { UserError } from '../errors.js';
import { adoptedLayout } from '../edit/adopted-layout.js';
import { findDrizzleConfig, loadDrizzleProjectConfig, readsAsSchema } from '../edit/drizzle-project-config.js';
import { readSchemaInventory, type SchemaInventory } from '../edit/drizzle-schema-inventory.js';
import { gitignoreWithSections } from '../edit/gitignore.js';
import { proposalGraph } from '../graph/proposal-graph.js';
import type { SectionGraph } from '../graph/section-graph.js';
import { proposeSections, type ProposedSection, type SplitRequest } from '../edit/section-proposal.js';
import { camelCaseRoundTrip } from '../model/camel-case-round-trip.js';
import { shownName } from '../model/project-model.js';
import { applyPlan } from '../plan/apply-plan.js';
import type { FileSystem } from '../plan/file-system.js';
import { withProjectLock, type ProjectLock } from '../plan/project-lock.js';
import type { LockOptions } from '../lock-file.js';
import type { FileStatus, PlannedFile } from '../planned-file.js';

export interface InitFromDrizzleOptions {
  readonly cwd: string;
  /** The drizzle-kit config (relative to cwd); default: drizzle-kit's own file names in cwd. */
  readonly drizzleConfig: string | undefined;
  readonly split: SplitRequest;
  readonly dryRun?: boolean;
  readonly fs?: FileSystem;
  readonly lock?: LockOptions;
}

export interface InitFromDrizzleResult {
  readonly dryRun: boolean;
  /** The drizzle-kit config read, and the migrations folder kept as it is. */
  readonly drizzleConfig: string;
  readonly migrations: string;
  readonly sections: readonly {
    readonly name: string;
    /** Table names, schema-qualified outside `public`. */
    readonly tables: readonly string[];
    readonly schema: string;
    /** `existing`: the config points at the project's own module; `written`: a module re-exporting the section's objects. */
    readonly schemaModule: 'existing' | 'written';
    readonly types: string;
    /** False when a name would not survive Kysely's CamelCasePlugin: the config sets `codegen: { camelCase: false }`. */
    readonly camelCase: boolean;
  }[];
  readonly crossSectionForeignKeys: readonly { readonly from: string; readonly to: string }[];
  /** The proposal as a section map (what `sections graph` draws), its cut foreign keys as new violations. */
  readonly graph: SectionGraph;
  readonly files: readonly { readonly path: string; readonly kind: string; readonly status: FileStatus }[];
  readonly warnings: readonly string[];
}

/**
 * `sections init --from-drizzle`: adopts a drizzle-kit project as it is. Reads its config and
 * schema modules, proposes sections (one per module, or clusters of the foreign-key graph), and
 * writes `sections.config.ts` pointing at the modules where it can and at re-exporting modules
 * where a section gathers several modules' tables. Nothing of the project's is moved or changed,
 * the migrations folder least of all: `sections generate` then finds nothing to migrate.
 */
export async function initFromDrizzle(options: InitFromDrizzleOptions): Promise<InitFromDrizzleResult> {
  const drizzleFile = findDrizzleConfig(options.cwd, options.drizzleConfig);
  const rootDir = dirname(drizzleFile);
  return withProjectLock(rootDir, 'init', options.lock, (lock) => adoptHoldingLock(options, drizzleFile, rootDir, lock));
}

async function adoptHoldingLock(options: InitFromDrizzleOptions, drizzleFile: string, rootDir: string, lock: ProjectLock): Promise<InitFromDrizzleResult> {
  const { cwd } = options;
  const existingConfig = CONFIG_FILE_NAMES.find((name) => existsSync(join(rootDir, name)));
  if (existingConfig) throw new UserError(`${displayPath(cwd, join(rootDir, existingConfig))} already exists; init writes only into a project without sections (nothing was written)`);

  const loader = createModuleLoader({ transpileCacheDir: join(cacheDirOf(join(rootDir, 'sections.config.ts')), 'jiti'), projectDir: rootDir });
  try {
    const drizzle = await loadDrizzleProjectConfig(drizzleFile, cwd, loader);
    const inventory = await readSchemaInventory(drizzle.schemaFiles, cwd, loader, drizzle.casing);
    if (inventory.tables.length === 0) throw new UserError(`${displayPath(cwd, drizzleFile)}: its schema modules export no table; nothing to split into sections`);
    const proposal = proposeSections(inventory, options.split);
    const layout = adoptedLayout(rootDir, drizzle, proposal.sections, sectionsWithoutCamelCase(inventory, proposal.sections));

    const warnings = [...drizzle.warnings];
    if (drizzle.schemaFilter.length > 0 || drizzle.tablesFilter.length > 0) {
      warnings.push(`${displayPath(cwd, drizzleFile)}: schemaFilter/tablesFilter choose what drizzle-kit push and pull see; generate ignores them, and so do sections: every table of the schema modules is in a section`);
    }
    const file = (path: string, content: string, kind: string, section?: string): PlannedFile => ({ path, content, ownership: 'generated', kind, section });
    const written = layout.sections.flatMap((entry) => (entry.schemaText === undefined ? [] : [file(entry.schema, entry.schemaText, 'schema', entry.section.name)]));
    const [taken, ...alsoTaken] = written.filter((module) => existsSync(module.path));
    if (taken) {
      const exists = (module: PlannedFile) => `${displayPath(cwd, module.path)} already exists`;
      throw new UserError(`${exists(taken)}; init would write section "${taken.section}"'s schema module there (nothing was written)`, alsoTaken.map(exists));
    }
    for (const module of written) {
      if (readsAsSchema(drizzle, module.path)) warnings.push(`${displayPath(cwd, drizzleFile)}: schema also matches ${displayPath(cwd, module.path)}, which re-exports tables; narrow it so that drizzle-kit reads each table once`);
    }
    const gitignorePath = join(rootDir, '.gitignore');
    const ignored = gitignoreWithSections(existsSync(gitignorePath) ? await readFile(gitignorePath, 'utf8') : undefined);
    const files: PlannedFile[] = [
      file(join(rootDir, 'sections.config.ts'), layout.configText, 'config'),
      ...written,
      ...(ignored === undefined ? [] : [file(gitignorePath, ignored, 'gitignore')]),
    ];
    const dryRun = options.dryRun ?? false;
    const outcomes = await applyPlan({ files }, { lock, dryRun, fs: options.fs });
    return {
      dryRun,
      drizzleConfig: drizzleFile,
      migrations: drizzle.out,
      sections: layout.sections.map((entry) => ({
        name: entry.section.name,
        tables: entry.section.tables.map(shownName),
        schema: entry.schema,
        schemaModule: entry.schemaText === undefined ? 'existing' : 'written',
        types: entry.types,
        camelCase: entry.camelCase,
      })),
      crossSectionForeignKeys: proposal.crossSectionForeignKeys.map((edge) => ({ from: shownName(edge.from), to: shownName(edge.to) })),
      graph: proposalGraph(
        proposal.sections,
        inventory.tables.flatMap((table) => table.references.map((to) => ({ from: table.key, to }))),
      ),
      files: outcomes.map((outcome) => ({ path: outcome.file.path, kind: outcome.file.kind, status: outcome.status })),
      warnings,
    };
  } finally {
    loader.dispose();
  }
}

/**
 * Sections with a name Kysely's CamelCasePlugin cannot map back (`User`, `userId`): their types keep
 * the database's names and their connections get no plugin, since `generate` refuses such a section
 * with `camelCase`.
 */
function sectionsWithoutCamelCase(inventory: SchemaInventory, sections: readonly ProposedSection[]): ReadonlySet<string> {
  const roundTrip = camelCaseRoundTrip();
  const byKey = new Map(inventory.tables.map((table) => [table.key, table]));
  const survives = (key: string) => {
    const table = byKey.get(key);
    return !table || (roundTrip.table(table.schema) && roundTrip.table(table.name) && table.columns.every(roundTrip.column));
  };
  return new Set(sections.filter((section) => !section.tables.every(survives)).map((section) => section.name));
}
