import type { AlterTableCmd, ColumnDef, Constraint, Node } from 'libpg-query';
import { qualifiedOf, tableOf, type TableRef } from './sql-names.js';

/** The ALTER TABLE commands of a statement, with the table they change. */
export function alterTableCommands(node: Node): { table: TableRef; commands: AlterTableCmd[] } | null {
  if (!('AlterTableStmt' in node)) return null;
  const statement = node.AlterTableStmt;
  if (statement.objtype && statement.objtype !== 'OBJECT_TABLE') return null;
  const table = tableOf(statement.relation);
  if (!table) return null;
  return { table, commands: (statement.cmds ?? []).flatMap((cmd) => ('AlterTableCmd' in cmd ? [cmd.AlterTableCmd] : [])) };
}

export function commandsOfType(node: Node, subtype: AlterTableCmd['subtype']): { table: TableRef; command: AlterTableCmd }[] {
  const altered = alterTableCommands(node);
  return altered ? altered.commands.filter((command) => command.subtype === subtype).map((command) => ({ table: altered.table, command })) : [];
}

/** `ALTER TABLE … ADD COLUMN …`, one entry per column. */
export function addedColumns(node: Node): { table: TableRef; column: ColumnDef }[] {
  return commandsOfType(node, 'AT_AddColumn').flatMap(({ table, command }) => (command.def && 'ColumnDef' in command.def ? [{ table, column: command.def.ColumnDef }] : []));
}

/** `ALTER TABLE … ADD CONSTRAINT …`, one entry per constraint. */
export function addedConstraints(node: Node): { table: TableRef; constraint: Constraint }[] {
  return commandsOfType(node, 'AT_AddConstraint').flatMap(({ table, command }) => (command.def && 'Constraint' in command.def ? [{ table, constraint: command.def.Constraint }] : []));
}

/** The columns a statement declares, whether it creates the table, adds them, or changes their type. */
export function declaredColumns(node: Node): { table: TableRef; column: ColumnDef }[] {
  if ('CreateStmt' in node) {
    const table = tableOf(node.CreateStmt.relation);
    if (!table) return [];
    return (node.CreateStmt.tableElts ?? []).flatMap((element) => ('ColumnDef' in element ? [{ table, column: element.ColumnDef }] : []));
  }
  const retyped = commandsOfType(node, 'AT_AlterColumnType').flatMap(({ table, command }) =>
    command.def && 'ColumnDef' in command.def ? [{ table, column: { ...command.def.ColumnDef, colname: command.name } }] : [],
  );
  return [...addedColumns(node), ...retyped];
}

/** The table a statement creates (CREATE TABLE, CREATE TABLE … AS). */
export function createdTable(node: Node): TableRef | null {
  if ('CreateStmt' in node) return tableOf(node.CreateStmt.relation);
  if ('CreateTableAsStmt' in node) return tableOf(node.CreateTableAsStmt.into?.rel);
  return null;
}

/** The index a statement creates, by the index's schema (its table's) and name. */
export function createdIndex(node: Node): TableRef | null {
  if (!('IndexStmt' in node) || !node.IndexStmt.idxname) return null;
  return { schema: node.IndexStmt.relation?.schemaname ?? 'public', name: node.IndexStmt.idxname };
}

/** The type a statement creates (an enum, a composite type, a domain). */
export function createdType(node: Node): TableRef | null {
  if ('CreateEnumStmt' in node) return qualifiedOf(node.CreateEnumStmt.typeName);
  if ('CompositeTypeStmt' in node) return tableOf(node.CompositeTypeStmt.typevar);
  if ('CreateDomainStmt' in node) return qualifiedOf(node.CreateDomainStmt.domainname);
  return null;
}

/** `ALTER TABLE "a" RENAME TO "b"`: the table under its new name. */
export function renamedTable(node: Node): { from: TableRef; to: TableRef } | null {
  if (!('RenameStmt' in node) || node.RenameStmt.renameType !== 'OBJECT_TABLE') return null;
  const from = tableOf(node.RenameStmt.relation);
  return from && node.RenameStmt.newname ? { from, to: { schema: from.schema, name: node.RenameStmt.newname } } : null;
}

/** The objects a DROP statement of the given kind removes. */
export function droppedObjects(node: Node, kind: 'OBJECT_TABLE' | 'OBJECT_INDEX' | 'OBJECT_TYPE'): TableRef[] {
  if (!('DropStmt' in node) || node.DropStmt.removeType !== kind) return [];
  return (node.DropStmt.objects ?? []).flatMap((object) => {
    const names = 'List' in object ? object.List.items : 'TypeName' in object ? object.TypeName.names : undefined;
    const ref = qualifiedOf(names);
    return ref ? [ref] : [];
  });
}
