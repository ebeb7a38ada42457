import type { ResolvedConfig } from '../config/resolved-config.js';
import type { MigrationEntry } from '../migrations/migration-folder.js';
import { connectPglite } from './connect-pglite.js';
import { readLedger } from './ledger.js';
import { sameMigration } from './migration-state.js';

/**
 * Whether the local embedded database (`migrate --local`) has applied this migration, by its
 * ledger: its journal `when` (what drizzle's migrator records) or its hash. A database that
 * does not exist has applied nothing, and nothing is created to find out.
 */
export async function appliedLocally(config: ResolvedConfig, migration: MigrationEntry): Promise<boolean> {
  const db = await connectPglite(config.dataDir, config.cacheDir, config.dataDir, { readOnly: true, command: 'generate --watch' });
  if (!db) return false;
  try {
    const { applied } = await readLedger(db);
    return applied.some((row) => row.createdAt === migration.entry.when || (migration.sql !== undefined && sameMigration(row.hash, migration.sql)));
  } finally {
    await db.close();
  }
}
