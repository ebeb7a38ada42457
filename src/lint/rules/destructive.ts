import type { Rule, RuleHit } from '../rule.js';
import { qualifiedOf, showTable, stringsOf, tableKey, tableOf } from '../sql-names.js';
import { commandsOfType, droppedObjects, renamedTable } from '../statements.js';

export const renamingColumn: Rule = {
  id: 'renaming-column',
  severity: 'error',
  reason: 'Renaming a column breaks the code still deployed, which reads and writes it under the old name until it is replaced.',
  recipe: 'Add the new column, write to both, backfill, switch reads, then drop the old one in a later release (or accept a short outage and allow it).',
  statement: (context): RuleHit[] => {
    const { node } = context.statement;
    if (!('RenameStmt' in node) || node.RenameStmt.renameType !== 'OBJECT_COLUMN') return [];
    const table = tableOf(node.RenameStmt.relation);
    if (!table || !context.isExisting(table)) return [];
    return [{ table, message: `renames "${node.RenameStmt.subname}" of "${showTable(table)}" to "${node.RenameStmt.newname}": deployed code that uses the old name fails until it is replaced` }];
  },
};

export const renamingTable: Rule = {
  id: 'renaming-table',
  severity: 'error',
  reason: 'Renaming a table breaks the code still deployed, which queries it under the old name.',
  recipe: 'Create the new table (or a view under the new name), migrate readers and writers, then drop the old one in a later release.',
  statement: (context): RuleHit[] => {
    const renamed = renamedTable(context.statement.node);
    if (!renamed || !context.isExisting(renamed.from)) return [];
    return [{ table: renamed.from, message: `renames "${showTable(renamed.from)}" to "${renamed.to.name}": deployed code that queries the old name fails until it is replaced` }];
  },
};

export const banDropColumn: Rule = {
  id: 'ban-drop-column',
  severity: 'error',
  reason: 'Dropping a column loses its data, and code still deployed that selects or inserts it fails.',
  recipe: 'Stop reading and writing the column in a release first (drizzle: remove it from queries, keep it in the schema), then drop it and allow the finding with the reason.',
  statement: (context) =>
    commandsOfType(context.statement.node, 'AT_DropColumn')
      .filter(({ table }) => context.isExisting(table))
      .map(({ table, command }) => ({ table, message: `drops "${command.name}" of "${showTable(table)}": its data is lost, and deployed code that uses it fails` })),
};

export const banDropTable: Rule = {
  id: 'ban-drop-table',
  severity: 'error',
  reason: 'Dropping a table loses its rows, and code still deployed that queries it fails.',
  recipe: 'Remove every use of the table in a release first, back it up if its rows matter, then drop it and allow the finding with the reason.',
  statement: (context) =>
    droppedObjects(context.statement.node, 'OBJECT_TABLE')
      .filter((table) => context.isExisting(table))
      .map((table) => ({ table, message: `drops "${showTable(table)}": its rows are lost, and deployed code that queries it fails` })),
};

export const banDropEnumValue: Rule = {
  id: 'ban-drop-enum-value',
  severity: 'error',
  reason: 'PostgreSQL cannot remove an enum value: drizzle-kit drops the type and re-creates it, and every row holding a removed value makes the cast back fail (or loses the value).',
  recipe: 'Update the rows holding the value to another one in an earlier migration, deploy code that no longer writes it, then ship the change and allow the finding.',
  statement: (context) =>
    droppedObjects(context.statement.node, 'OBJECT_TYPE')
      .filter((type) => context.isExistingType(type))
      .map((type) => {
        const recreated = context.migration.statements
          .slice(context.index + 1)
          .flatMap(({ node }) => ('CreateEnumStmt' in node ? [node.CreateEnumStmt] : []))
          .find((created) => tableKey(qualifiedOf(created.typeName) ?? { schema: '', name: '' }) === tableKey(type));
        const values = recreated ? stringsOf(recreated.vals) : undefined;
        return {
          table: null,
          message: values
            ? `drops enum "${showTable(type)}" and re-creates it with ${values.map((value) => `'${value}'`).join(', ')}: rows holding a value no longer listed fail the cast back`
            : `drops type "${showTable(type)}": columns of that type must be converted first, and their values are lost`,
        };
      }),
};
