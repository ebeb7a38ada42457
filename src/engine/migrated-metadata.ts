import type { DatabaseMetadata } from 'kysely-codegen/dist/introspector/metadata/database-metadata.js';
import { metadataFromJson, metadataToJson } from '../codegen/introspect.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { Progress } from '../progress.js';
import { chooseBackend } from './create-backend.js';
import { bootEngineThread, type BootingEngineThread, type EngineThread } from './engine-thread.js';
import { metadataCacheKey, readCachedMetadata, writeCachedMetadata } from './metadata-cache.js';
import type { MigrationToRun } from './migration-refused.js';

/**
 * Where the metadata came from: this run's engine, or the cache of an earlier run's (the same
 * migrations on the same engine and tool versions).
 */
export type MetadataSource = 'cache' | 'database';

export interface MigratedMetadataOptions {
  /** The migrations in the folder, in order. */
  readonly history: readonly MigrationToRun[];
  /** `--shadow-url`; without it, the config's shadow URL if any (see `chooseBackend`). */
  readonly shadowUrlFlag: string | undefined;
  readonly progress: Progress;
  /**
   * Boot the engine and apply the history now, before the new migration is known, because it is
   * likely needed (the schemas changed); otherwise only when the cache cannot answer.
   */
  readonly eager: boolean;
  /** The engine's thread, booted by the caller before the config was loaded (see `bootEngineThread`); taken over here. */
  readonly booting?: BootingEngineThread | undefined;
}

/** The metadata of the database the migrations make, once the new migrations are known. */
export interface MigratedMetadata {
  /** `next`: the migrations `generate` would write (none, one, or the two of `--safe`). */
  complete(next: readonly MigrationToRun[]): Promise<{ readonly metadata: DatabaseMetadata; readonly source: MetadataSource }>;
  /** Gives up (the run failed before the new migrations were known). */
  abandon(): Promise<void>;
}

/**
 * Every migration executed by PostgreSQL (the embedded engine, or the shadow server) and the
 * result introspected, or that result from an earlier run with exactly the same inputs. The
 * engine works on a thread of its own, meanwhile the caller loads and diffs the schemas.
 */
export function startMigratedMetadata(config: ResolvedConfig, options: MigratedMetadataOptions): MigratedMetadata {
  const { history, progress } = options;
  const backend = chooseBackend(config, options.shadowUrlFlag);
  let thread: EngineThread | undefined;
  const start = () => (thread ??= (options.booting ?? bootEngineThread()).start({ backend, history }, progress));
  if (options.eager) start().prepare();
  return {
    complete: async (next) => {
      const engine = start();
      const key = metadataCacheKey({
        migrations: [...history, ...next].map((migration) => migration.sql),
        engine: await engine.identity,
        codegen: config.sections.map((section) => section.codegen),
      });
      const cached = await readCachedMetadata(config.cacheDir, key);
      if (cached) {
        await engine.abandon();
        return { metadata: await metadataFromJson(cached), source: 'cache' };
      }
      progress(backend.kind === 'server' ? 'running the migrations on the shadow server' : 'running the migrations on embedded PostgreSQL (PGlite)');
      const metadata = await engine.finish(next);
      await writeCachedMetadata(config.cacheDir, key, metadataToJson(metadata));
      return { metadata, source: 'database' };
    },
    abandon: async () => {
      await thread?.abandon();
    },
  };
}
