import type { ColumnType } from './column-spec.js';

/**
 * The drizzle call for a `default=<literal>` on a column of this type, e.g. `.default(0)`,
 * `.defaultNow()`, `.default('pending')`; or why the literal does not fit the type.
 */
export function renderDefault(type: ColumnType, literal: string, enumValues: readonly string[] = []): { call: string } | { problem: string } {
  const integer = /^-?\d+$/;
  switch (type.kind) {
    case 'serial':
      return { problem: 'a serial column takes its default from its sequence' };
    case 'integer':
    case 'smallint':
    case 'bigint':
      return integer.test(literal) ? { call: `.default(${literal})` } : { problem: `default "${literal}" is not an integer` };
    case 'numeric':
      return /^-?\d+(\.\d+)?$/.test(literal) ? { call: `.default(${quote(literal)})` } : { problem: `default "${literal}" is not a number` };
    case 'text':
      return { call: `.default(${quote(literal)})` };
    case 'varchar':
      return literal.length <= type.length ? { call: `.default(${quote(literal)})` } : { problem: `default "${literal}" is longer than varchar(${type.length})` };
    case 'boolean':
      return literal === 'true' || literal === 'false' ? { call: `.default(${literal})` } : { problem: `default "${literal}" is not true or false` };
    case 'uuid':
      if (literal === 'random') return { call: '.defaultRandom()' };
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(literal)
        ? { call: `.default(${quote(literal)})` }
        : { problem: `default "${literal}" is not a uuid (or "random")` };
    case 'date':
      if (literal === 'now') return { call: '.defaultNow()' };
      return /^\d{4}-\d{2}-\d{2}$/.test(literal) ? { call: `.default(${quote(literal)})` } : { problem: `default "${literal}" is not YYYY-MM-DD (or "now")` };
    case 'timestamp':
    case 'timestamptz':
      return literal === 'now' ? { call: '.defaultNow()' } : { problem: `default "${literal}": timestamps take default=now` };
    case 'jsonb':
      try {
        return { call: `.default(${JSON.stringify(JSON.parse(literal))})` };
      } catch {
        return { problem: `default ${literal} is not JSON` };
      }
    case 'enum':
      return enumValues.includes(literal)
        ? { call: `.default(${quote(literal)})` }
        : { problem: `default "${literal}" is not a value of enum ${type.name} (${enumValues.join(', ')})` };
  }
}

/** A single-quoted JavaScript string, the example's quote style. */
export function quote(value: string): string {
  return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}
