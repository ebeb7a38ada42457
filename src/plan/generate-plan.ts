import { assertEveryTableOwned, loadSerializer, planSectionTypes } from '../codegen/section-types.js';
import type { ModuleLoader } from '../config/module-loader.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { displayPath } from '../display-path.js';
import type { MigrationToRun } from '../engine/migration-refused.js';
import type { BootingEngineThread } from '../engine/engine-thread.js';
import { startMigratedMetadata, type MetadataSource } from '../engine/migrated-metadata.js';
import type { MigrationEntry, MigrationFolder } from '../migrations/migration-folder.js';
import { takeOutDraft } from '../migrations/draft.js';
import { planCustomMigration } from '../migrations/custom-migration.js';
import { latestSnapshot, planMigration, type PlannedMigration } from '../migrations/plan-migration.js';
import type { PgSnapshot } from '../migrations/snapshot.js';
import type { LintOutcome } from '../lint/lint-migrations.js';
import { lintNewMigrations, splitForSafety } from './new-migration-lint.js';
import type { RenameAnswers, RenameSpec } from '../migrations/renames.js';
import { assertExtraTablesCreated } from '../model/config-references.js';
import { loadProjectModel } from '../model/load-project-model.js';
import type { ProjectModel } from '../model/project-model.js';
import { prepareFolder } from '../migrations/prepare-folder.js';
import { assertRebaseKeepsStatements } from '../migrations/rebase.js';
import { hashMigration, renderSumFile, sumFilePath } from '../migrations/sum-file.js';
import { planScaffold } from '../scaffold/plan-scaffold.js';
import { findStubOrphans, type StubOrphan } from '../scaffold/stub-orphans.js';
import { loadTemplates, type Templates } from '../scaffold/templates.js';
import { drizzleKitApi } from '../commonjs-packages.js';
import type { PlannedFile } from '../planned-file.js';
import type { Progress } from '../progress.js';
import { assertOutputPaths } from './output-paths.js';
import type { Plan } from './plan.js';

export interface GeneratePlanOptions {
  readonly config: ResolvedConfig;
  /** The loader the config came through: the schemas load through it too. */
  readonly loader: ModuleLoader;
  readonly cwd: string;
  readonly name?: string | undefined;
  readonly renames?: readonly RenameSpec[];
  /** A prompt's answers (see `RenameAnswers`). */
  readonly answers?: RenameAnswers;
  readonly acceptDropAndCreate?: boolean;
  /** A server to create the temporary database on instead of the embedded engine. */
  readonly shadowUrl?: string | undefined;
  readonly now?: number;
  readonly progress?: Progress;
  /** Renumber migrations that came from another branch after the journal's and regenerate them. */
  readonly rebase?: boolean;
  /** Accept edits of already generated migrations: record their new hashes. */
  readonly rehash?: boolean;
  /** Lint the migrations about to be written (generate prints the findings; check lints the folder itself). */
  readonly lintNew?: boolean;
  /** `--safe`: index creations on existing tables go into a second migration that builds them CONCURRENTLY. */
  readonly safe?: boolean;
  /** `--prune`: remove orphaned stubs still as scaffolded (with `force`, edited ones too). */
  readonly prune?: boolean;
  readonly force?: boolean;
  /**
   * `--custom`: the new migration is one for the user's own SQL. A change the schemas have is
   * taken by it (its snapshot), with the statements drizzle-kit would write as comments.
   */
  readonly custom?: boolean;
  /**
   * Whether the schemas likely changed since the last run (a guess that only decides when the
   * engine boots: with true, while the schemas load). Default true.
   */
  readonly schemasChanged?: boolean;
  /** The engine's thread, already booting (see `bootEngineThread`); the plan takes it over. */
  readonly engineThread?: BootingEngineThread | undefined;
  /**
   * `generate --watch`: the session's draft migration, rewritten instead of followed by another
   * while it is the journal's last entry and `applied` says no database has run it.
   */
  readonly draft?: { readonly tag: string; readonly applied: (migration: MigrationEntry) => Promise<boolean> };
}

export interface GeneratePlan {
  readonly model: ProjectModel;
  readonly folder: MigrationFolder;
  /** The migrations for the schemas' change: none, one, or two with `--safe`; with `custom`, the custom one (`changed`: what it takes). */
  readonly migrations: readonly PlannedMigration[];
  /** Lint findings on those migrations (with `lintNew`). */
  readonly lint: LintOutcome;
  readonly plan: Plan;
  /** Where the types' database metadata came from. */
  readonly metadataFrom: MetadataSource;
  /** The user's files the schemas and config were loaded from: what the output depends on. */
  readonly loadedFiles: readonly string[];
  /** The draft this plan rewrites (or removes, when the schemas went back to before it). */
  readonly replacedDraft: string | undefined;
  /** Stubs of tables no longer in their section; those the plan removes (`prune`) are among its deletions. */
  readonly orphans: readonly StubOrphan[];
}

/**
 * Loads ahead what a plan loads on first use (drizzle-kit's API, kysely-codegen's serializer), for
 * a session whose first run had nothing to plan (`generate --watch`): its first save then plans as
 * quickly as the next ones.
 */
export async function loadPlanModules(): Promise<void> {
  drizzleKitApi();
  await loadSerializer();
}

