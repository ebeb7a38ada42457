import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { assertSqlName, camelCase } from '../../src/edit/names.js';
import { POSTGRES_RESERVED_WORDS } from '../../src/edit/reserved-words.js';
import { TEST_DATABASE_URL } from '../helpers/pg.js';

describe('name rules', () => {
  it('the reserved-word list is exactly what the server reports as reserved (R) or type/function-only (T)', async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ word: string }>("select word from pg_get_keywords() where catcode in ('R', 'T') order by word");
      expect([...POSTGRES_RESERVED_WORDS].sort()).toEqual(rows.map((row) => row.word));
    } finally {
      await client.end();
    }
  });

  it('accepts snake_case up to 63 bytes and refuses the rest with one line naming the thing', () => {
    expect(() => assertSqlName('vendor_payout', 'table "vendor_payout"')).not.toThrow();
    expect(() => assertSqlName('a'.repeat(63), 'table')).not.toThrow();
    expect(() => assertSqlName('a'.repeat(64), 'table "x"')).toThrow('table "x": "' + 'a'.repeat(64) + '" is 64 bytes; PostgreSQL keeps only 63');
    expect(() => assertSqlName('VendorPayout', 'table "VendorPayout"')).toThrow(/^table "VendorPayout": use a lowercase letter/);
    expect(() => assertSqlName('1abc', 'table "1abc"')).toThrow(/\^\[a-z\]\[a-z0-9_\]\*\$/);
    expect(() => assertSqlName('vendor-payout', 't')).toThrow(/use a lowercase letter/);
    expect(() => assertSqlName('order', 'table "order"')).toThrow('table "order": "order" is a reserved word in PostgreSQL; pick another name');
    expect(() => assertSqlName('user', 'column "user"')).toThrow(/reserved word/);
  });

  it('camelCase follows the seed: vendor_profile → vendorProfile', () => {
    expect(camelCase('vendor_profile')).toBe('vendorProfile');
    expect(camelCase('core_part_public_id')).toBe('corePartPublicId');
    expect(camelCase('address2_line')).toBe('address2Line');
    expect(camelCase('plain')).toBe('plain');
  });
});
