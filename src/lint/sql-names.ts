import type { ColumnDef, Constraint, Node, RangeVar, TypeName } from 'libpg-query';

/** A table as a statement names it; an unqualified name is in `public` (drizzle-kit's search path). */
export interface TableRef {
  readonly schema: string;
  readonly name: string;
}

export function tableOf(relation: RangeVar | undefined): TableRef | null {
  return relation?.relname ? { schema: relation.schemaname ?? 'public', name: relation.relname } : null;
}

/** From a qualified name list (`"public"."status"`): the last part is the name. */
export function qualifiedOf(names: readonly Node[] | undefined): TableRef | null {
  const parts = stringsOf(names);
  const name = parts.at(-1);
  return name ? { schema: parts.length > 1 ? parts.at(-2)! : 'public', name } : null;
}

export function tableKey(table: TableRef): string {
  return `${table.schema}.${table.name}`;
}

/** As messages show it: `vendor_profile`, or `billing.invoice` outside `public`. */
export function showTable(table: TableRef): string {
  return table.schema === 'public' ? table.name : `${table.schema}.${table.name}`;
}

export function stringsOf(nodes: readonly Node[] | undefined): string[] {
  return (nodes ?? []).flatMap((node) => ('String' in node && node.String.sval !== undefined ? [node.String.sval] : []));
}

/** The type's own name as PostgreSQL resolves it: `int4`, `varchar`, `timestamptz`, `serial`, `status`. */
export function typeNameOf(type: TypeName | undefined): string {
  return stringsOf(type?.names).at(-1) ?? '';
}

export function constraintsOf(column: ColumnDef): Constraint[] {
  return (column.constraints ?? []).flatMap((node) => ('Constraint' in node ? [node.Constraint] : []));
}

export function hasConstraint(column: ColumnDef, type: Constraint['contype']): boolean {
  return constraintsOf(column).some((constraint) => constraint.contype === type);
}

/** PostgreSQL's internal type names as a schema spells them. */
const SPELLED: Readonly<Record<string, string>> = { int2: 'smallint', int4: 'integer', int8: 'bigint', bpchar: 'char', bool: 'boolean', float4: 'real', float8: 'double precision' };

/** The type as a schema would spell it, with its modifiers: `bigint`, `varchar(20)`. */
export function spelledType(type: TypeName | undefined): string {
  const name = typeNameOf(type);
  const modifiers = (type?.typmods ?? []).flatMap((node) => ('A_Const' in node && node.A_Const.ival ? [node.A_Const.ival.ival ?? 0] : []));
  return `${SPELLED[name] ?? name}${modifiers.length > 0 ? `(${modifiers.join(',')})` : ''}`;
}

/** serial, bigserial, smallserial: an integer column with a `nextval()` default. */
export function isSerial(type: TypeName | undefined): boolean {
  return ['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2'].includes(typeNameOf(type));
}

/** Every node of a tree, depth first, for rules that look for a kind of node anywhere in an expression. */
export function walkNodes(tree: unknown, visit: (key: string, value: Record<string, unknown>) => void): void {
  if (Array.isArray(tree)) {
    for (const item of tree) walkNodes(item, visit);
    return;
  }
  if (!tree || typeof tree !== 'object') return;
  for (const [key, value] of Object.entries(tree)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) visit(key, value as Record<string, unknown>);
    walkNodes(value, visit);
  }
}
