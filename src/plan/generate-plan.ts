import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { migratedMetadata, type MetadataSource } from '../codegen/migrated-metadata.js';
import { assertEveryTableOwned, planSectionTypes } from '../codegen/section-types.js';
import { takeLoadedUserFiles } from '../config/import-module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { UserError } from '../errors.js';
import { readMigrationFolder, type MigrationFolder } from '../migrations/migration-folder.js';
import { planMigration, type PlannedMigration } from '../migrations/plan-migration.js';
import type { RenameSpec } from '../migrations/renames.js';
import { loadProjectModel } from '../model/load-project-model.js';
import type { ProjectModel } from '../model/project-model.js';
import { branchMigrations, inspectMigrationFolder } from '../migrations/folder-integrity.js';
import { hashMigration, renderSumFile, sumFilePath } from '../migrations/sum-file.js';
import { planScaffold } from '../scaffold/plan-scaffold.js';
import type { Plan, PlannedFile } from './plan.js';

import type { MigrationSql, Progress } from '../codegen/migrated-metadata.js';

export interface GeneratePlanOptions {
  readonly config: ResolvedConfig;
  readonly cwd: string;
  readonly name?: string | undefined;
  readonly renames?: readonly RenameSpec[];
  readonly acceptDropAndCreate?: boolean;
  /** A server to create the temporary database on instead of the embedded engine. */
  readonly shadowUrl?: string | undefined;
  readonly now?: number;
  readonly progress?: Progress;
  /** Renumber migrations that came from another branch after the journal's and regenerate them. */
  readonly rebase?: boolean;
  /** Accept edits of already generated migrations: record their new hashes. */
  readonly rehash?: boolean;
}

export interface GeneratePlan {
  readonly model: ProjectModel;
  readonly folder: MigrationFolder;
  readonly migration: PlannedMigration | undefined;
  readonly plan: Plan;
  /** Where the types' database metadata came from. */
  readonly metadataFrom: MetadataSource;
  /** The user's files the schemas and config were loaded from: what the output depends on. */
  readonly loadedFiles: readonly string[];
}

/**
 * Everything `generate` would write, computed without writing: the new migration (if the schemas
 * changed), every section's types, and (later) missing stubs. `check` compares it with the disk.
 */
export async function buildGeneratePlan(options: GeneratePlanOptions): Promise<GeneratePlan> {
  const progress = options.progress ?? (() => undefined);
  const { config } = options;
  progress('loading section schemas');
  const model = await loadProjectModel(config, options.cwd);
  const loadedFiles = takeLoadedUserFiles();
  const { folder, deletions, rebasedName } = await prepareFolder(config, options);

  progress('diffing schemas against the last snapshot');
  const migration = await planMigration({
    model,
    folder,
    name: options.name ?? rebasedName,
    renames: options.renames ?? [],
    acceptDropAndCreate: options.acceptDropAndCreate ?? false,
    now: options.now ?? Date.now(),
  });

  const migrationSql: MigrationSql[] = [
    ...folder.migrations.map((entry) => ({ tag: entry.entry.tag, sql: entry.sql! })),
    ...(migration ? [{ tag: migration.tag, sql: migration.sql }] : []),
  ];
  const { metadata, source } = await migratedMetadata(config, {
    migrationSql,
    history: folder.migrations.map((entry) => entry.sql!),
    plainDiff: migration?.plainDiff,
    shadowUrl: options.shadowUrl ?? config.shadowUrl,
    progress,
  });
  assertEveryTableOwned(model, metadata);

  progress('serializing types per section');
  const types = await planSectionTypes(model, metadata);
  const sum: PlannedFile = {
    path: sumFilePath(folder.dir),
    content: renderSumFile(migrationSql.map((entry) => ({ file: `${entry.tag}.sql`, hash: hashMigration(entry.sql) }))),
    ownership: 'generated',
    kind: 'sum',
  };
  const stubs = await planScaffold(model);
  const files = [...(migration?.files ?? []), ...(migrationSql.length > 0 ? [sum] : []), ...types, ...stubs];
  return { model, folder, migration, plan: { files, deletions }, metadataFrom: source, loadedFiles };
}

/**
 * Reads the folder and refuses to build on a broken one: a migration edited after generation
 * (unless --rehash), or migrations from another branch's numbering (unless --rebase, which takes
 * them out so they are regenerated after the others).
 */
async function prepareFolder(
  config: ResolvedConfig,
  options: GeneratePlanOptions,
): Promise<{ folder: MigrationFolder; deletions: string[]; rebasedName: string | undefined }> {
  const read = await readMigrationFolder(config.migrationsDir);
  const sumText = await readFile(sumFilePath(read.dir), 'utf8').catch(() => undefined);
  const issues = inspectMigrationFolder(read, sumText);
  const missing = issues.find((issue) => issue.kind === 'missing-sql' || issue.kind === 'missing-snapshot');
  if (missing) throw new UserError(`${missing.file}: ${missing.message}`);
  const edited = issues.find((issue) => issue.kind === 'edited');
  if (edited && !options.rehash && !options.rebase) throw new UserError(edited.message);
  const branchIssue = issues.find((issue) => issue.kind === 'unlisted-sql' || issue.kind === 'duplicate-index' || issue.kind === 'sum-unreadable');
  if (!options.rebase) {
    if (branchIssue) throw new UserError(branchIssue.message);
    return { folder: read, deletions: [], rebasedName: undefined };
  }
  const branch = branchMigrations(read);
  const removed = [...branch.entries.map((entry) => entry.sqlFile), ...branch.unlisted];
  const kept = read.migrations.filter((migration) => !branch.entries.includes(migration));
  const folder: MigrationFolder = {
    ...read,
    journal: { ...read.journal, entries: kept.map((migration) => migration.entry) },
    migrations: kept,
    unlistedSqlFiles: [],
  };
  const lastIdx = kept.at(-1)?.entry.idx ?? -1;
  const staleSnapshots = branch.unlisted
    .map((file) => basename(file).split('_')[0]!)
    .filter((prefix) => Number(prefix) > lastIdx + 1)
    .map((prefix) => join(read.dir, 'meta', `${prefix}_snapshot.json`));
  const names = removed.map((file) => basename(file, '.sql').split('_').slice(1).join('_')).filter((name) => name !== '');
  return { folder, deletions: [...removed, ...staleSnapshots], rebasedName: names.length > 0 ? [...new Set(names)].join('_').slice(0, 60) : undefined };
}
