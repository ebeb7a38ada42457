import type { PgSnapshot, PgSnapshotTable } from '../migrations/snapshot.js';
import { changedTables, tableKey } from '../migrations/snapshot.js';
import { catalogType, isSerialType, parseColumnType, type SnapshotColumn } from './snapshot-column.js';

/**
 * Whether the migration drizzle-kit diffs from `previous` to `current` is sure to apply to the
 * database the earlier migrations make. Applying it to a throwaway database is how `generate`
 * catches a schema PostgreSQL would refuse (a default calling a missing function, a type change
 * without a cast, a foreign key to a column that is not unique) before the migration is written;
 * a change may skip that only when every part of its SQL is known to work: a type or a default
 * this project's migrations already use, a cast PostgreSQL has, a key it can build.
 */
export function isProvenChange(previous: PgSnapshot, current: PgSnapshot): boolean {
  const proven = provenFragments(previous);
  for (const { from, to } of changedTables(previous, current)) {
    if (!to) continue;
    const safe = from ? isProvenTableChange(from, to, current, proven) : isProvenNewTable(to, current, proven);
    if (!safe) return false;
  }
  return true;
}

interface ProvenFragments {
  /** Column types exactly as the snapshot writes them (`varchar(100)`). */
  readonly types: ReadonlySet<string>;
  /** Default expressions with the type they were a default of. */
  readonly defaults: ReadonlySet<string>;
}

const defaultKey = (type: string, expression: unknown) => `${type}\u0000${String(expression)}`;

function provenFragments(previous: PgSnapshot): ProvenFragments {
  const types = new Set<string>();
  const defaults = new Set<string>();
  for (const table of Object.values(previous.tables)) {
    for (const column of Object.values(table.columns) as SnapshotColumn[]) {
      if (typeof column.type !== 'string') continue;
      types.add(column.type);
      if (column.default !== undefined) defaults.add(defaultKey(column.type, column.default));
    }
  }
  return { types, defaults };
}

/** Table parts a plain change may leave to the checks below; any other part must stay as it was. */
const CHECKED_TABLE_PARTS = new Set(['columns', 'foreignKeys', 'uniqueConstraints']);

function isProvenTableChange(from: PgSnapshotTable, to: PgSnapshotTable, current: PgSnapshot, proven: ProvenFragments): boolean {
  for (const part of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (!CHECKED_TABLE_PARTS.has(part) && JSON.stringify(from[part]) !== JSON.stringify(to[part])) return false;
  }
  for (const column of Object.values(to.columns) as SnapshotColumn[]) {
    const before = from.columns[column.name] as SnapshotColumn | undefined;
    if (JSON.stringify(before) === JSON.stringify(column)) continue;
    const safe = before ? isProvenColumnChange(before, column, proven) : column.primaryKey !== true && isProvenNewColumn(column, proven);
    if (!safe) return false;
  }
  return addedKeysAreBuildable(from, to, current);
}

function isProvenNewTable(to: PgSnapshotTable, current: PgSnapshot, proven: ProvenFragments): boolean {
  const empty = (part: unknown) => part === undefined || part === false || (typeof part === 'object' && part !== null && Object.keys(part).length === 0);
  const { name: _name, schema, columns, foreignKeys: _foreignKeys, uniqueConstraints: _uniqueConstraints, ...rest } = to;
  if (schema && !(`${schema}` in ((current['schemas'] as Record<string, unknown> | undefined) ?? {}))) return false;
  if (!Object.values(rest).every(empty)) return false;
  const declared = Object.values(columns) as SnapshotColumn[];
  if (declared.filter((column) => column.primaryKey === true).length > 1) return false;
  return declared.every((column) => isProvenNewColumn(column, proven)) && addedKeysAreBuildable(undefined, to, current);
}

/** Fields of a column the checks understand; a column with any other (a column-level unique) is left to the database. */
const KNOWN_COLUMN_FIELDS = new Set(['name', 'type', 'typeSchema', 'primaryKey', 'notNull', 'default']);

/** The snapshot as drizzle-kit builds it in memory may hold fields set to `undefined`, which its file leaves out. */
const hasOnlyKnownFields = (column: SnapshotColumn) =>
  Object.entries(column).every(([field, value]) => value === undefined || KNOWN_COLUMN_FIELDS.has(field));

function isProvenNewColumn(column: SnapshotColumn, proven: ProvenFragments): boolean {
  if (!hasOnlyKnownFields(column) || typeof column.type !== 'string') return false;
  return isKnownType(column.type, proven) && (column.default === undefined || proven.defaults.has(defaultKey(column.type, column.default)));
}

function isProvenColumnChange(before: SnapshotColumn, after: SnapshotColumn, proven: ProvenFragments): boolean {
  if (!hasOnlyKnownFields(after) || typeof after.type !== 'string') return false;
  if (before.primaryKey !== after.primaryKey || before.typeSchema !== after.typeSchema) return false;
  if (after.default !== undefined && after.default !== before.default && !proven.defaults.has(defaultKey(after.type, after.default))) return false;
  if (before.type === after.type) return true;
  // A type change rewrites the default too, and needs a cast PostgreSQL applies on its own.
  if (before.default !== undefined || after.default !== undefined) return false;
  return isKnownType(after.type, proven) && castsOnItsOwn(before, after);
}

