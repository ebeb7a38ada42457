import type { PgSnapshot, PgSnapshotTable } from '../migrations/snapshot.js';
import { changedTables, tableKey } from '../migrations/snapshot.js';
import type { ColumnJson, MetadataJson, TableJson } from './introspect.js';
import { isProvenChange } from './proven-change.js';
import { catalogType, isNotNull, isSerialType, parseColumnType, type SnapshotColumn } from './snapshot-column.js';

/**
 * The introspected metadata after a generated migration, derived from the metadata before it
 * without a database: the developer's loop (a column added, a type changed, a table added or
 * dropped) then boots no PostgreSQL at all.
 *
 * Nothing is guessed. A changed or new column takes its metadata from a column of the same kind
 * (type, nullability, default, identity) that the last real introspection found in this project,
 * and only when every such column agrees and what PostgreSQL reported matches what the snapshot
 * declares; columns and tables the change leaves alone keep what was introspected (hand-written
 * SQL included). Anything else (enums, schemas, views, renames, composite primary keys, a kind of
 * column not seen yet), or a change whose SQL is not sure to apply (see `isProvenChange`), answers
 * `undefined`, and the caller applies it to a real database and introspects that.
 *
 * `previous` must be the snapshot the migrations behind `before` end at, and the migration
 * drizzle-kit's plain diff from `previous` to `current`.
 */
export function deriveMetadata(before: MetadataJson, previous: PgSnapshot, current: PgSnapshot): MetadataJson | undefined {
  if (!onlyTablesDiffer(previous, current) || !isProvenChange(previous, current)) return undefined;
  const introspected = new Map(before.tables.map((table) => [tableKey(table.schema ?? 'public', table.name), table]));
  const columnKinds = learnColumnKinds(introspected, previous);
  const tables = new Map(introspected);
  let added = false;
  for (const { key, from, to } of changedTables(previous, current)) {
    const found = introspected.get(key);
    if (!to) {
      if (!found) return undefined;
      tables.delete(key);
      continue;
    }
    // A composite primary key makes its columns NOT NULL whatever the snapshot's columns say.
    if (Object.keys(to.compositePrimaryKeys).length > 0) return undefined;
    const next = from && found ? changedTable(found, from, to, columnKinds) : !from && !found ? newTable(to, columnKinds) : undefined;
    if (!next) return undefined;
    added ||= !from;
    tables.set(key, next);
  }
  const ordered = [...tables.values()];
  if (added) {
    // New tables go where the introspection's `order by schema, name` puts them; a list holding
    // views (materialized ones come last) or in another order is not one we can extend.
    if (before.tables.some((table) => table.isView) || !isInIntrospectionOrder(before.tables)) return undefined;
    ordered.sort(introspectionOrder);
  }
  return { enums: before.enums, tables: ordered };
}

function onlyTablesDiffer(previous: PgSnapshot, current: PgSnapshot): boolean {
  const { tables: _before, id: _id, prevId: _prevId, ...restBefore } = previous;
  const { tables: _after, id: _nextId, prevId: _nextPrevId, ...restAfter } = current;
  return JSON.stringify(restBefore) === JSON.stringify(restAfter);
}

/** A column's metadata without what is its own (name, comment): what columns of one kind share. */
type ColumnKindMetadata = Omit<ColumnJson, 'name' | 'comment'>;

/** `undefined`: never seen; `null`: seen with different metadata, so not to be copied. */
type ColumnKinds = ReadonlyMap<string, ColumnKindMetadata | null>;

