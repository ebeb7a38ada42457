import { describe, expect, it } from 'vitest';
import { renderDefault } from '../../src/edit/column-default.js';
import { BUILT_IN_TYPES, parseColumnSpec } from '../../src/edit/column-spec.js';
import { suggestType } from '../../src/edit/type-suggestion.js';

describe('parseColumnSpec', () => {
  it('parses the issue\'s examples', () => {
    expect(parseColumnSpec('amount:numeric(12,2):notnull')).toEqual({
      name: 'amount',
      type: { kind: 'numeric', precision: 12, scale: 2 },
      notNull: true,
      unique: false,
      default: undefined,
      references: undefined,
    });
    expect(parseColumnSpec('vendor_id:integer:notnull:references=vendor_profile.id')).toMatchObject({
      name: 'vendor_id',
      type: { kind: 'integer' },
      notNull: true,
      references: { table: 'vendor_profile', column: 'id' },
    });
  });

  it('knows every listed type; any other identifier is an enum to look up', () => {
    for (const type of ['serial', 'integer', 'bigint', 'smallint', 'text', 'boolean', 'uuid', 'date', 'timestamp', 'timestamptz', 'jsonb']) {
      expect(parseColumnSpec(`c:${type}`).type).toEqual({ kind: type });
    }
    expect(parseColumnSpec('c:varchar(200)').type).toEqual({ kind: 'varchar', length: 200 });
    expect(parseColumnSpec('c:numeric').type).toEqual({ kind: 'numeric', precision: undefined, scale: undefined });
    expect(parseColumnSpec('c:numeric(10)').type).toEqual({ kind: 'numeric', precision: 10, scale: undefined });
    expect(parseColumnSpec('c:order_status').type).toEqual({ kind: 'enum', name: 'order_status' });
  });

  it('keeps a default that contains colons', () => {
    expect(parseColumnSpec('opens_at:text:default=09:30:notnull')).toMatchObject({ default: '09:30', notNull: true });
    expect(parseColumnSpec('flag:boolean:unique:default=false')).toMatchObject({ default: 'false', unique: true });
  });

  it('refuses malformed specs with one line quoting the spec', () => {
    expect(() => parseColumnSpec('amount')).toThrow("--column 'amount': expected <name>:<type>[:modifier]...");
    expect(() => parseColumnSpec('a:varchar')).toThrow("--column 'a:varchar': type \"varchar\": write varchar(<length>)");
    expect(() => parseColumnSpec('a:varchar(0)')).toThrow(/varchar length must be between 1 and 10485760/);
    expect(() => parseColumnSpec('a:numeric(2,5)')).toThrow(/scale 5 exceeds precision 2/);
    expect(() => parseColumnSpec('a:int(4)')).toThrow(/unknown type "int\(4\)" \(known: serial, integer, .*, varchar\(n\), numeric\(p,s\), or one of the section's enums\); did you mean integer\?$/);
    expect(() => parseColumnSpec('a:integer:nullable')).toThrow(/unknown modifier "nullable"/);
    expect(() => parseColumnSpec('a:integer:references=vendor')).toThrow(/expected references=<table>\.<column>/);
    expect(() => parseColumnSpec('a:integer:default=1:default=2')).toThrow(/default= given twice/);
  });
});

describe('suggestType', () => {
  const known = [...BUILT_IN_TYPES, 'order_status'];
  it('knows the aliases of other databases and PostgreSQL', () => {
    expect(['int', 'INT4', 'int8', 'int2', 'bool', 'string', 'json', 'decimal', 'datetime'].map((name) => suggestType(name, known))).toEqual([
      'integer', 'integer', 'bigint', 'smallint', 'boolean', 'text', 'jsonb', 'numeric(p,s)', 'timestamp',
    ]);
  });

  it('corrects a typo, the section\'s enums included, and suggests nothing far off', () => {
    expect(suggestType('intger', known)).toBe('integer');
    expect(suggestType('booleen', known)).toBe('boolean');
    expect(suggestType('timestamtz', known)).toBe('timestamptz');
    expect(suggestType('order_statu', known)).toBe('order_status');
    expect(suggestType('geometry', known)).toBeUndefined();
    expect(suggestType('x', known)).toBeUndefined();
  });
});

describe('renderDefault', () => {
  it('renders each type\'s literal as drizzle takes it', () => {
    expect(renderDefault({ kind: 'integer' }, '-3')).toEqual({ call: '.default(-3)' });
    expect(renderDefault({ kind: 'numeric', precision: 12, scale: 2 }, '0.50')).toEqual({ call: ".default('0.50')" });
    expect(renderDefault({ kind: 'text' }, "it's")).toEqual({ call: ".default('it\\'s')" });
    expect(renderDefault({ kind: 'boolean' }, 'true')).toEqual({ call: '.default(true)' });
    expect(renderDefault({ kind: 'uuid' }, 'random')).toEqual({ call: '.defaultRandom()' });
    expect(renderDefault({ kind: 'timestamptz' }, 'now')).toEqual({ call: '.defaultNow()' });
    expect(renderDefault({ kind: 'date' }, '2024-02-29')).toEqual({ call: ".default('2024-02-29')" });
    expect(renderDefault({ kind: 'jsonb' }, '{"a": [1]}')).toEqual({ call: '.default({"a":[1]})' });
    expect(renderDefault({ kind: 'enum', name: 'status' }, 'open', ['open', 'closed'])).toEqual({ call: ".default('open')" });
  });

  it('explains a literal that does not fit', () => {
    expect(renderDefault({ kind: 'integer' }, '1.5')).toEqual({ problem: 'default "1.5" is not an integer' });
    expect(renderDefault({ kind: 'serial' }, '1')).toEqual({ problem: 'a serial column takes its default from its sequence' });
    expect(renderDefault({ kind: 'varchar', length: 2 }, 'abc')).toEqual({ problem: 'default "abc" is longer than varchar(2)' });
    expect(renderDefault({ kind: 'timestamp' }, '2020-01-01')).toEqual({ problem: 'default "2020-01-01": timestamps take default=now' });
    expect(renderDefault({ kind: 'jsonb' }, '{a')).toEqual({ problem: 'default {a is not JSON' });
    expect(renderDefault({ kind: 'enum', name: 'status' }, 'gone', ['open', 'closed'])).toEqual({ problem: 'default "gone" is not a value of enum status (open, closed)' });
  });
});
