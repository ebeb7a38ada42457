import type { DatabaseMetadata } from 'kysely-codegen/dist/introspector/metadata/database-metadata.js';
import { drizzleKitApi } from '../commonjs-packages.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { fitsOneTransaction } from '../engine/engine.js';
import type { OpenEngineOptions } from '../engine/open-engine.js';
import { isSectionsError, OperationError } from '../errors.js';
import type { PlannedMigration } from '../migrations/plan-migration.js';
import type { PgSnapshot } from '../migrations/snapshot.js';
import { packageVersion } from '../package-version.js';
import { introspectDatabase, metadataFromJson, metadataToJson, type MetadataJson } from './introspect.js';
import { metadataCacheKey, readCachedMetadata, writeCachedMetadata } from './metadata-cache.js';
import { deriveMetadata } from './metadata-delta.js';
import { probeSnapshot } from './probe-snapshot.js';
import { loadSerializer } from './section-types.js';
import type { Progress } from '../progress.js';


/**
 * Where the metadata came from: the introspection cache (unchanged migrations); derived from the
 * committed migrations' cached introspection (a proven plain change, no database); a first
 * migration's probe table, introspected and extended to its tables; or all migrations applied to
 * a throwaway database and introspected.
 */
export type MetadataSource = 'cache' | 'derived' | 'probe' | 'database';

export interface MigrationSql {
  readonly tag: string;
  readonly sql: string;
}

export interface MigratedMetadataOptions {
  readonly migrationSql: readonly MigrationSql[];
  /** The committed migrations, which come first in `migrationSql`: the engine may keep them applied between runs. */
  readonly history: readonly string[];
  /** The new migration's snapshots, when it is a plain diff of them (it is the last of `migrationSql`). */
  readonly plainDiff: PlannedMigration['plainDiff'];
  readonly shadowUrl: string | undefined;
  readonly progress: Progress;
}

/** The metadata of the database the migrations make, found the cheapest way that gives the same answer. */
export async function migratedMetadata(
  config: ResolvedConfig,
  options: MigratedMetadataOptions,
): Promise<{ metadata: DatabaseMetadata; source: MetadataSource }> {
  const { migrationSql, history, plainDiff } = options;
  const codegenVersion = packageVersion('kysely-codegen') ?? '?';
  const key = metadataCacheKey(migrationSql.map((migration) => migration.sql), codegenVersion);
  const found = async (json: MetadataJson, source: MetadataSource) => {
    if (source !== 'cache') await writeCachedMetadata(config.cacheDir, key, json);
    return { metadata: await metadataFromJson(json), source };
  };
  const cached = await readCachedMetadata(config.cacheDir, key);
  if (cached) return found(cached, 'cache');

  if (plainDiff) {
    const before = history.length === 0 ? EMPTY_DATABASE : await readCachedMetadata(config.cacheDir, metadataCacheKey(history, codegenVersion));
    const derived = before && deriveMetadata(before, plainDiff.from, plainDiff.to);
    if (derived) return found(derived, 'derived');
    const probe = history.length === 0 ? probeSnapshot(plainDiff.from, plainDiff.to) : undefined;
    const probed = probe && (await introspectProbe(config, options, plainDiff.from, probe));
    const fromProbe = probed && deriveMetadata(probed, probe, plainDiff.to);
    if (fromProbe) return found(fromProbe, 'probe');
  }
  return found(metadataToJson(await applyAndIntrospectAll(config, options)), 'database');
}

const EMPTY_DATABASE: MetadataJson = { enums: {}, tables: [] };

/**
 * Applies drizzle-kit's SQL for the probe. A probe PostgreSQL refuses is no verdict on the real
 * migration: `undefined`, and the migrations themselves are applied, which reports what is wrong.
 */
async function introspectProbe(
  config: ResolvedConfig,
  { shadowUrl, progress }: MigratedMetadataOptions,
  from: PgSnapshot,
  probe: PgSnapshot,
): Promise<MetadataJson | undefined> {
  const statements = await drizzleKitApi().generateMigration(from as never, probe as never);
  progress(shadowUrl ? 'creating a temporary database on the shadow server' : 'booting embedded PostgreSQL (PGlite)');
  const probeSql = statements.map((sql) => ({ tag: 'probe', sql }));
  return applyAndIntrospect({ shadowUrl, cacheDir: config.cacheDir, rollbackOnly: true, history: [] }, probeSql, progress).then(
    metadataToJson,
    () => undefined,
  );
}

async function applyAndIntrospectAll(config: ResolvedConfig, { migrationSql, history, shadowUrl, progress }: MigratedMetadataOptions): Promise<DatabaseMetadata> {
  progress(shadowUrl ? 'creating a temporary database on the shadow server' : 'booting embedded PostgreSQL (PGlite)');
  const rollbackOnly = fitsOneTransaction(migrationSql.map((migration) => migration.sql));
  return applyAndIntrospect({ shadowUrl, cacheDir: config.cacheDir, rollbackOnly, history }, migrationSql, progress).catch((error: unknown) => {
    // Some statements refuse to run inside a transaction (CREATE INDEX CONCURRENTLY, which
    // drizzle-kit writes for `.concurrently()`): a run without one decides.
    if (!rollbackOnly || shadowUrl) throw error;
    return applyAndIntrospect({ shadowUrl, cacheDir: config.cacheDir, rollbackOnly: false }, migrationSql, progress);
  });
}

async function applyAndIntrospect(engineOptions: OpenEngineOptions, migrationSql: readonly MigrationSql[], progress: Progress): Promise<DatabaseMetadata> {
  const { openEngine } = await import('../engine/open-engine.js');
  // The serializer is needed next anyway; loading it is CPU work that overlaps PGlite's
  // WebAssembly compilation or the server's CREATE DATABASE (about 0.3 s saved).
  const [opened, loaded] = await Promise.allSettled([openEngine(engineOptions), loadSerializer()]);
  if (opened.status === 'rejected') throw opened.reason;
  const engine = opened.value;
  try {
    if (loaded.status === 'rejected') throw loaded.reason;
    const pending = migrationSql.slice(engine.preapplied);
    progress(`applying ${pending.length} migration${pending.length === 1 ? '' : 's'}`);
    for (const migration of pending) {
      await engine.exec(migration.sql).catch((error: unknown) => {
        throw new OperationError(
          `migration "${migration.tag}" fails on a fresh database: ${(error as Error).message}`,
          isSectionsError(error) ? error.details : [],
        );
      });
    }
    progress('introspecting');
    return await introspectDatabase(engine.db);
  } finally {
    await engine.close();
  }
}
