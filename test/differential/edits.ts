import type { Column, ColumnType, Enum, SchemaModel, Table, TypeKind } from './schema-model.js';
import { SECTIONS } from './schema-model.js';

/** mulberry32: a small seeded generator, so a failing seed replays exactly. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below) => Math.floor(next() * below),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (probability) => next() < probability,
  };
}

export interface Random {
  next(): number;
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** One step of the test: the schema after it, and how `generate` is to be told about it. */
export interface Edit {
  readonly description: string;
  readonly model: SchemaModel;
  /** `--rename` answers. */
  readonly renames?: readonly string[];
  /** `--no-rename`: something is dropped and something else created in the same step. */
  readonly noRename?: boolean;
}

type EditMaker = (model: SchemaModel, random: Random, name: (prefix: string) => string) => Edit | undefined;

const SIMPLE_TYPES: readonly TypeKind[] = ['integer', 'bigint', 'smallint', 'text', 'varchar', 'char', 'boolean', 'uuid', 'date', 'timestamp', 'timestamptz', 'numeric', 'jsonb', 'json', 'real', 'point'];

function randomType(model: SchemaModel, section: string, random: Random): ColumnType {
  const enums = usableEnums(model, section);
  const kind = enums.length > 0 && random.chance(0.2) ? 'enum' : random.pick(SIMPLE_TYPES);
  switch (kind) {
    case 'enum':
      return { kind, enumName: random.pick(enums).name };
    case 'varchar':
      return { kind, length: random.pick([1, 20, 255]) };
    case 'char':
      return { kind, length: random.pick([1, 3]) };
    case 'numeric':
      return { kind, precision: random.pick([10, 12]), scale: random.pick([0, 2]) };
    default:
      return { kind };
  }
}

/** A default for the type; now and then one PostgreSQL refuses (too long for char(1), the wrong type). */
function randomDefault(type: ColumnType, array: boolean, random: Random): string | undefined {
  if (array) return random.chance(0.5) ? `'{}'` : undefined;
  switch (type.kind) {
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'numeric':
    case 'real':
      return random.pick(['0', '1', '42']);
    case 'text':
    case 'varchar':
      return random.pick([`'x'`, `''`]);
    case 'char':
      return random.pick([`'x'`, `'xy'`]);
    case 'boolean':
      return random.pick(['true', 'false']);
    case 'uuid':
      return 'gen_random_uuid()';
    case 'date':
      return 'current_date';
    case 'timestamp':
    case 'timestamptz':
      return 'now()';
    case 'jsonb':
    case 'json':
      return `'{}'`;
    case 'enum':
      return undefined;
    case 'point':
      return random.chance(0.5) ? `'(0,0)'` : `'oops'`;
  }
}

function randomColumn(model: SchemaModel, section: string, random: Random, name: string): Column {
  const type = randomType(model, section, random);
  const array = type.kind !== 'point' && random.chance(0.12);
  const identity = !array && (type.kind === 'integer' || type.kind === 'bigint') && random.chance(0.1);
  const notNull = identity || random.chance(0.35);
  const defaultSql = !identity && random.chance(0.35) ? randomDefault(type, array, random) : undefined;
  return { name, type, ...(array ? { array } : {}), ...(identity ? { identity } : {}), ...(notNull ? { notNull } : {}), ...(defaultSql !== undefined ? { defaultSql } : {}) };
}

const sectionIndex = (model: SchemaModel, section: string) => model.sections.indexOf(section);
const usableEnums = (model: SchemaModel, section: string) => model.enums.filter((entry) => sectionIndex(model, entry.section) <= sectionIndex(model, section));
const usableTables = (model: SchemaModel, section: string) => model.tables.filter((table) => sectionIndex(model, table.section) <= sectionIndex(model, section));

/** Keys a foreign key can point at: a single-column primary key or unique column. */
function referenceTargets(model: SchemaModel, section: string): { table: Table; column: Column }[] {
  return usableTables(model, section).flatMap((table) =>
    table.columns
      .filter((column) => (table.primaryKey.length === 1 && table.primaryKey[0] === column.name) || column.unique)
      .filter((column) => !column.array)
      .map((column) => ({ table, column })),
  );
}