function columnKind(column: SnapshotColumn): string {
  const defaultKind = column.default === undefined ? null : /\bnextval\s*\(/i.test(String(column.default)) ? 'sequence' : 'value';
  return JSON.stringify([
    parseColumnType(column)?.name ?? null,
    parseColumnType(column)?.isArray ?? null,
    column.typeSchema ?? null,
    isNotNull(column),
    defaultKind,
    column.identity?.type ?? null,
    column.generated?.type ?? null,
  ]);
}

function learnColumnKinds(introspected: ReadonlyMap<string, TableJson>, previous: PgSnapshot): ColumnKinds {
  const kinds = new Map<string, ColumnKindMetadata | null>();
  for (const [key, table] of Object.entries(previous.tables)) {
    // Columns of a composite primary key are NOT NULL whatever their declaration says: not a kind to copy.
    if (Object.keys(table.compositePrimaryKeys).length > 0) continue;
    const columns = introspected.get(key)?.columns ?? [];
    for (const column of Object.values(table.columns) as SnapshotColumn[]) {
      const found = columns.find((candidate) => candidate.name === column.name);
      if (!found || !declares(column, found)) continue;
      const { name: _name, comment: _comment, ...kind } = found;
      const kindKey = columnKind(column);
      const known = kinds.get(kindKey);
      if (known === undefined) kinds.set(kindKey, kind);
      else if (known !== null && JSON.stringify(known) !== JSON.stringify(kind)) kinds.set(kindKey, null);
    }
  }
  return kinds;
}

function changedTable(introspected: TableJson, from: PgSnapshotTable, to: PgSnapshotTable, kinds: ColumnKinds): TableJson | undefined {
  const columns: ColumnJson[] = [];
  for (const column of introspected.columns) {
    const declaredBefore = from.columns[column.name] as SnapshotColumn | undefined;
    const declaredAfter = to.columns[column.name] as SnapshotColumn | undefined;
    if (!declaredBefore) {
      // A column hand-written SQL added: kept, unless the schema now declares one of that name.
      if (declaredAfter) return undefined;
      columns.push(column);
    } else if (!declaredAfter) {
      continue;
    } else if (JSON.stringify(declaredBefore) === JSON.stringify(declaredAfter)) {
      columns.push(column);
    } else {
      // ALTER COLUMN keeps the column's place and its comment.
      const kind = kinds.get(columnKind(declaredAfter));
      if (!kind) return undefined;
      columns.push({ ...kind, name: column.name, comment: column.comment });
    }
  }
  for (const column of Object.values(to.columns) as SnapshotColumn[]) {
    if (from.columns[column.name]) {
      // Declared before yet not introspected: something outside the snapshots dropped it.
      if (!introspected.columns.some((candidate) => candidate.name === column.name)) return undefined;
      continue;
    }
    const kind = kinds.get(columnKind(column));
    if (!kind) return undefined;
    columns.push({ ...kind, name: column.name, comment: null });
  }
  return { ...introspected, columns };
}

function newTable(to: PgSnapshotTable, kinds: ColumnKinds): TableJson | undefined {
  const columns: ColumnJson[] = [];
  for (const column of Object.values(to.columns) as SnapshotColumn[]) {
    const kind = kinds.get(columnKind(column));
    if (!kind) return undefined;
    columns.push({ ...kind, name: column.name, comment: null });
  }
  return { columns, isPartition: false, isView: false, name: to.name, schema: to.schema || 'public' };
}

/**
 * Whether the introspected column is what the snapshot declares: a column that hand-written SQL
 * altered (a type, NOT NULL, a default) must not teach its kind to others.
 */
function declares(column: SnapshotColumn, introspected: ColumnJson): boolean {
  const type = parseColumnType(column);
  if (!type) return false;
  const serial = isSerialType(type.name);
  return (
    introspected.dataType === catalogType(type.name) &&
    introspected.isArray === type.isArray &&
    introspected.isNullable === !isNotNull(column) &&
    introspected.hasDefaultValue === (column.default !== undefined || serial || column.generated !== undefined) &&
    introspected.isAutoIncrementing === (serial || column.identity !== undefined)
  );
}

/** PostgreSQL's order for `name` values (the C collation): byte order, schema first. */
function introspectionOrder(a: TableJson, b: TableJson): number {
  return Buffer.compare(Buffer.from(a.schema ?? ''), Buffer.from(b.schema ?? '')) || Buffer.compare(Buffer.from(a.name), Buffer.from(b.name));
}

function isInIntrospectionOrder(tables: readonly TableJson[]): boolean {
  return tables.every((table, index) => index === 0 || introspectionOrder(tables[index - 1]!, table) < 0);
}
