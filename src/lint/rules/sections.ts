import type { Node } from 'libpg-query';
import type { MigrationHit, Rule, RuleHit, StatementContext } from '../rule.js';
import { showTable, tableOf, type TableRef } from '../sql-names.js';
import { alterTableCommands, commandsOfType, droppedObjects, renamedTable } from '../statements.js';

/** The tables a statement changes (not the ones it creates). */
function changedTables(node: Node): TableRef[] {
  const altered = alterTableCommands(node);
  if (altered) return [altered.table];
  if ('IndexStmt' in node) return [tableOf(node.IndexStmt.relation)].filter((table): table is TableRef => table !== null);
  if ('RenameStmt' in node) return [tableOf(node.RenameStmt.relation)].filter((table): table is TableRef => table !== null);
  return droppedObjects(node, 'OBJECT_TABLE');
}

export const multiSectionMigration: Rule = {
  id: 'multi-section-migration',
  severity: 'warning',
  reason: 'A migration that changes existing tables of several sections ties their releases together: a problem in one section\'s change holds back or rolls back the others.',
  recipe: 'Change one section, run `sections generate`, ship it; then the next section. New tables in several sections are fine together.',
  migration: (statements: readonly StatementContext[]): MigrationHit[] => {
    const seen = new Map<string, string>();
    for (const context of statements) {
      for (const table of changedTables(context.statement.node).filter((each) => context.isExisting(each))) {
        const section = context.project.sectionOfTable(table);
        if (!section || seen.has(section)) continue;
        seen.set(section, showTable(table));
        if (seen.size === 2) {
          const names = [...seen.keys()];
          return [
            {
              statement: context.statement,
              table,
              section: names.join(', '),
              message: `changes existing tables of sections ${[...seen].map(([name, shown]) => `"${name}" (${shown})`).join(' and ')} in one migration: ship each section's change separately`,
            },
          ];
        }
      }
    }
    return [];
  },
};

export const dropReferencedPublicId: Rule = {
  id: 'drop-referenced-public-id',
  severity: 'error',
  reason: 'Other sections reference a table\'s rows by public id, without a foreign key: dropping or renaming the table or its public_id leaves their references dangling, and nothing in the database stops it.',
  recipe: 'First remove or repoint the referencing columns in their own sections (and ship that), then drop the table or its public_id.',
  statement: (context): RuleHit[] => {
    const { node } = context.statement;
    const renamed = renamedTable(node);
    const publicIdChanged = [...commandsOfType(node, 'AT_DropColumn'), ...commandsOfType(node, 'AT_AlterColumnType')]
      .filter(({ command }) => command.name === 'public_id')
      .map(({ table }) => ({ table, what: `changes the public_id of "${showTable(table)}"` }));
    const publicIdRenamed =
      'RenameStmt' in node && node.RenameStmt.renameType === 'OBJECT_COLUMN' && node.RenameStmt.subname === 'public_id'
        ? [tableOf(node.RenameStmt.relation)].filter((table): table is TableRef => table !== null).map((table) => ({ table, what: `renames the public_id of "${showTable(table)}"` }))
        : [];
    const changes = [
      ...droppedObjects(node, 'OBJECT_TABLE').map((table) => ({ table, what: `drops "${showTable(table)}"` })),
      ...(renamed ? [{ table: renamed.from, what: `renames "${showTable(renamed.from)}"` }] : []),
      ...publicIdChanged,
      ...publicIdRenamed,
    ];
    return changes
      .filter(({ table }) => context.isExisting(table))
      .flatMap(({ table, what }) => {
        const referrers = context.project.publicIdReferrers(table);
        if (referrers.length === 0) return [];
        const where = referrers.map((referrer) => `${referrer.table}.${referrer.column} (section "${referrer.section}")`).join(', ');
        return [{ table, message: `${what}, whose public ids ${where} still hold${referrers.length === 1 ? 's' : ''}: no foreign key stops those references from dangling` }];
      });
  },
};
