import { describe, expect, it } from 'vitest';
import { probeSnapshot } from '../../src/codegen/probe-snapshot.js';
import { emptySnapshot, type PgSnapshot, type PgSnapshotTable } from '../../src/migrations/snapshot.js';

type Column = { name: string; type: string; primaryKey: boolean; notNull: boolean; default?: string; identity?: object };
const column = (name: string, type: string, extra: Partial<Column> = {}): Column => ({ name, type, primaryKey: false, notNull: false, ...extra });

function table(name: string, columns: Column[], parts: Partial<PgSnapshotTable> = {}): PgSnapshotTable {
  return { name, schema: '', columns: Object.fromEntries(columns.map((entry) => [entry.name, entry])), indexes: {}, foreignKeys: {}, compositePrimaryKeys: {}, uniqueConstraints: {}, ...parts };
}

function snapshot(tables: PgSnapshotTable[], rest: Partial<PgSnapshot> = {}): PgSnapshot {
  return { ...emptySnapshot(), ...rest, tables: Object.fromEntries(tables.map((entry) => [`public.${entry.name}`, entry])) };
}

const id = column('id', 'serial', { primaryKey: true, notNull: true });

describe('probeSnapshot', () => {
  it('holds one column per distinct definition of the new tables, a primary key as NOT NULL', () => {
    const current = snapshot([
      table('a', [id, column('title', 'varchar(200)', { notNull: true }), column('at', 'timestamp', { default: 'now()' })]),
      table('b', [id, column('title', 'varchar(200)', { notNull: true }), column('code', 'varchar(20)')]),
    ]);
    const probe = probeSnapshot(emptySnapshot(), current)!;
    expect(Object.keys(probe.tables)).toEqual(['public.sections_probe']);
    expect(Object.values(probe.tables['public.sections_probe']!.columns)).toEqual([
      { name: 'c0', type: 'serial', notNull: true, primaryKey: false },
      { name: 'c1', type: 'varchar(200)', notNull: true, primaryKey: false },
      { name: 'c2', type: 'timestamp', default: 'now()', notNull: false, primaryKey: false },
      { name: 'c3', type: 'varchar(20)', notNull: false, primaryKey: false },
    ]);
  });

  it('takes another name when a table is called sections_probe', () => {
    const probe = probeSnapshot(emptySnapshot(), snapshot([table('sections_probe', [id])]))!;
    expect(Object.keys(probe.tables)).toEqual(['public._sections_probe']);
  });

  it('cannot stand in for views, identity columns or an index', () => {
    expect(probeSnapshot(emptySnapshot(), snapshot([table('a', [id])], { views: { 'public.v': {} } }))).toBeUndefined();
    expect(probeSnapshot(emptySnapshot(), snapshot([table('a', [column('id', 'integer', { identity: { type: 'always' } })])]))).toBeUndefined();
    const indexed = table('a', [id, column('code', 'text')], { indexes: { a_code_idx: { name: 'a_code_idx', columns: [{ expression: 'code' }] } } });
    expect(probeSnapshot(emptySnapshot(), snapshot([indexed]))).toBeUndefined();
  });
});
