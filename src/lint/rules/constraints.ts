import type { Rule, RuleHit } from '../rule.js';
import { hasConstraint, showTable, tableKey, tableOf } from '../sql-names.js';
import { addedColumns, addedConstraints, commandsOfType } from '../statements.js';

export const constraintMissingNotValid: Rule = {
  id: 'constraint-missing-not-valid',
  severity: 'error',
  reason: 'A foreign key or check constraint added without NOT VALID is validated in place: PostgreSQL scans the table while holding a lock that blocks writes (a check: reads too), and a foreign key also locks the table it references.',
  recipe: 'ADD CONSTRAINT … NOT VALID in one migration, then ALTER TABLE … VALIDATE CONSTRAINT … in a later one (validation then takes a lock that lets reads and writes through).',
  statement: (context) => {
    const { node } = context.statement;
    const added = addedConstraints(node).flatMap(({ table, constraint }): RuleHit[] => {
      if (!context.isExisting(table) || constraint.skip_validation) return [];
      if (constraint.contype === 'CONSTR_FOREIGN') {
        const target = tableOf(constraint.pktable);
        return [{ table, location: constraint.location, message: `adds foreign key "${constraint.conname ?? ''}" on "${showTable(table)}" validated in place: PostgreSQL scans "${showTable(table)}" while blocking writes to it${target ? ` and to "${showTable(target)}"` : ''}` }];
      }
      if (constraint.contype === 'CONSTR_CHECK') {
        return [{ table, location: constraint.location, message: `adds check "${constraint.conname ?? ''}" on "${showTable(table)}" validated in place: PostgreSQL scans the table under an ACCESS EXCLUSIVE lock` }];
      }
      return [];
    });
    // Validating in the transaction that added the constraint keeps ADD CONSTRAINT's lock through the scan.
    const validated = context.migration.noTransaction
      ? []
      : commandsOfType(node, 'AT_ValidateConstraint')
          .filter(({ table, command }) =>
            context.migration.statements.slice(0, context.index).some((statement) =>
              addedConstraints(statement.node).some((each) => tableKey(each.table) === tableKey(table) && each.constraint.conname === command.name && each.constraint.skip_validation),
            ),
          )
          .map(({ table, command }) => ({ table, message: `validates "${command.name}" in the same transaction that added it NOT VALID: the lock of ADD CONSTRAINT is held through the scan` }));
    return [...added, ...validated];
  },
};

export const disallowedUniqueConstraint: Rule = {
  id: 'disallowed-unique-constraint',
  severity: 'error',
  reason: 'A unique constraint added in place builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes until it is done.',
  recipe: 'CREATE UNIQUE INDEX CONCURRENTLY in a `-- sections:no-transaction` migration, then ALTER TABLE … ADD CONSTRAINT … UNIQUE USING INDEX … in the next.',
  statement: (context) => {
    const { node } = context.statement;
    const constraints = addedConstraints(node)
      .filter(({ table, constraint }) => context.isExisting(table) && constraint.contype === 'CONSTR_UNIQUE' && !constraint.indexname)
      .map(({ table, constraint }) => ({ table, location: constraint.location, message: `adds unique constraint "${constraint.conname ?? ''}" on "${showTable(table)}" in place: its index is built under an ACCESS EXCLUSIVE lock that blocks reads and writes` }));
    const columns = addedColumns(node)
      .filter(({ table, column }) => context.isExisting(table) && hasConstraint(column, 'CONSTR_UNIQUE'))
      .map(({ table, column }) => ({ table, location: column.location, message: `adds "${column.colname}" UNIQUE to "${showTable(table)}": its index is built under an ACCESS EXCLUSIVE lock that blocks reads and writes` }));
    return [...constraints, ...columns];
  },
};