/**
 * Everything `generate` would write, computed without writing: the new migration (if the schemas
 * changed), every section's types, and (later) missing stubs. `check` compares it with the disk.
 */
export async function buildGeneratePlan(options: GeneratePlanOptions): Promise<GeneratePlan> {
  const progress = options.progress ?? (() => undefined);
  const { config } = options;
  const shownAs = (file: string) => displayPath(options.cwd, file);
  const prepared = await prepareFolder(config.migrationsDir, { rehash: options.rehash ?? false, rebase: options.rebase ?? false });
  const { removed, rebasedName } = prepared;
  const takenOut = options.draft ? takeOutDraft(prepared.folder, options.draft.tag) : undefined;
  const draft = takenOut && !(await options.draft!.applied(takenOut.draft)) ? takenOut : undefined;
  const folder = draft?.folder ?? prepared.folder;
  const history: MigrationToRun[] = folder.migrations.map((entry) => ({
    tag: entry.entry.tag,
    sql: entry.sql!,
    shownAs: shownAs(entry.sqlFile),
    isNew: false,
  }));
  const migrated = startMigratedMetadata(config, { history, shadowUrlFlag: options.shadowUrl, progress, eager: options.schemasChanged ?? true, booting: options.engineThread });

  let model: ProjectModel;
  let migrations: readonly PlannedMigration[];
  let stubs: PlannedFile[];
  let templates: Templates;
  let previous: PgSnapshot;
  try {
    progress('loading section schemas');
    model = await loadProjectModel(config, options.cwd, options.loader);
    templates = await loadTemplates(config.templatesDir);
    stubs = await planScaffold(model, templates);
    const typesFiles = model.sections.map((section) => ({ path: section.config.typesFile, kind: 'types', section: section.name }));
    assertOutputPaths(config, [...typesFiles, ...stubs], options.loader.loadedFiles(), options.cwd);
    progress('diffing schemas against the last snapshot');
    previous = await latestSnapshot(folder);
    const migration = await planMigration({
      model,
      folder,
      previous,
      name: options.name ?? rebasedName,
      renames: options.renames ?? [],
      answers: options.answers ?? { renames: [], created: [] },
      acceptDropAndCreate: options.acceptDropAndCreate ?? false,
      now: options.now ?? Date.now(),
    });
    assertRebaseKeepsStatements(removed, folder.migrations.map((entry) => entry.sql!), migration?.sql);
    if (options.custom) migrations = [planCustomMigration(folder, previous, options.name ?? 'custom', options.now ?? Date.now(), migration)];
    else migrations = !migration ? [] : options.safe ? await splitForSafety(migration, shownAs) : [migration];
  } catch (error) {
    await migrated.abandon();
    throw error;
  }
  // Parsed on a thread of its own while the engine runs the new migrations.
  const linting =
    options.lintNew && migrations.length > 0
      ? lintNewMigrations(migrations, { model, settings: config.lintRules ?? {}, previous, shownAs })
      : Promise.resolve({ findings: [], allowed: [] });
  linting.catch(() => undefined);
  const next: MigrationToRun[] = migrations.map((migration) => ({ tag: migration.tag, sql: migration.sql, shownAs: shownAs(migration.files[0]!.path), isNew: true }));
  // Loading kysely-codegen's serializer overlaps the wait for the engine.
  loadSerializer().catch(() => undefined);
  const { metadata, source } = await migrated.complete(next);
  assertEveryTableOwned(model, metadata);
  assertExtraTablesCreated(model, metadata.tables.map((table) => ({ name: table.name, schema: table.schema ?? 'public' })));

  progress('serializing types per section');
  const types = await planSectionTypes(model, metadata);
  const sum: PlannedFile = {
    path: sumFilePath(folder.dir),
    content: renderSumFile([...history, ...next].map((entry) => ({ file: `${entry.tag}.sql`, hash: hashMigration(entry.sql) }))),
    ownership: 'generated',
    kind: 'sum',
  };
  const hasMigrations = history.length > 0 || next.length > 0;
  // A draft the schemas no longer need leaves the journal as it was before it.
  const journal: PlannedFile[] =
    draft && migrations.length === 0 ? [{ path: folder.journalFile, content: JSON.stringify(folder.journal, null, 2), ownership: 'generated', kind: 'journal' }] : [];
  const files = [...migrations.flatMap((migration) => migration.files), ...journal, ...(hasMigrations ? [sum] : []), ...types, ...stubs];
  const deletions = [...prepared.deletions, ...(draft?.deletions ?? []), ...(draft && !hasMigrations ? [sum.path] : [])];
  const orphans = await findStubOrphans(model, stubs, folder, templates);
  const pruned = options.prune ? orphans.filter((orphan) => orphan.pristine || options.force).map((orphan) => orphan.path) : [];
  // A migration --rebase regenerates under its old name is written, not removed; so is a draft rewritten under its own.
  const written = new Set(files.map((file) => file.path));
  return {
    model,
    folder,
    migrations,
    lint: await linting,
    plan: { files, deletions: [...deletions, ...pruned].filter((path) => !written.has(path)) },
    metadataFrom: source,
    loadedFiles: options.loader.loadedFiles(),
    replacedDraft: draft?.draft.entry.tag,
    orphans,
  };
}
