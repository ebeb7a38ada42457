import type { DatabaseMetadata } from 'kysely-codegen/dist/introspector/metadata/database-metadata.js';
import { introspectDatabase } from '../codegen/introspect.js';
import type { Database } from '../database/database.js';
import { missingExtensionHint, requestedExtensions } from '../database/pglite.js';
import { runMigration, StatementFailure, tryMigration } from '../database/run-migration.js';
import { rollsBackCleanly } from '../migrations/migration-sql.js';
import { hashMigration } from '../migrations/sum-file.js';
import type { Progress } from '../progress.js';
import { countUserObjects, type EngineBackend, type HistoryDatabase } from './engine-backend.js';
import { migrationRefused, MigrationRefusedError, type MigrationToRun } from './migration-refused.js';

/**
 * An engine with the folder's migrations applied, waiting for the migrations `generate` would
 * write next (known only once the schemas are loaded and diffed, which happens meanwhile).
 */
export interface PreparedEngine {
  /**
   * Runs the new migrations (none, one, or the two of `generate --safe`) as `sections migrate`
   * would, introspects with kysely-codegen's own introspector, and releases the engine. A
   * statement PostgreSQL refuses is a {@link MigrationRefusedError} naming the migration.
   */
  finish(next: readonly MigrationToRun[]): Promise<DatabaseMetadata>;
  /** Releases the engine without running anything more (the result was cached). */
  abandon(): Promise<void>;
}

/**
 * Applies the folder's migrations on the engine exactly as `sections migrate` does (each in a
 * transaction of its own, or statement by statement under the no-transaction directive): in the
 * history database the engine keeps, only those after the ones committed there already; in a
 * scratch database when the history database is busy.
 */
export async function prepareEngine(backend: EngineBackend, history: readonly MigrationToRun[], progress: Progress): Promise<PreparedEngine> {
  const extensions = requestedExtensions(history.map((migration) => migration.sql));
  const kept = await backend.openHistory(history.map((migration) => hashMigration(migration.sql)), extensions);
  if (!kept) return prepareScratch(backend, history, extensions, progress);
  try {
    await commitHistory(kept, history, progress);
  } catch (error) {
    // A refused migration may have left part of itself committed (outside a transaction): start afresh next time.
    await kept.close(true);
    throw error;
  }
  return {
    finish: async (migrations) => {
      const [next, ...more] = migrations;
      const needed = requestedExtensions([...history, ...migrations].map((migration) => migration.sql));
      if (more.length > 0 || (next && !rollsBackCleanly(next.sql)) || needed.some((name) => !extensions.includes(name))) {
        // Not one migration a rollback undoes, or one creating an extension the history database was
        // not started with: a scratch database of its own, where each is committed as migrate would.
        await kept.close(false);
        return (await prepareScratch(backend, history, needed, progress)).finish(migrations);
      }
      let discard = true;
      try {
        const objects = await countUserObjects(kept.db);
        progress('introspecting');
        if (!next) {
          const metadata = await introspectDatabase(kept.db.kysely());
          discard = false;
          return metadata;
        }
        const metadata = await run(next, () => tryMigration(kept.db, next.sql, () => introspectDatabase(kept.db.kysely()))).catch((error: unknown) => {
          // Refused, so rolled back: the history database is as it was.
          if (error instanceof MigrationRefusedError) discard = false;
          throw error;
        });
        // Whatever the rollback did not undo (a COMMIT that `rollsBackCleanly` missed) must not stay.
        discard = (await countUserObjects(kept.db)) !== objects;
        return metadata;
      } finally {
        await kept.close(discard);
      }
    },
    abandon: () => kept.close(false),
  };
}

/** Commits the migrations after those recorded, and records them; no record while committing. */
async function commitHistory(kept: HistoryDatabase, history: readonly MigrationToRun[], progress: Progress): Promise<void> {
  const from = kept.committed.migrations.length;
  if (from === history.length) return;
  await kept.record(undefined);
  await applyMigrations(kept.db, history.slice(from), progress);
  await kept.record({ migrations: history.map((migration) => hashMigration(migration.sql)), objects: await countUserObjects(kept.db) });
}

async function prepareScratch(backend: EngineBackend, history: readonly MigrationToRun[], extensions: readonly string[], progress: Progress): Promise<PreparedEngine> {
  const db = await backend.openScratch(extensions);
  try {
    await applyMigrations(db, history, progress);
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    finish: async (migrations) => {
      try {
        for (const next of migrations) await run(next, () => runMigration(db, next.sql));
        progress('introspecting');
        return await introspectDatabase(db.kysely());
      } finally {
        await db.close();
      }
    },
    abandon: () => db.close(),
  };
}

async function applyMigrations(db: Database, migrations: readonly MigrationToRun[], progress: Progress): Promise<void> {
  if (migrations.length > 0) progress(`applying ${migrations.length} migration${migrations.length === 1 ? '' : 's'}`);
  for (const migration of migrations) await run(migration, () => runMigration(db, migration.sql));
}

/** Runs one migration's work, turning a refused statement into the error that names the migration. */
async function run<T>(migration: MigrationToRun, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof StatementFailure)) throw error;
    throw migrationRefused(migration, error, missingExtensionHint(error.message));
  }
}