const replaceTable = (model: SchemaModel, table: Table, next: Table | undefined): SchemaModel => ({
  ...model,
  tables: next ? model.tables.map((entry) => (entry === table ? next : entry)) : model.tables.filter((entry) => entry !== table),
});

const addTable: EditMaker = (model, random, name) => {
  const section = random.pick(model.sections);
  const tableName = name(random.pick(['item', 'order', 'note', 'event', 'account']));
  const composite = random.chance(0.15);
  const columns: Column[] = [{ name: 'id', type: { kind: 'integer' }, notNull: true, ...(random.chance(0.3) ? { identity: true } : {}) }];
  if (composite) columns.push({ name: 'version', type: { kind: 'integer' }, notNull: true });
  for (let index = random.int(3); index >= 0; index -= 1) columns.push(randomColumn(model, section, random, name('col')));
  const targets = referenceTargets(model, section);
  if (targets.length > 0 && random.chance(0.5)) {
    const target = random.pick(targets);
    columns.push({ name: name(`${target.table.name}_ref`), type: target.column.type.kind === 'enum' ? target.column.type : { ...target.column.type }, references: { table: target.table.name, column: target.column.name } });
  }
  const table: Table = {
    name: tableName,
    ...(random.chance(0.2) ? { schema: 'app' as const } : {}),
    section,
    columns,
    primaryKey: composite ? ['id', 'version'] : ['id'],
    checks: [],
    indexes: [],
  };
  return { description: `add table ${tableName} to ${section}`, model: { ...model, tables: [...model.tables, table] } };
};

const dropTable: EditMaker = (model, random) => {
  const candidates = model.tables.filter((table) => model.tables.filter((other) => other.section === table.section).length > 1);
  if (candidates.length === 0) return undefined;
  const table = random.pick(candidates);
  // The foreign keys into it go with it (drizzle-kit drops the table with CASCADE, then the constraints).
  const tables = withoutReferencesTo(model.tables.filter((entry) => entry !== table), table.name);
  const views = random.chance(0.5) ? model.views.filter((view) => view.table !== table.name) : model.views;
  return { description: `drop table ${table.name}${views.length === model.views.length && model.views.some((view) => view.table === table.name) ? ' (a view still declared on it)' : ''}`, model: { ...model, tables, views } };
};

const addColumn: EditMaker = (model, random, name) => {
  const table = random.pick(model.tables);
  const column = randomColumn(model, table.section, random, name('col'));
  const generated = random.chance(0.1) && table.columns.find((entry) => entry.type.kind === 'integer' && !entry.array);
  const added: Column = generated ? { name: column.name, type: { kind: 'integer' }, generatedSql: `"${generated.name}" * 2` } : column;
  return { description: `add column ${table.name}.${added.name}`, model: replaceTable(model, table, { ...table, columns: [...table.columns, added] }) };
};

const dropColumn: EditMaker = (model, random) => {
  const table = random.pick(model.tables);
  const candidates = table.columns.filter((column) => !table.primaryKey.includes(column.name));
  if (candidates.length === 0) return undefined;
  const column = random.pick(candidates);
  // An index on the column goes with it, or keeps its other columns, as a developer would edit it (one naming the column would not compile).
  const indexes = table.indexes.flatMap((index) => {
    if (!index.columns.includes(column.name)) return [index];
    const rest = index.columns.filter((name) => name !== column.name);
    return random.chance(0.3) && rest.length > 0 ? [{ ...index, columns: rest }] : [];
  });
  const dropped = replaceTable(model, table, { ...table, columns: table.columns.filter((entry) => entry !== column), indexes });
  // As for a dropped table, the foreign keys into the column go with it: their `references` would name nothing.
  return { description: `drop column ${table.name}.${column.name}`, model: { ...dropped, tables: withoutReferencesTo(dropped.tables, table.name, column.name) } };
};

