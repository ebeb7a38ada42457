import type { PgTable } from 'drizzle-orm/pg-core';
import { drizzleOrm, drizzleOrmCasing, drizzleOrmPgCore } from '../commonjs-packages.js';
import type { ModuleLoader } from '../config/module-loader.js';
import { displayPath } from '../display-path.js';
import { UserError } from '../errors.js';
import { qualifiedName, shownName } from '../model/project-model.js';

const { is, Relations } = drizzleOrm();
const pgCore = drizzleOrmPgCore();

/**
 * One drizzle object a schema module exports: what drizzle-kit turns into SQL (tables, enums,
 * schemas, sequences, views, roles, policies) and drizzle's `relations()`, which travel with their
 * table. Other exports (helpers, constants) belong to no section.
 */
export interface SchemaExport {
  readonly kind: 'table' | 'enum' | 'relations' | 'other';
  /** The module that defines it: of the modules exporting it, the one exporting the fewest objects (a barrel re-exports everything). */
  readonly file: string;
  readonly exportName: string;
  /** `schema.name` of the table (for relations: of its table); undefined for the rest. */
  readonly table: string | undefined;
  /** Enums: the tables with a column of it. */
  readonly usedBy: readonly string[];
}

export interface InventoryTable {
  /** `schema.name`. */
  readonly key: string;
  readonly schema: string;
  readonly name: string;
  readonly file: string;
  /** One entry per foreign key: the referenced table's key. */
  readonly references: readonly string[];
  /** Its columns' names in the database, under the drizzle config's `casing`. */
  readonly columns: readonly string[];
}

/** Every drizzle object of a project's schema modules, each once, with the module it comes from. */
export interface SchemaInventory {
  readonly tables: readonly InventoryTable[];
  readonly exports: readonly SchemaExport[];
  /** Each module with the objects it exports (its own and re-exported ones), by export name. */
  readonly files: ReadonlyMap<string, readonly string[]>;
}

/**
 * Loads every schema module drizzle-kit reads and tells which objects each defines. An object
 * exported twice (a barrel `index.ts`, or `export { users }` beside its definition) is one object:
 * the same instance, since every module is loaded once.
 */
export async function readSchemaInventory(files: readonly string[], cwd: string, loader: ModuleLoader, casing: 'snake_case' | 'camelCase' | undefined): Promise<SchemaInventory> {
  const columnCasing = new (drizzleOrmCasing().CasingCache)(casing);
  const exporters = new Map<unknown, { file: string; exportName: string }[]>();
  const byFile = new Map<string, string[]>();
  for (const file of files) {
    const exports = await loader.import(file, 'a drizzle schema module', displayPath(cwd, file));
    const names: string[] = [];
    for (const [exportName, value] of Object.entries(exports)) {
      if (exportName === 'default' || kindOf(value) === undefined) continue;
      names.push(exportName);
      const list = exporters.get(value) ?? [];
      if (!list.some((entry) => entry.file === file)) list.push({ file, exportName });
      exporters.set(value, list);
    }
    byFile.set(file, names);
  }

  const owners = new Map<unknown, { file: string; exportName: string }>();
  for (const [value, list] of exporters) {
    owners.set(value, [...list].sort((a, b) => byFile.get(a.file)!.length - byFile.get(b.file)!.length || (a.file < b.file ? -1 : 1))[0]!);
  }
  const tables: InventoryTable[] = [];
  const enumUsers = new Map<unknown, Set<string>>();
  for (const [value, owner] of owners) {
    if (kindOf(value) !== 'table') continue;
    const { config, references } = describeUserTable(value as PgTable, owner);
    const key = qualifiedName(config.schema ?? 'public', config.name);
    tables.push({
      key,
      schema: config.schema ?? 'public',
      name: config.name,
      file: owner.file,
      references,
      columns: config.columns.map((column) => columnCasing.getColumnCasing(column)),
    });
    for (const column of config.columns) {
      // An enum column holds the very pgEnum its module exports.
      const columnEnum = (column as unknown as { enum?: unknown }).enum;
      if (columnEnum !== undefined) enumUsers.set(columnEnum, (enumUsers.get(columnEnum) ?? new Set()).add(key));
    }
  }
  const exports = [...owners].map(([value, owner]): SchemaExport => {
    const kind = kindOf(value)!;
    const table = kind === 'table' ? tableKey(value as PgTable) : kind === 'relations' ? tableKey((value as { table: PgTable }).table) : undefined;
    return { kind, file: owner.file, exportName: owner.exportName, table, usedBy: kind === 'enum' ? [...(enumUsers.get(value) ?? [])].sort() : [] };
  });
  const duplicate = findDuplicateTable(tables);
  if (duplicate) throw new UserError(`table "${shownName(duplicate[0].key)}" is defined twice, in ${displayPath(cwd, duplicate[0].file)} and ${displayPath(cwd, duplicate[1].file)}; drizzle-kit would keep one of them`);
  return { tables: tables.sort((a, b) => (a.key < b.key ? -1 : 1)), exports, files: byFile };
}

function tableKey(table: PgTable): string {
  const config = pgCore.getTableConfig(table);
  return qualifiedName(config.schema ?? 'public', config.name);
}

/**
 * The schema's own code runs here: a `references(() => …)` callback runs when its key is
 * resolved, not when the table config is read, so both are the user's to fix.
 */
function describeUserTable(table: PgTable, owner: { file: string; exportName: string }) {
  try {
    const config = pgCore.getTableConfig(table);
    return { config, references: config.foreignKeys.map((foreignKey) => tableKey(foreignKey.reference().foreignTable)) };
  } catch (error) {
    throw new UserError(`${owner.file}: table export ${owner.exportName}: its definition throws: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
}

function kindOf(value: unknown): SchemaExport['kind'] | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  if (is(value, pgCore.PgTable)) return 'table';
  if (pgCore.isPgEnum(value)) return 'enum';
  if (is(value, Relations)) return 'relations';
  if (
    is(value, pgCore.PgSchema) ||
    pgCore.isPgSequence(value) ||
    is(value, pgCore.PgView) ||
    is(value, pgCore.PgMaterializedView) ||
    is(value, pgCore.PgRole) ||
    is(value, pgCore.PgPolicy)
  ) {
    return 'other';
  }
  return undefined;
}

function findDuplicateTable(tables: readonly InventoryTable[]): [InventoryTable, InventoryTable] | undefined {
  const seen = new Map<string, InventoryTable>();
  for (const table of tables) {
    const first = seen.get(table.key);
    if (first) return [first, table];
    seen.set(table.key, table);
  }
  return undefined;
}
