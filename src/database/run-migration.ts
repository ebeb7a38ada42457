import { runsOutsideTransaction, splitStatements } from '../migrations/migration-sql.js';
import type { Database } from './database.js';

/** A statement PostgreSQL refused, with its own error (and SQLSTATE code, when it gave one). */
export class StatementFailure extends Error {
  readonly statement: string;
  readonly code: string | undefined;

  constructor(statement: string, error: unknown) {
    super(error instanceof Error ? error.message : String(error));
    this.name = 'StatementFailure';
    this.statement = statement;
    this.code = (error as { code?: unknown } | undefined)?.code === undefined ? undefined : String((error as { code: unknown }).code);
  }

  /** The statement as error details show it: a long one cut, so the error stays readable. */
  get shownStatement(): string {
    return this.statement.length > 500 ? `${this.statement.slice(0, 500)}…` : this.statement;
  }
}

/**
 * A migration's statements in order, each sent without parameters, hence over the simple
 * protocol: a hand-written migration may hold several statements between two breakpoints.
 */
export async function runStatements(db: Database, sql: string): Promise<void> {
  for (const statement of splitStatements(sql)) {
    try {
      await db.exec(statement);
    } catch (error) {
      throw new StatementFailure(statement, error);
    }
  }
}

/**
 * One migration as `sections migrate` runs it: its statements and `beforeCommit` (migrate's
 * ledger row) in one transaction; or, under the no-transaction directive, its statements one by
 * one outside any, then `beforeCommit` in a transaction of its own. A failure inside a
 * transaction rolls it back before it is rethrown.
 */
export async function runMigration(db: Database, sql: string, beforeCommit: () => Promise<void> = async () => undefined): Promise<void> {
  const outside = runsOutsideTransaction(sql);
  if (outside) await runStatements(db, sql);
  await db.exec('BEGIN');
  try {
    if (!outside) await runStatements(db, sql);
    await beforeCommit();
  } catch (error) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
  await db.exec('COMMIT');
}

/**
 * A migration tried inside a transaction that `inspect` sees and that is then rolled back. Checks
 * a COMMIT would make run before `inspect` (deferred constraints), so what fails here is what
 * `migrate` would refuse. The caller makes sure the migration `rollsBackCleanly`.
 */
export async function tryMigration<T>(db: Database, sql: string, inspect: () => Promise<T>): Promise<T> {
  await db.exec('BEGIN');
  try {
    await runStatements(db, sql);
    await db.exec('SET CONSTRAINTS ALL IMMEDIATE').catch((error: unknown) => {
      throw new StatementFailure('COMMIT (its deferred constraints)', error);
    });
    return await inspect();
  } finally {
    await db.exec('ROLLBACK');
  }
}
