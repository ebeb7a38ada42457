import { basename } from 'node:path';
import { OperationError } from '../errors.js';
import { splitStatements, type MigrationEntry } from '../migrations/migration-folder.js';
import { LEDGER, STATE } from './ledger.js';
import { hashSql, NO_TRANSACTION_DIRECTIVE } from './migration-state.js';
import type { Session } from './session.js';

/**
 * One migration, and its ledger row, in one transaction: it is either wholly applied or not at
 * all. With the no-transaction directive, statements run one by one and a state row records the
 * attempt, so a failure (or a kill) midway is visible and blocks later runs until resolved.
 */
export async function applyMigration(session: Session, migration: MigrationEntry): Promise<void> {
  const sql = migration.sql!;
  const hash = hashSql(sql);
  const statements = splitStatements(sql);
  const { tag, when } = migration.entry;
  if (sql.includes(NO_TRANSACTION_DIRECTIVE)) {
    await session.query(
      `insert into ${STATE} (tag, status, hash, created_at) values ($1, 'running', $2, $3) on conflict (tag) do update set status = 'running', error = null, updated_at = now()`,
      [tag, hash, when],
    );
    for (const statement of statements) {
      try {
        await session.exec(statement);
      } catch (error) {
        const message = (error as Error).message;
        await session.query(`update ${STATE} set status = 'failed', error = $2, updated_at = now() where tag = $1`, [tag, message]).catch(() => undefined);
        throw failure(migration, statement, message, [
          `it ran outside a transaction, so statements before this one stay applied; fix the database, then run`,
          `sections migrate --resolve ${tag} --applied   (or --rolled-back)`,
        ]);
      }
    }
    await session.exec('BEGIN');
    await session.query(`insert into ${LEDGER} (hash, created_at) values ($1, $2)`, [hash, when]);
    await session.query(`delete from ${STATE} where tag = $1`, [tag]);
    await session.exec('COMMIT');
    return;
  }
  await session.exec('BEGIN');
  for (const statement of statements) {
    try {
      await session.exec(statement);
    } catch (error) {
      await session.exec('ROLLBACK').catch(() => undefined);
      throw failure(migration, statement, (error as Error).message, ['nothing of this migration was applied; earlier migrations stay applied']);
    }
  }
  await session.query(`insert into ${LEDGER} (hash, created_at) values ($1, $2)`, [hash, when]);
  await session.exec('COMMIT');
}

function failure(migration: MigrationEntry, statement: string, message: string, hints: readonly string[]): OperationError {
  const shown = statement.length > 500 ? `${statement.slice(0, 500)}…` : statement;
  return new OperationError(`migration ${basename(migration.sqlFile)} failed: ${message}`, [`statement: ${shown}`, ...hints]);
}
