import { UserError } from '../errors.js';
import type { ProjectModel, SectionModel } from '../model/project-model.js';
import { ownerOf } from '../model/project-model.js';
import { renderDefault } from './column-default.js';
import { BUILT_IN_TYPES, didYouMean, type ColumnSpec, type ColumnType } from './column-spec.js';
import { assertIdentifierLength, assertSqlName, camelCase } from './names.js';

/** The columns every table gets, as in the example; `--column` may not redefine them. */
export const STANDARD_COLUMNS = ['id', 'public_id', 'created_at', 'updated_at'] as const;

export interface ResolvedColumn {
  readonly spec: ColumnSpec;
  /** The property name in the drizzle table object. */
  readonly key: string;
  /** For an enum column: the enum's export in the schema module. */
  readonly enumExport: string | undefined;
  /** `.default(...)`, `.defaultNow()`, ... */
  readonly defaultCall: string | undefined;
  /** For a reference: the target table's export and the referenced column's property. */
  readonly reference: { readonly exportName: string; readonly columnKey: string } | undefined;
}

/** A new table, checked against the model and ready to render. */
export interface TableDefinition {
  readonly section: string;
  readonly name: string;
  readonly exportName: string;
  readonly columns: readonly ResolvedColumn[];
}

/**
 * Checks everything about a new table that does not need its schema file's text: the names, the
 * section, ownership, enum types and references. Each problem is a one-line {@link UserError}.
 */