/** `tables` without their foreign keys into `table` (into its `column` only, when given). */
function withoutReferencesTo(tables: readonly Table[], table: string, column?: string): Table[] {
  const into = (references: Column['references']) => references?.table === table && (column === undefined || references.column === column);
  return tables.map((entry) => ({ ...entry, columns: entry.columns.map((each) => (into(each.references) ? { ...each, references: undefined } : each)) }));
}

const changeType: EditMaker = (model, random) => {
  const table = random.pick(model.tables);
  const candidates = table.columns.filter((column) => !column.identity && !column.generatedSql);
  if (candidates.length === 0) return undefined;
  const column = random.pick(candidates);
  const type = randomType(model, table.section, random);
  const next: Column = { ...column, type, ...(column.defaultSql !== undefined && random.chance(0.5) ? { defaultSql: randomDefault(type, column.array ?? false, random) } : {}) };
  return { description: `change ${table.name}.${column.name} to ${type.kind}`, model: replaceTable(model, table, { ...table, columns: table.columns.map((entry) => (entry === column ? next : entry)) }) };
};

const toggleNotNull: EditMaker = (model, random) => {
  const table = random.pick(model.tables);
  const candidates = table.columns.filter((column) => !table.primaryKey.includes(column.name) && !column.identity);
  if (candidates.length === 0) return undefined;
  const column = random.pick(candidates);
  const next = { ...column, notNull: !column.notNull };
  return { description: `${next.notNull ? 'set' : 'drop'} not null on ${table.name}.${column.name}`, model: replaceTable(model, table, { ...table, columns: table.columns.map((entry) => (entry === column ? next : entry)) }) };
};

const changeDefault: EditMaker = (model, random) => {
  const table = random.pick(model.tables);
  const candidates = table.columns.filter((column) => !column.identity && !column.generatedSql);
  if (candidates.length === 0) return undefined;
  const column = random.pick(candidates);
  const defaultSql = column.defaultSql !== undefined && random.chance(0.4) ? undefined : randomDefault(column.type, column.array ?? false, random);
  const { defaultSql: _old, ...rest } = column;
  const next: Column = defaultSql === undefined ? rest : { ...rest, defaultSql };
  return { description: `default of ${table.name}.${column.name}: ${defaultSql ?? 'none'}`, model: replaceTable(model, table, { ...table, columns: table.columns.map((entry) => (entry === column ? next : entry)) }) };
};

const addEnum: EditMaker = (model, random, name) => {
  const section = random.pick(model.sections);
  const entry: Enum = { name: name('mood'), section, values: ['calm', 'busy'] };
  const withEnum = { ...model, enums: [...model.enums, entry] };
  const table = random.pick(usableTables(withEnum, section).filter((candidate) => candidate.section === section));
  if (!table) return { description: `add enum ${entry.name}`, model: withEnum };
  const column: Column = { name: name('state'), type: { kind: 'enum', enumName: entry.name }, ...(random.chance(0.5) ? { defaultSql: `'calm'`, notNull: true } : {}) };
  return { description: `add enum ${entry.name} and use it in ${table.name}`, model: replaceTable(withEnum, table, { ...table, columns: [...table.columns, column] }) };
};

const addEnumValue: EditMaker = (model, random, name) => {
  if (model.enums.length === 0) return undefined;
  const entry = random.pick(model.enums);
  const value = name('v');
  const grown: SchemaModel = { ...model, enums: model.enums.map((candidate) => (candidate === entry ? { ...candidate, values: [...candidate.values, value] } : candidate)) };
  // Sometimes the new value is used in the same step: migrate refuses that (one transaction per migration).
  const user = random.chance(0.4) && grown.tables.flatMap((table) => table.columns.filter((column) => column.type.enumName === entry.name && !column.array).map((column) => ({ table, column })))[0];
  if (!user) return { description: `add value ${value} to enum ${entry.name}`, model: grown };
  const next = { ...user.column, defaultSql: `'${value}'` };
  return { description: `add value ${value} to enum ${entry.name} and make it the default of ${user.table.name}.${user.column.name}`, model: replaceTable(grown, grown.tables.find((table) => table.name === user.table.name)!, { ...user.table, columns: user.table.columns.map((column) => (column === user.column ? next : column)) }) };
};

