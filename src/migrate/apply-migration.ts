import { basename } from 'node:path';
import type { Database } from '../database/database.js';
import { runMigration, StatementFailure } from '../database/run-migration.js';
import { OperationError } from '../errors.js';
import type { MigrationEntry } from '../migrations/migration-folder.js';
import { runsOutsideTransaction } from '../migrations/migration-sql.js';
import { recordApplied, STATE } from './ledger.js';
import { hashSql } from './migration-state.js';

/**
 * One migration, and its ledger row, in one transaction: it is either wholly applied or not at
 * all. With the no-transaction directive, statements run one by one and a state row records the
 * attempt, so a failure (or a kill) midway is visible and blocks later runs until resolved.
 */
export async function applyMigration(db: Database, migration: MigrationEntry): Promise<void> {
  const sql = migration.sql!;
  const hash = hashSql(sql);
  const { tag, when } = migration.entry;
  const outside = runsOutsideTransaction(sql);
  if (outside) {
    await db.query(
      `insert into ${STATE} (tag, status, hash, created_at) values ($1, 'running', $2, $3) on conflict (tag) do update set status = 'running', error = null, updated_at = now()`,
      [tag, hash, when],
    );
  }
  try {
    await runMigration(db, sql, async () => {
      await recordApplied(db, { hash, when });
      if (outside) await db.query(`delete from ${STATE} where tag = $1`, [tag]);
    });
  } catch (error) {
    if (!(error instanceof StatementFailure)) throw error;
    if (!outside) throw failure(migration, error, ['nothing of this migration was applied; earlier migrations stay applied']);
    await db.query(`update ${STATE} set status = 'failed', error = $2, updated_at = now() where tag = $1`, [tag, error.message]).catch(() => undefined);
    throw failure(migration, error, [
      `it ran outside a transaction, so statements before this one stay applied; fix the database, then run`,
      `sections migrate --resolve ${tag} --applied   (or --rolled-back)`,
    ]);
  }
}

function failure(migration: MigrationEntry, error: StatementFailure, hints: readonly string[]): OperationError {
  return new OperationError(`migration ${basename(migration.sqlFile)} failed: ${error.message}`, [`statement: ${error.shownStatement}`, ...hints]);
}
