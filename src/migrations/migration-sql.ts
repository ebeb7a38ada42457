/**
 * How a migration file's text is run, the same for `sections migrate` and for the database
 * `generate` proves a migration on: split at drizzle's breakpoints, inside one transaction unless
 * its first line asks otherwise.
 */

/** The first line that makes a migration run outside a transaction (CREATE INDEX CONCURRENTLY, VACUUM, …). */
export const NO_TRANSACTION_DIRECTIVE = '-- sections:no-transaction';

/** Only the first line counts: the directive quoted in a later comment or string is just text. */
export function runsOutsideTransaction(sql: string): boolean {
  const firstLine = sql.replace(/^\uFEFF/, '').split('\n', 1)[0]!;
  return firstLine.trimEnd() === NO_TRANSACTION_DIRECTIVE;
}

/** The statements of a migration file, split the way drizzle's migrator splits them. */
export function splitStatements(sql: string): string[] {
  return sql
    .split('--> statement-breakpoint')
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '');
}

/**
 * Statements that end or manage the caller's transaction. A migration holding one cannot be tried
 * inside a transaction that is rolled back afterwards: its COMMIT would make it stick. (Matches
 * `BEGIN`/`END` of plpgsql blocks too: a false alarm only costs a throwaway database.)
 */
const TRANSACTION_CONTROL = /(^|;)\s*(begin|commit|end|rollback|abort|start\s+transaction|savepoint|release|prepare\s+transaction)\b/im;

/** Whether trying the migration inside a transaction and rolling it back leaves the database as it was. */
export function rollsBackCleanly(sql: string): boolean {
  return !runsOutsideTransaction(sql) && !TRANSACTION_CONTROL.test(sql);
}