/** A type this project's migrations already use, or one of its lengths PostgreSQL accepts. */
function isKnownType(type: string, proven: ProvenFragments): boolean {
  return proven.types.has(type) || hasValidModifiers(type);
}

const STRING_TYPES = new Set(['text', 'varchar', 'bpchar']);
const NUMERIC_TYPES = new Set(['int2', 'int4', 'int8', 'numeric', 'float4', 'float8']);
const TIME_TYPES = new Set(['date', 'timestamp', 'timestamptz']);

/**
 * `ALTER COLUMN … SET DATA TYPE` without USING needs an implicit or assignment cast: to a string
 * type from anything (I/O conversion), and within the numeric and the date-time families.
 */
function castsOnItsOwn(before: SnapshotColumn, after: SnapshotColumn): boolean {
  const from = parseColumnType(before);
  const to = parseColumnType(after);
  if (!from || !to || from.isArray || to.isArray || isSerialType(from.name) || isSerialType(to.name)) return false;
  const [source, target] = [catalogType(from.name), catalogType(to.name)];
  if (source === target || STRING_TYPES.has(target)) return true;
  return [NUMERIC_TYPES, TIME_TYPES].some((family) => family.has(source) && family.has(target));
}

/** Lengths and precisions PostgreSQL accepts, for a type the project uses with other ones. */
function hasValidModifiers(type: string): boolean {
  const match = /^([a-z ]+?)\s*\((\d+)(?:,\s*(\d+))?\)([a-z ]*)$/.exec(type);
  if (!match) return false;
  const [, base, first, second, suffix] = match;
  const precision = Number(first);
  const scale = second === undefined ? undefined : Number(second);
  switch (base) {
    case 'varchar':
    case 'character varying':
    case 'char':
    case 'character':
    case 'bit':
    case 'bit varying':
    case 'varbit':
      return scale === undefined && !suffix && precision >= 1 && precision <= 10_485_760;
    case 'numeric':
    case 'decimal':
      return !suffix && precision >= 1 && precision <= 1000 && (scale === undefined || scale <= precision);
    case 'timestamp':
    case 'time':
      return scale === undefined && precision <= 6 && ['', ' with time zone', ' without time zone'].includes(suffix ?? '');
    default:
      return false;
  }
}

/** Types whose values a unique constraint or a foreign key can index (a btree operator class). */
const BTREE_TYPES = new Set([
  'int2', 'int4', 'int8', 'numeric', 'float4', 'float8', 'text', 'varchar', 'bpchar', 'uuid', 'bool',
  'date', 'time', 'timetz', 'timestamp', 'timestamptz', 'interval', 'bytea', 'jsonb', 'inet', 'cidr', 'macaddr',
]);

/** New unique constraints are on indexable columns; new foreign keys point at a key of the same types. */
function addedKeysAreBuildable(from: PgSnapshotTable | undefined, to: PgSnapshotTable, current: PgSnapshot): boolean {
  const indexable = (table: PgSnapshotTable, column: string) => {
    const declared = table.columns[column] as SnapshotColumn | undefined;
    const type = declared && parseColumnType(declared);
    return type !== undefined && !type.isArray && (BTREE_TYPES.has(catalogType(type.name)) || isEnum(declared!, current));
  };
  for (const [name, unique] of Object.entries(to.uniqueConstraints)) {
    if (JSON.stringify(from?.uniqueConstraints[name]) === JSON.stringify(unique)) continue;
    if (!unique.columns.every((column) => indexable(to, column))) return false;
  }
  for (const [name, foreignKey] of Object.entries(to.foreignKeys)) {
    if (JSON.stringify(from?.foreignKeys[name]) === JSON.stringify(foreignKey)) continue;
    const target = current.tables[tableKey(foreignKey.schemaTo ?? '', foreignKey.tableTo)];
    if (!target || !isKey(target, foreignKey.columnsTo)) return false;
    const sameTypes = foreignKey.columnsFrom.every((column, index) => {
      const source = to.columns[column] as SnapshotColumn | undefined;
      const referenced = target.columns[foreignKey.columnsTo[index]!] as SnapshotColumn | undefined;
      const [a, b] = [source && parseColumnType(source), referenced && parseColumnType(referenced)];
      return a && b && !a.isArray && !b.isArray && catalogType(a.name) === catalogType(b.name) && indexable(target, foreignKey.columnsTo[index]!);
    });
    if (!sameTypes) return false;
  }
  return true;
}

function isEnum(column: SnapshotColumn, current: PgSnapshot): boolean {
  return typeof column.type === 'string' && `${typeof column.typeSchema === 'string' ? column.typeSchema : 'public'}.${column.type}` in current.enums;
}

/** The table's primary key or one of its unique constraints, exactly these columns. */
function isKey(table: PgSnapshotTable, columns: readonly string[]): boolean {
  const same = (candidate: readonly string[]) => candidate.length === columns.length && candidate.every((column) => columns.includes(column));
  const primary = (Object.values(table.columns) as SnapshotColumn[]).filter((column) => column.primaryKey === true).map((column) => column.name);
  return (
    (primary.length > 0 && same(primary)) ||
    Object.values(table.compositePrimaryKeys).some((key) => same(key.columns)) ||
    Object.values(table.uniqueConstraints).some((unique) => same(unique.columns))
  );
}