const addCheck: EditMaker = (model, random, name) => {
  const table = random.pick(model.tables);
  const numeric = table.columns.filter((column) => ['integer', 'bigint', 'smallint', 'numeric', 'real'].includes(column.type.kind) && !column.array);
  if (numeric.length === 0) return undefined;
  const column = random.pick(numeric);
  const check = { name: name(`${table.name}_check`), sql: `"${column.name}" >= 0` };
  return { description: `add check on ${table.name}.${column.name}`, model: replaceTable(model, table, { ...table, checks: [...table.checks, check] }) };
};

const addIndex: EditMaker = (model, random, name) => {
  const table = random.pick(model.tables);
  const column = random.pick(table.columns);
  const gin = column.array || column.type.kind === 'jsonb';
  const index = { name: name(`${table.name}_idx`), columns: [column.name], ...(gin && random.chance(0.7) ? { using: 'gin' as const } : {}) };
  return { description: `add ${index.using ?? 'btree'} index on ${table.name}.${column.name}`, model: replaceTable(model, table, { ...table, indexes: [...table.indexes, index] }) };
};

const addUnique: EditMaker = (model, random) => {
  const table = random.pick(model.tables);
  const candidates = table.columns.filter((column) => !column.unique && !table.primaryKey.includes(column.name));
  if (candidates.length === 0) return undefined;
  const column = random.pick(candidates);
  return { description: `unique ${table.name}.${column.name}`, model: replaceTable(model, table, { ...table, columns: table.columns.map((entry) => (entry === column ? { ...entry, unique: true } : entry)) }) };
};

const addForeignKey: EditMaker = (model, random, name) => {
  const table = random.pick(model.tables);
  const targets = referenceTargets(model, table.section);
  if (targets.length === 0) return undefined;
  const target = random.pick(targets);
  const column: Column = { name: name(`${target.table.name}_ref`), type: target.column.type, references: { table: target.table.name, column: target.column.name } };
  return { description: `add foreign key ${table.name}.${column.name} → ${target.table.name}.${target.column.name}`, model: replaceTable(model, table, { ...table, columns: [...table.columns, column] }) };
};

const addView: EditMaker = (model, random, name) => {
  const table = random.pick(model.tables);
  if (table.schema) return undefined;
  const columns = table.columns.filter((column) => !column.generatedSql).slice(0, 2);
  const view = { name: name(`${table.name}_view`), section: table.section, table: table.name, columns };
  return { description: `add view ${view.name} on ${table.name}`, model: { ...model, views: [...model.views, view] } };
};

const renameColumn: EditMaker = (model, random, name) => {
  const table = random.pick(model.tables);
  const candidates = table.columns.filter((column) => !table.primaryKey.includes(column.name));
  if (candidates.length === 0) return undefined;
  const column = random.pick(candidates);
  const renamed = name('renamed');
  const rename = (value: string) => (value === column.name ? renamed : value);
  const next: Table = {
    ...table,
    columns: table.columns.map((entry) => (entry === column ? { ...entry, name: renamed } : entry)),
    indexes: table.indexes.map((index) => ({ ...index, columns: index.columns.map(rename) })),
  };
  const tables = replaceTable(model, table, next).tables.map((entry) => ({
    ...entry,
    columns: entry.columns.map((other) => (other.references?.table === table.name && other.references.column === column.name ? { ...other, references: { table: table.name, column: renamed } } : other)),
  }));
  const views = model.views.map((view) => (view.table === table.name ? { ...view, columns: view.columns.map((entry) => (entry.name === column.name ? { ...entry, name: renamed } : entry)) } : view));
  return { description: `rename column ${table.name}.${column.name} to ${renamed}`, model: { ...model, tables, views }, renames: [`${table.name}.${column.name}=${renamed}`] };
};