export function defineTable(model: ProjectModel, sectionName: string, table: string, specs: readonly ColumnSpec[]): TableDefinition {
  const section = model.sections.find((candidate) => candidate.name === sectionName);
  if (!section) {
    throw new UserError(`unknown section "${sectionName}" (sections: ${model.sections.map((candidate) => candidate.name).join(', ')})`);
  }
  assertSqlName(table, `table "${table}"`);
  const owner = ownerOf(model, table);
  if (owner) throw new UserError(`table "${table}" already belongs to section "${owner.name}"`);
  const enumOwner = model.sections.find((candidate) => candidate.enums.some((entry) => entry.name === table && entry.schema === 'public'));
  if (enumOwner) {
    throw new UserError(`table "${table}": enum "${table}" of section "${enumOwner.name}" has that name, and PostgreSQL gives every table a type of the same name`);
  }

  const keys = new Map<string, string>();
  for (const name of STANDARD_COLUMNS) keys.set(camelCase(name), name);
  const columns = specs.map((spec) => {
    const what = `column "${spec.name}" of table "${table}"`;
    assertSqlName(spec.name, what);
    if ((STANDARD_COLUMNS as readonly string[]).includes(spec.name)) throw new UserError(`${what}: every table already gets ${STANDARD_COLUMNS.join(', ')}`);
    const key = camelCase(spec.name);
    const clash = keys.get(key);
    if (clash) throw new UserError(`${what}: ${clash === spec.name ? 'given twice' : `its property name ${key} is also column "${clash}"'s`}`);
    keys.set(key, spec.name);
    return resolveColumn(model, section, table, spec, what);
  });

  for (const name of derivedNames(table, columns)) assertIdentifierLength(name, `table "${table}": derived name`);
  return { section: section.name, name: table, exportName: camelCase(table), columns };
}

function resolveColumn(model: ProjectModel, section: SectionModel, table: string, spec: ColumnSpec, what: string): ResolvedColumn {
  let enumExport: string | undefined;
  let enumValues: readonly string[] = [];
  if (spec.type.kind === 'enum') {
    const name = spec.type.name;
    const own = section.enums.find((candidate) => candidate.name === name && candidate.schema === 'public');
    if (!own) {
      const other = model.sections.find((candidate) => candidate.enums.some((entry) => entry.name === name));
      throw new UserError(
        other
          ? `${what}: enum "${name}" belongs to section "${other.name}"; a section's columns use only its own enums`
          : `${what}: unknown type "${name}" (not a built-in type nor an enum of section "${section.name}")${didYouMean(name, [...BUILT_IN_TYPES, ...section.enums.map((entry) => entry.name)])}`,
      );
    }
    enumExport = own.exportName;
    enumValues = own.values;
  }

  let defaultCall: string | undefined;
  if (spec.default !== undefined) {
    const rendered = renderDefault(spec.type, spec.default, enumValues);
    if ('problem' in rendered) throw new UserError(`${what}: ${rendered.problem}`);
    defaultCall = rendered.call;
  }

  return { spec, key: camelCase(spec.name), enumExport, defaultCall, reference: spec.references && resolveReference(model, section, table, spec, what) };
}

function resolveReference(model: ProjectModel, section: SectionModel, table: string, spec: ColumnSpec, what: string): ResolvedColumn['reference'] {
  const target = spec.references!;
  if (target.table === table) {
    throw new UserError(`${what}: references its own table; add a self-reference by hand (drizzle needs an AnyPgColumn annotation there)`);
  }
  const owner = ownerOf(model, target.table);
  if (!owner) throw new UserError(`${what}: references unknown table "${target.table}"`);
  if (owner.name !== section.name) {
    throw new UserError(
      `${what}: table "${target.table}" belongs to section "${owner.name}", and sections do not share foreign keys; ` +
        `reference it by public id instead: --column '${target.table}_public_id:uuid:notnull' (a uuid holding the other row's public_id, no foreign key)`,
    );
  }
  const targetTable = section.tables.find((candidate) => candidate.name === target.table && candidate.schema === 'public');
  if (!targetTable) throw new UserError(`${what}: "${target.table}" is listed in extraTables, not declared in the schema; it cannot be referenced from drizzle`);
  const column = targetTable.columns.find((candidate) => candidate.name === target.column);
  if (!column) throw new UserError(`${what}: table "${target.table}" has no column "${target.column}"`);
  if (!column.primaryKey && !column.unique) {
    throw new UserError(`${what}: ${target.table}.${target.column} is neither a primary key nor unique, so PostgreSQL refuses a foreign key to it`);
  }
  if (!typesMatch(spec.type, column.sqlType)) {
    throw new UserError(`${what}: its type ${describeType(spec.type)} does not match ${target.table}.${target.column} (${column.sqlType})`);
  }
  const columnKey = drizzleColumnKey(model, section.name, targetTable.exportName, target.column);
  return { exportName: targetTable.exportName, columnKey };
}

/** The property under which the target table object declares the column (`id`, `publicId`, ...). */
function drizzleColumnKey(model: ProjectModel, section: string, exportName: string, column: string): string {
  const table = model.drizzleExports[`${section}__${exportName}`] as Record<string, { name?: unknown } | undefined> | undefined;
  const entry = table && Object.entries(table).find(([, value]) => typeof value === 'object' && value !== null && value.name === column && 'columnType' in value);
  return entry?.[0] ?? camelCase(column);
}

const SERIAL_OF: Readonly<Record<string, string>> = { serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' };

function typesMatch(type: ColumnType, targetSqlType: string): boolean {
  const target = SERIAL_OF[targetSqlType] ?? targetSqlType;
  return describeType(type) === target;
}

/** The SQL type drizzle declares for a column type, as the model reports it (`varchar(200)`, `numeric(12, 2)`). */
export function describeType(type: ColumnType): string {
  switch (type.kind) {
    case 'varchar':
      return `varchar(${type.length})`;
    case 'numeric':
      return type.precision === undefined ? 'numeric' : type.scale === undefined ? `numeric(${type.precision})` : `numeric(${type.precision}, ${type.scale})`;
    case 'timestamptz':
      return 'timestamp with time zone';
    case 'enum':
      return type.name;
    default:
      return type.kind;
  }
}

/** Names PostgreSQL and drizzle derive from the table's, which must fit in 63 bytes too. */
export function derivedNames(table: string, columns: readonly ResolvedColumn[]): string[] {
  return [
    `${table}_pkey`,
    `${table}_id_seq`,
    `${table}_public_id_unique`,
    ...columns.flatMap(({ spec }) => [
      ...(spec.unique ? [`${table}_${spec.name}_unique`] : []),
      ...(spec.type.kind === 'serial' ? [`${table}_${spec.name}_seq`] : []),
      ...(spec.references ? [`${table}_${spec.name}_${spec.references.table}_${spec.references.column}_fk`] : []),
    ]),
  ];
}
