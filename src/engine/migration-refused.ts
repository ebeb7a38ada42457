import type { StatementFailure } from '../database/run-migration.js';
import { OperationError } from '../errors.js';

/** A migration as the engine runs it. */
export interface MigrationToRun {
  readonly tag: string;
  readonly sql: string;
  /** Its file as messages show it; for the migration `generate` would write, the file to be. */
  readonly shownAs: string;
  /** Not in the folder yet: the migration `generate` would write. */
  readonly isNew: boolean;
}

/** PostgreSQL's SQLSTATE for using an enum value in the transaction that added it. */
const UNSAFE_NEW_ENUM_VALUE = '55P04';

/**
 * PostgreSQL refused a statement of a migration. For the new migration nothing was written; for
 * one in the folder, `migrate` would fail on it too.
 */
export class MigrationRefusedError extends OperationError {
  readonly migration: MigrationToRun;
  readonly statement: string;
  /** PostgreSQL's own error. */
  readonly reason: string;

  constructor(parts: { readonly migration: MigrationToRun; readonly statement: string; readonly reason: string; readonly message: string; readonly details: readonly string[] }) {
    super(parts.message, parts.details);
    this.migration = parts.migration;
    this.statement = parts.statement;
    this.reason = parts.reason;
  }
}

/** The error for a statement of `migration` that PostgreSQL refused, with what to do about it. */
export function migrationRefused(migration: MigrationToRun, failure: StatementFailure, hint?: string): MigrationRefusedError {
  const details = [
    `statement: ${failure.shownStatement}`,
    ...(failure.code === UNSAFE_NEW_ENUM_VALUE
      ? ['`sections migrate` runs each migration in one transaction, and a value added to an enum there cannot be used before it commits: generate the new value first, then what uses it']
      : []),
    ...(hint ? [hint] : []),
    ...(migration.isNew ? ['nothing was written'] : []),
  ];
  const message = migration.isNew
    ? `PostgreSQL refuses the new migration ${migration.shownAs}: ${failure.message}`
    : `migration ${migration.shownAs} fails on a fresh database: ${failure.message}`;
  return new MigrationRefusedError({ migration, statement: failure.statement, reason: failure.message, message, details });
}
