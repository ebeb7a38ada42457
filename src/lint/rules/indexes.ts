import type { Rule, RuleHit } from '../rule.js';
import { showTable, tableOf } from '../sql-names.js';
import { droppedObjects } from '../statements.js';

export const requireConcurrentIndexCreation: Rule = {
  id: 'require-concurrent-index-creation',
  severity: 'warning',
  reason: 'CREATE INDEX without CONCURRENTLY blocks every write to the table until the index is built.',
  recipe: 'Move the index to its own migration whose first line is `-- sections:no-transaction` and write CREATE INDEX CONCURRENTLY.',
  statement: (context): RuleHit[] => {
    const { node } = context.statement;
    if (!('IndexStmt' in node) || node.IndexStmt.concurrent) return [];
    const table = tableOf(node.IndexStmt.relation);
    if (!table || !context.isExisting(table)) return [];
    return [{ table, message: `creates index "${node.IndexStmt.idxname ?? ''}" on "${showTable(table)}" without CONCURRENTLY: writes to "${showTable(table)}" wait until it is built` }];
  },
};

export const requireConcurrentIndexDeletion: Rule = {
  id: 'require-concurrent-index-deletion',
  severity: 'warning',
  reason: 'DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index\'s table, queueing every read and write behind it.',
  recipe: 'Drop it in a migration whose first line is `-- sections:no-transaction` with DROP INDEX CONCURRENTLY.',
  statement: (context) => {
    const { node } = context.statement;
    if (!('DropStmt' in node) || node.DropStmt.concurrent) return [];
    return droppedObjects(node, 'OBJECT_INDEX')
      .filter((index) => context.isExistingIndex(index))
      .map((index) => ({ table: null, message: `drops index "${showTable(index)}" without CONCURRENTLY: it takes an ACCESS EXCLUSIVE lock on its table` }));
  },
};
