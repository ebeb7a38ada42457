import { describe, expect, it } from 'vitest';
import { applyRenames, findRenameQuestions, parseRenameSpec, RenameQuestionsError } from '../../src/migrations/renames.js';
import { emptySnapshot, type PgSnapshot, type PgSnapshotTable } from '../../src/migrations/snapshot.js';

function table(name: string, columns: string[]): PgSnapshotTable {
  return {
    name,
    schema: '',
    columns: Object.fromEntries(columns.map((column) => [column, { name: column, type: 'text' }])),
    indexes: {},
    foreignKeys: {},
    compositePrimaryKeys: {},
    uniqueConstraints: {},
  };
}

function snapshot(...tables: PgSnapshotTable[]): PgSnapshot {
  return { ...emptySnapshot(), tables: Object.fromEntries(tables.map((t) => [`public.${t.name}`, t])) };
}

describe('parseRenameSpec', () => {
  it('reads column and table renames', () => {
    expect(parseRenameSpec('vendor_profile.business_name=company_name')).toEqual({ kind: 'column', table: 'vendor_profile', from: 'business_name', to: 'company_name' });
    expect(parseRenameSpec('wishlist=saved_item')).toEqual({ kind: 'table', from: 'wishlist', to: 'saved_item' });
  });

  it('refuses anything else with the expected forms', () => {
    expect(() => parseRenameSpec('a.b.c=d')).toThrow(/expected <table>\.<old_column>=<new_column>/);
  });
});

describe('rename questions', () => {
  const before = snapshot(table('vendor_profile', ['id', 'business_name']));
  const after = snapshot(table('vendor_profile', ['id', 'company_name']));

  it('asks when a column disappears and another appears', () => {
    expect(findRenameQuestions(before, after)).toEqual([{ kind: 'column', table: 'vendor_profile', removed: ['business_name'], added: ['company_name'] }]);
    const error = new RenameQuestionsError(findRenameQuestions(before, after));
    expect(error.exitCode).toBe(1);
    expect(error.details).toContain('    --rename vendor_profile.business_name=company_name');
  });

  it('an answer that the new column is new leaves nothing to ask', () => {
    expect(findRenameQuestions(before, after, [{ kind: 'column', table: 'vendor_profile', name: 'company_name' }])).toEqual([]);
    expect(findRenameQuestions(before, after, [{ kind: 'column', table: 'other', name: 'company_name' }])).toHaveLength(1);
  });

  it('does not ask about a plain addition', () => {
    expect(findRenameQuestions(before, snapshot(table('vendor_profile', ['id', 'business_name', 'rating'])))).toEqual([]);
  });

  it('asks about tables too', () => {
    const question = findRenameQuestions(snapshot(table('wishlist', ['id'])), snapshot(table('saved_item', ['id'])));
    expect(question).toEqual([{ kind: 'table', removed: ['wishlist'], added: ['saved_item'] }]);
  });

  it('an answered rename leaves nothing to ask and yields drizzle-kit rename SQL', () => {
    const renamed = applyRenames(before, after, [parseRenameSpec('vendor_profile.business_name=company_name')]);
    expect(renamed.statements).toEqual(['ALTER TABLE "vendor_profile" RENAME COLUMN "business_name" TO "company_name";\n']);
    expect(findRenameQuestions(renamed.previous, after)).toEqual([]);
    expect(before.tables['public.vendor_profile']!.columns.business_name).toBeDefined();
  });

  it('a rename answered at a prompt that no longer fits (the schemas moved on) is skipped, not refused', () => {
    const renamed = applyRenames(before, after, [], [parseRenameSpec('vendor_profile.nope=company_name'), parseRenameSpec('vendor_profile.business_name=company_name')]);
    expect(renamed.applied).toEqual([parseRenameSpec('vendor_profile.business_name=company_name')]);
    expect(renamed.statements).toHaveLength(1);
  });

  it('refuses a rename that does not fit the change', () => {
    expect(() => applyRenames(before, after, [parseRenameSpec('vendor_profile.nope=company_name')])).toThrow(/had no column "nope"/);
    expect(() => applyRenames(before, after, [parseRenameSpec('ghost=vendor_profile')])).toThrow(/no table "ghost"/);
  });
});
