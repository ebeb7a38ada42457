import type { CasingCache } from 'drizzle-orm/casing';
import type { PgTable } from 'drizzle-orm/pg-core';
import { drizzleOrm, drizzleOrmCasing, drizzleOrmPgCore } from '../commonjs-packages.js';
import { UserError } from '../errors.js';
import type { ColumnModel, EnumModel, ForeignKeyModel, TableModel } from './project-model.js';

const { is } = drizzleOrm();
const pgCore = drizzleOrmPgCore();
const casingModule = drizzleOrmCasing();

export interface SchemaEntities {
  readonly tables: readonly TableModel[];
  readonly enums: readonly EnumModel[];
  /** Exports of `relations()` that reach a table the module does not export (see SectionModel). */
  readonly foreignRelations: readonly string[];
}

/** The tables and enums one section's schema module exports, as plain data. */
export function describeSchemaExports(
  section: string,
  exports: Readonly<Record<string, unknown>>,
  casing: 'snake_case' | 'camelCase' | undefined,
): SchemaEntities {
  const casingCache = new casingModule.CasingCache(casing);
  const tables = new Map<PgTable, TableModel>();
  const enums = new Map<unknown, EnumModel>();
  for (const [exportName, value] of Object.entries(exports)) {
    if (is(value, pgCore.PgTable) && !tables.has(value)) {
      tables.set(value, describeUserTable(section, exportName, value, casingCache));
    } else if (pgCore.isPgEnum(value) && !enums.has(value)) {
      enums.set(value, {
        name: value.enumName,
        schema: value.schema ?? 'public',
        exportName,
        section,
        values: [...value.enumValues],
      });
    }
  }
  const foreignRelations = Object.entries(exports)
    .filter(([, value]) => is(value, drizzleOrm().Relations) && reachesOutside(value, tables))
    .map(([exportName]) => exportName);
  return { tables: [...tables.values()], enums: [...enums.values()], foreignRelations };
}

/**
 * drizzle resolves a relation only to a table in the schema it is given: one into another
 * section's table makes every query of it fail (`Cannot read properties of undefined (reading
 * 'columns')`). Called with drizzle's own helpers, as drizzle() calls it.
 */
function reachesOutside(value: InstanceType<ReturnType<typeof drizzleOrm>['Relations']>, own: ReadonlyMap<PgTable, TableModel>): boolean {
  const owned = new Set([...own.values()].map((table) => `${table.schema}.${table.name}`));
  const uniqueName = (table: PgTable) => {
    const config = pgCore.getTableConfig(table);
    return `${config.schema ?? 'public'}.${config.name}`;
  };
  const defined = value.config(drizzleOrm().createTableRelationsHelpers(value.table));
  return !owned.has(uniqueName(value.table as PgTable)) || Object.values(defined).some((relation) => !owned.has(uniqueName(relation.referencedTable as PgTable)));
}

/**
 * The schema's own code runs here (a `references(() => …)` callback, a column builder): what it
 * throws is the user's to fix, named by section and export, not a crash of sections.
 */
function describeUserTable(section: string, exportName: string, table: PgTable, casing: CasingCache): TableModel {
  try {
    return describeTable(section, exportName, table, casing);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new UserError(`section "${section}": table export ${exportName}: its definition throws (a references(() => …) callback?): ${message}`);
  }
}

function describeTable(section: string, exportName: string, table: PgTable, casing: CasingCache): TableModel {
  const config = pgCore.getTableConfig(table);
  const singleColumnUniques = new Set(
    config.uniqueConstraints.filter((unique) => unique.columns.length === 1).map((unique) => casing.getColumnCasing(unique.columns[0]!)),
  );
  const columns: ColumnModel[] = config.columns.map((column) => {
    const name = casing.getColumnCasing(column);
    return {
      name,
      sqlType: column.getSQLType(),
      notNull: column.notNull,
      hasDefault: column.hasDefault,
      primaryKey: column.primary || config.primaryKeys.some((key) => key.columns.length === 1 && key.columns[0] === column),
      unique: column.isUnique || singleColumnUniques.has(name),
    };
  });
  const foreignKeys: ForeignKeyModel[] = config.foreignKeys.map((foreignKey) => {
    const reference = foreignKey.reference();
    const foreignTable = pgCore.getTableConfig(reference.foreignTable);
    const columnNames = reference.columns.map((column) => casing.getColumnCasing(column));
    const foreignColumns = reference.foreignColumns.map((column) => casing.getColumnCasing(column));
    return {
      name: constraintName(foreignKey.getName(), reference, columnNames, foreignColumns),
      columns: columnNames,
      foreignTable: foreignTable.name,
      foreignSchema: foreignTable.schema ?? 'public',
      foreignColumns,
    };
  });
  const compositeKey = config.primaryKeys[0]?.columns.map((column) => casing.getColumnCasing(column));
  const primaryKey = compositeKey ?? columns.filter((column) => column.primaryKey).map((column) => column.name);
  return { name: config.name, schema: config.schema ?? 'public', exportName, section, columns, primaryKey, foreignKeys };
}

/**
 * drizzle-orm derives a foreign key's default name from the columns' property names; drizzle-kit
 * writes it with each replaced by its cased name. The same here, so the name is the one in the SQL.
 */
function constraintName(
  derived: string,
  reference: { readonly name?: string; readonly columns: readonly { readonly name: string }[]; readonly foreignColumns: readonly { readonly name: string }[] },
  columns: readonly string[],
  foreignColumns: readonly string[],
): string {
  if (reference.name !== undefined) return derived;
  let name = derived;
  reference.columns.forEach((column, index) => (name = name.replace(column.name, columns[index]!)));
  reference.foreignColumns.forEach((column, index) => (name = name.replace(column.name, foreignColumns[index]!)));
  return name;
}
