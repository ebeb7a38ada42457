import { NO_TRANSACTION_DIRECTIVE } from '../migrations/migration-sql.js';
import type { ParsedMigration, ParsedStatement } from './parsed-migration.js';
import { tableKey, tableOf } from './sql-names.js';
import { createdTable } from './statements.js';

/** A migration split for `generate --safe`. */
export interface SafeSplit {
  /** The statements that stay in the migration, in their order, without their semicolons. */
  readonly main: readonly string[];
  /** The index creations moved out, rewritten with CONCURRENTLY, in their order. */
  readonly concurrent: readonly string[];
}

/**
 * Moves every CREATE INDEX on a table the migration does not create itself into a second
 * migration, as CREATE INDEX CONCURRENTLY: it then builds without blocking writes, which needs a
 * migration run outside a transaction (see {@link renderNoTransactionMigration}). An index on a
 * table created in the same migration stays: that table is empty. `null` when nothing moves (or
 * PostgreSQL's parser refused the file): keep the migration as it is.
 */
export function splitSafeMigration(migration: ParsedMigration): SafeSplit | null {
  if (migration.syntaxError) return null;
  const topLevel = migration.statements.filter((statement) => statement.byteOffset !== null);
  const created = new Set(topLevel.flatMap(({ node }) => [createdTable(node)]).flatMap((table) => (table ? [tableKey(table)] : [])));
  const moves = (statement: ParsedStatement) => {
    const { node } = statement;
    if (!('IndexStmt' in node) || node.IndexStmt.concurrent) return false;
    const table = tableOf(node.IndexStmt.relation);
    return table !== null && !created.has(tableKey(table)) && indexKeyword(statement) !== undefined;
  };
  const concurrent = topLevel.filter(moves).map(withConcurrently);
  if (concurrent.length === 0) return null;
  return { main: topLevel.filter((statement) => !moves(statement)).map((statement) => statement.text), concurrent };
}

/** A migration file of these statements that `sections migrate` runs outside a transaction, one statement at a time. */
export function renderNoTransactionMigration(statements: readonly string[]): string {
  return `${NO_TRANSACTION_DIRECTIVE}\n${statements.map((statement) => `${statement};`).join('\n--> statement-breakpoint\n')}\n`;
}

function indexKeyword(statement: ParsedStatement) {
  return statement.tokens.find((token) => token.keyword === 'INDEX');
}

/** `CREATE [UNIQUE] INDEX` + ` CONCURRENTLY`, the rest byte for byte as drizzle-kit wrote it. */
function withConcurrently(statement: ParsedStatement): string {
  const bytes = Buffer.from(statement.text, 'utf8');
  const at = indexKeyword(statement)!.end;
  return `${bytes.subarray(0, at).toString('utf8')} CONCURRENTLY${bytes.subarray(at).toString('utf8')}`;
}