const renameTable: EditMaker = (model, random, name) => {
  const table = random.pick(model.tables);
  const renamed = name(table.name.replace(/_n\d+$/, ''));
  // Every foreign key into it follows, its own into itself too.
  const tables = model.tables.map((entry) => ({
    ...entry,
    ...(entry === table ? { name: renamed } : {}),
    columns: entry.columns.map((column) => (column.references?.table === table.name ? { ...column, references: { ...column.references, table: renamed } } : column)),
  }));
  const views = model.views.map((view) => (view.table === table.name ? { ...view, table: renamed } : view));
  return { description: `rename table ${table.name} to ${renamed}`, model: { ...model, tables, views }, renames: [`${table.name}=${renamed}`] };
};

const moveTable: EditMaker = (model, random) => {
  const table = random.pick(model.tables);
  if (model.tables.filter((entry) => entry.section === table.section).length < 2) return undefined;
  const to = random.pick(model.sections.filter((section) => section !== table.section));
  const index = sectionIndex(model, to);
  // Sections use only their own and earlier sections' tables and enums: the move must keep that.
  const usesLater = table.columns.some(
    (column) =>
      (column.references && sectionIndex(model, model.tables.find((entry) => entry.name === column.references!.table)!.section) > index) ||
      (column.type.enumName && sectionIndex(model, model.enums.find((entry) => entry.name === column.type.enumName)!.section) > index),
  );
  const usedEarlier = model.tables.some((other) => other !== table && sectionIndex(model, other.section) < index && other.columns.some((column) => column.references?.table === table.name));
  if (usesLater || usedEarlier) return undefined;
  const views = model.views.map((view) => (view.table === table.name ? { ...view, section: to } : view));
  return { description: `move table ${table.name} from ${table.section} to ${to}`, model: { ...replaceTable(model, table, { ...table, section: to }), views } };
};

/** Edit makers with their weights. */
const EDITS: readonly [EditMaker, number][] = [
  [addTable, 3],
  [dropTable, 1],
  [addColumn, 4],
  [dropColumn, 2],
  [changeType, 3],
  [toggleNotNull, 1],
  [changeDefault, 2],
  [addEnum, 1],
  [addEnumValue, 2],
  [addCheck, 1],
  [addIndex, 2],
  [addUnique, 1],
  [addForeignKey, 1],
  [addView, 1],
  [renameColumn, 1],
  [renameTable, 1],
  [moveTable, 1],
];

/** The next edit, chosen by weight among those that apply. */
export function randomEdit(model: SchemaModel, random: Random, name: (prefix: string) => string): Edit {
  const total = EDITS.reduce((sum, [, weight]) => sum + weight, 0);
  for (;;) {
    let roll = random.next() * total;
    const [make] = EDITS.find(([, weight]) => (roll -= weight) < 0) ?? EDITS[0]!;
    const edit = make(model, random, name);
    if (edit) return edit;
  }
}

/** The project a run starts from: a users table every section references, as real projects have. */
export function initialModel(): SchemaModel {
  const users: Table = {
    name: 'users',
    section: 'core',
    columns: [
      { name: 'id', type: { kind: 'integer' }, notNull: true, identity: true },
      { name: 'email', type: { kind: 'text' }, notNull: true, unique: true },
      { name: 'created_at', type: { kind: 'timestamptz' }, notNull: true, defaultSql: 'now()' },
    ],
    primaryKey: ['id'],
    checks: [],
    indexes: [],
  };
  const owned = (name: string, section: string): Table => ({
    name,
    section,
    columns: [
      { name: 'id', type: { kind: 'integer' }, notNull: true },
      { name: 'user_id', type: { kind: 'integer' }, notNull: true, references: { table: 'users', column: 'id' } },
      { name: 'qty', type: { kind: 'integer' }, defaultSql: '0' },
    ],
    primaryKey: ['id'],
    checks: [{ name: `${name}_qty_check`, sql: '"qty" >= 0' }],
    indexes: [],
  });
  return { sections: SECTIONS, tables: [users, owned('vendor_stock', 'vendor'), owned('customer_cart', 'customer')], enums: [], views: [] };
}
