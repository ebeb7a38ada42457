import { describe, expect, it } from 'vitest';
import type { ColumnJson, MetadataJson } from '../../src/codegen/introspect.js';
import { deriveMetadata } from '../../src/codegen/metadata-delta.js';
import { emptySnapshot, type PgSnapshot, type PgSnapshotTable } from '../../src/migrations/snapshot.js';

const text = (name: string, notNull = false) => ({ name, type: 'text', primaryKey: false, notNull });

function table(name: string, columns: ReturnType<typeof text>[], compositePrimaryKeys: PgSnapshotTable['compositePrimaryKeys'] = {}): PgSnapshotTable {
  return { name, schema: '', columns: Object.fromEntries(columns.map((column) => [column.name, column])), indexes: {}, foreignKeys: {}, compositePrimaryKeys, uniqueConstraints: {} };
}

function snapshot(...tables: PgSnapshotTable[]): PgSnapshot {
  return { ...emptySnapshot(), tables: Object.fromEntries(tables.map((entry) => [`public.${entry.name}`, entry])) };
}

function introspectedText(name: string, isNullable: boolean): ColumnJson {
  return { comment: null, dataType: 'text', dataTypeSchema: 'pg_catalog', enumValues: null, hasDefaultValue: false, isArray: false, isAutoIncrementing: false, isNullable, name };
}

const before: MetadataJson = {
  enums: {},
  tables: [{ columns: [introspectedText('a', false), introspectedText('b', true)], isPartition: false, isView: false, name: 'note', schema: 'public' }],
};
const previous = snapshot(table('note', [text('a', true), text('b')]));
const withC = table('note', [text('a', true), text('b'), text('c')]);

describe('deriveMetadata', () => {
  it('copies the kind of a column whose introspection matches its declaration', () => {
    const derived = deriveMetadata(before, previous, snapshot(withC));
    expect(derived?.tables[0]?.columns.map((column) => [column.name, column.isNullable])).toEqual([
      ['a', false],
      ['b', true],
      ['c', true],
    ]);
  });

  it('does not learn from a column hand-written SQL made NOT NULL behind the snapshot', () => {
    const handMade: MetadataJson = { ...before, tables: [{ ...before.tables[0]!, columns: [introspectedText('a', false), introspectedText('b', false)] }] };
    expect(deriveMetadata(handMade, previous, snapshot(withC))).toBeUndefined();
  });

  it('leaves enum changes, views and composite primary keys to a real introspection', () => {
    const withEnum = { ...snapshot(withC), enums: { 'public.mood': { name: 'mood', schema: 'public', values: ['ok'] } } };
    expect(deriveMetadata(before, previous, withEnum)).toBeUndefined();
    const composite = table('note', [text('a', true), text('b'), text('c')], { note_pk: { name: 'note_pk', columns: ['a', 'b'] } });
    expect(deriveMetadata(before, previous, snapshot(composite))).toBeUndefined();
    const withView: MetadataJson = { ...before, tables: [...before.tables, { columns: [], isPartition: false, isView: true, name: 'a_view', schema: 'public' }] };
    expect(deriveMetadata(withView, previous, snapshot(table('note', [text('a', true), text('b')]), table('other', [text('x')])))).toBeUndefined();
  });

  it('puts a new table where the introspection would: byte order of schema and name', () => {
    const derived = deriveMetadata(before, previous, snapshot(table('note', [text('a', true), text('b')]), table('Zebra', [text('x')]), table('apple', [text('x')])));
    expect(derived?.tables.map((entry) => entry.name)).toEqual(['Zebra', 'apple', 'note']);
  });
});
