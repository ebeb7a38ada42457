import { createRequire } from 'node:module';
import type { DatabaseMetadata } from 'kysely-codegen/dist/introspector/metadata/database-metadata.js';
import { introspectDatabase, metadataFromJson, metadataToJson } from '../codegen/introspect.js';
import { metadataCacheKey, readCachedMetadata, writeCachedMetadata } from '../codegen/metadata-cache.js';
import { assertEveryTableOwned, planSectionTypes } from '../codegen/section-types.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { OperationError, UserError } from '../errors.js';
import { readMigrationFolder, type MigrationFolder } from '../migrations/migration-folder.js';
import { planMigration, type PlannedMigration } from '../migrations/plan-migration.js';
import type { RenameSpec } from '../migrations/renames.js';
import { loadProjectModel } from '../model/load-project-model.js';
import type { ProjectModel } from '../model/project-model.js';
import type { Plan } from './plan.js';

export type Progress = (step: string) => void;

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
}

export interface GeneratePlan {
  readonly model: ProjectModel;
  readonly folder: MigrationFolder;
  readonly migration: PlannedMigration | undefined;
  readonly plan: Plan;
  /** Whether a database was booted (false when the introspection cache answered). */
  readonly usedDatabase: boolean;
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
  const folder = await readMigrationFolder(config.migrationsDir);
  const missing = folder.migrations.find((migration) => migration.sql === undefined);
  if (missing) throw new UserError(`${missing.sqlFile}: the journal lists migration "${missing.entry.tag}" but its SQL file is missing`);

  progress('diffing schemas against the last snapshot');
  const migration = await planMigration({
    model,
    folder,
    name: options.name,
    renames: options.renames ?? [],
    acceptDropAndCreate: options.acceptDropAndCreate ?? false,
    now: options.now ?? Date.now(),
  });

  const migrationSql: MigrationSql[] = [
    ...folder.migrations.map((entry) => ({ tag: entry.entry.tag, sql: entry.sql! })),
    ...(migration ? [{ tag: migration.tag, sql: migration.sql }] : []),
  ];
  const { metadata, usedDatabase } = await introspectMigrations(config, migrationSql, options.shadowUrl ?? config.shadowUrl, progress);
  assertEveryTableOwned(model, metadata);

  progress('serializing types per section');
  const types = await planSectionTypes(model, metadata);
  return { model, folder, migration, plan: { files: [...(migration?.files ?? []), ...types] }, usedDatabase };
}

interface MigrationSql {
  readonly tag: string;
  readonly sql: string;
}

async function introspectMigrations(
  config: ResolvedConfig,
  migrationSql: readonly MigrationSql[],
  shadowUrl: string | undefined,
  progress: Progress,
): Promise<{ metadata: DatabaseMetadata; usedDatabase: boolean }> {
  const key = metadataCacheKey(migrationSql.map((migration) => migration.sql), codegenVersion());
  const cached = await readCachedMetadata(config.cacheDir, key);
  if (cached) return { metadata: await metadataFromJson(cached), usedDatabase: false };

  // TEMP until src/engine lands: untyped specifier keeps the build green meanwhile.
  const engineModule = '../engine/open-engine.js';
  const { openEngine } = (await import(engineModule)) as {
    openEngine(options: { shadowUrl?: string | undefined; cacheDir: string }): Promise<{
      db: import('kysely').Kysely<any>;
      exec(sql: string): Promise<void>;
      close(): Promise<void>;
    }>;
  };
  progress(shadowUrl ? 'creating a temporary database on the shadow server' : 'booting embedded PostgreSQL (PGlite)');
  const engine = await openEngine({ shadowUrl, cacheDir: config.cacheDir });
  try {
    progress(`applying ${migrationSql.length} migration${migrationSql.length === 1 ? '' : 's'}`);
    for (const migration of migrationSql) {
      await engine.exec(migration.sql).catch((error: unknown) => {
        throw new OperationError(`migration "${migration.tag}" fails on a fresh database: ${(error as Error).message}`);
      });
    }
    progress('introspecting');
    const metadata = await introspectDatabase(engine.db);
    await writeCachedMetadata(config.cacheDir, key, metadataToJson(metadata));
    return { metadata, usedDatabase: true };
  } finally {
    await engine.close();
  }
}

function codegenVersion(): string {
  return (createRequire(import.meta.url)('kysely-codegen/package.json') as { version: string }).version;
}
