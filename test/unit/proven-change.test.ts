import { describe, expect, it } from 'vitest';
import { isProvenChange } from '../../src/codegen/proven-change.js';
import { emptySnapshot, type PgSnapshot, type PgSnapshotTable } from '../../src/migrations/snapshot.js';

type Column = { name: string; type: string; primaryKey: boolean; notNull: boolean; default?: string; typeSchema?: string; isUnique?: boolean };
const column = (name: string, type: string, extra: Partial<Column> = {}): Column => ({ name, type, primaryKey: false, notNull: false, ...extra });

function table(name: string, columns: Column[], parts: Partial<PgSnapshotTable> = {}): PgSnapshotTable {
  return { name, schema: '', columns: Object.fromEntries(columns.map((entry) => [entry.name, entry])), indexes: {}, foreignKeys: {}, compositePrimaryKeys: {}, uniqueConstraints: {}, ...parts };
}

function snapshot(...tables: PgSnapshotTable[]): PgSnapshot {
  return { ...emptySnapshot(), tables: Object.fromEntries(tables.map((entry) => [`public.${entry.name}`, entry])) };
}

const ITEM = [column('id', 'serial', { primaryKey: true, notNull: true }), column('code', 'text'), column('price', 'integer'), column('at', 'timestamp', { notNull: true, default: 'now()' })];
const previous = snapshot(table('item', ITEM));
const withColumn = (added: Column) => snapshot(table('item', [...ITEM, added]));
const withChanged = (name: string, changed: Partial<Column>) => snapshot(table('item', ITEM.map((entry) => (entry.name === name ? { ...entry, ...changed } : entry))));

describe('isProvenChange', () => {
  it('accepts columns of types and defaults the project uses, and lengths PostgreSQL allows', () => {
    expect(isProvenChange(previous, withColumn(column('seen_at', 'timestamp', { default: 'now()' })))).toBe(true);
    expect(isProvenChange(previous, withColumn(column('label', 'varchar(20)')))).toBe(true);
    expect(isProvenChange(previous, withColumn(column('label', 'varchar(0)')))).toBe(false);
    expect(isProvenChange(previous, withColumn(column('total', 'numeric(12, 2)')))).toBe(true);
    // As drizzle-kit builds a snapshot in memory: fields it leaves out of the file are there, undefined.
    expect(isProvenChange(previous, withColumn(column('note', 'text', { typeSchema: undefined })))).toBe(true);
    expect(isProvenChange(previous, withColumn(column('note', 'text', { isUnique: true })))).toBe(false);
  });

  it('leaves a default it has not seen work to the database', () => {
    expect(isProvenChange(previous, withColumn(column('token', 'text', { default: 'no_such_function()' })))).toBe(false);
    expect(isProvenChange(previous, withColumn(column('seen_at', 'date', { default: 'now()' })))).toBe(false);
  });

  it('accepts a type change only where PostgreSQL casts on its own', () => {
    expect(isProvenChange(previous, withChanged('price', { type: 'numeric(14, 2)' }))).toBe(true);
    expect(isProvenChange(previous, withChanged('price', { type: 'text' }))).toBe(true);
    expect(isProvenChange(previous, withChanged('code', { type: 'integer' }))).toBe(false);
    expect(isProvenChange(previous, withChanged('at', { type: 'timestamp with time zone' }))).toBe(false);
  });

  it('accepts a foreign key to a key of the same type, not to any column', () => {
    const order = (columnsTo: string[], type = 'integer') =>
      table('order', [column('id', 'serial', { primaryKey: true, notNull: true }), column('item_ref', type)], {
        foreignKeys: { order_item_fk: { name: 'order_item_fk', tableTo: 'item', columnsFrom: ['item_ref'], columnsTo, onDelete: 'no action', onUpdate: 'no action' } },
      });
    expect(isProvenChange(previous, snapshot(table('item', ITEM), order(['id'])))).toBe(true);
    expect(isProvenChange(previous, snapshot(table('item', ITEM), order(['price'])))).toBe(false);
    expect(isProvenChange(previous, snapshot(table('item', ITEM), order(['id'], 'text')))).toBe(false);
  });

  it('leaves indexes, checks and a second primary key to the database', () => {
    expect(isProvenChange(previous, snapshot(table('item', ITEM, { indexes: { item_code_idx: { name: 'item_code_idx', columns: [{ expression: 'code' }] } } })))).toBe(false);
    expect(isProvenChange(previous, withColumn(column('other_id', 'serial', { primaryKey: true, notNull: true })))).toBe(false);
  });
});
