import type { Node } from 'libpg-query';
import type { Rule, RuleHit } from '../rule.js';
import { tableOf, type TableRef } from '../sql-names.js';
import { commandsOfType } from '../statements.js';
import { NO_TRANSACTION_DIRECTIVE } from '../../migrations/migration-sql.js';

const ENDS_OR_NESTS = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START', 'TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK', 'TRANS_STMT_PREPARE', 'TRANS_STMT_COMMIT_PREPARED', 'TRANS_STMT_ROLLBACK_PREPARED']);

export const transactionNesting: Rule = {
  id: 'transaction-nesting',
  severity: 'error',
  reason: '`sections migrate` (like drizzle\'s migrator) runs each migration and its ledger row in one transaction: a BEGIN nests (PostgreSQL only warns), a COMMIT or ROLLBACK ends that transaction early, and what follows runs without it.',
  recipe: 'Remove the transaction control; for statements that must run outside a transaction, start the migration with `-- sections:no-transaction`.',
  statement: (context): RuleHit[] => {
    const { node } = context.statement;
    if (context.migration.noTransaction || !('TransactionStmt' in node) || !ENDS_OR_NESTS.has(node.TransactionStmt.kind ?? '')) return [];
    const keyword = context.statement.tokens[0]?.keyword ?? 'transaction control';
    return [{ table: null, message: `${keyword} inside a migration that migrate already runs in one transaction: it nests or ends that transaction` }];
  },
};

export const concurrentlyInTransaction: Rule = {
  id: 'concurrently-in-transaction',
  severity: 'error',
  reason: `CONCURRENTLY (and VACUUM) cannot run inside a transaction block, and migrate runs a migration in one unless its first line is \`${NO_TRANSACTION_DIRECTIVE}\`: the migration would fail at migrate time.`,
  recipe: `Put these statements in a migration of their own whose first line is \`${NO_TRANSACTION_DIRECTIVE}\` (only the first line counts).`,
  statement: (context): RuleHit[] => {
    if (context.migration.noTransaction) return [];
    const what = nonTransactional(context.statement.node);
    if (!what) return [];
    return [{ table: what.table, message: `${what.text} cannot run inside a transaction, and this migration's first line is not \`${NO_TRANSACTION_DIRECTIVE}\`: it fails at migrate time` }];
  },
};

function nonTransactional(node: Node): { text: string; table: TableRef | null } | null {
  if ('IndexStmt' in node && node.IndexStmt.concurrent) return { text: 'CREATE INDEX CONCURRENTLY', table: tableOf(node.IndexStmt.relation) };
  if ('DropStmt' in node && node.DropStmt.concurrent) return { text: 'DROP INDEX CONCURRENTLY', table: null };
  if ('ReindexStmt' in node && (node.ReindexStmt.params ?? []).some((param) => 'DefElem' in param && param.DefElem.defname === 'concurrently')) {
    return { text: 'REINDEX CONCURRENTLY', table: tableOf(node.ReindexStmt.relation) };
  }
  if ('VacuumStmt' in node && node.VacuumStmt.is_vacuumcmd) return { text: 'VACUUM', table: null };
  const detached = commandsOfType(node, 'AT_DetachPartition').find(({ command }) => command.def && 'PartitionCmd' in command.def && command.def.PartitionCmd.concurrent);
  if (detached) return { text: 'DETACH PARTITION CONCURRENTLY', table: detached.table };
  return null;
}
