import { describe, expect, it } from 'vitest';
import { TableMatcher } from 'kysely-codegen';
import { createTableMatcher, exactPattern, normalizePattern, selectTables } from '../../src/model/table-pattern.js';

const tables = ['customer_profile', 'shopping_cart', 'wishlist', 'vendor_profile', 'part'].map((name) => ({ schema: 'public', name }));

describe('normalizePattern', () => {
  it("turns the seed's bare alternation into a group", () => {
    expect(normalizePattern('customer_*|shopping_*|wishlist*')).toBe('@(customer_*|shopping_*|wishlist*)');
  });

  it('leaves patterns whose | is already inside a group alone', () => {
    expect(normalizePattern('@(a|b)')).toBe('@(a|b)');
    expect(normalizePattern('vendor_*')).toBe('vendor_*');
  });

  it('makes the seed pattern select what the seed meant, where kysely-codegen selects nothing', () => {
    const seed = 'customer_*|shopping_*|wishlist*';
    const codegen = new TableMatcher(seed);
    expect(tables.filter((table) => codegen.match(table.schema, table.name))).toEqual([]);
    expect(selectTables(tables, normalizePattern(seed), undefined).map((table) => table.name)).toEqual([
      'customer_profile',
      'shopping_cart',
      'wishlist',
    ]);
  });
});

describe('exactPattern', () => {
  it('matches exactly the given tables and nothing with a shared prefix', () => {
    const pattern = exactPattern([{ schema: 'public', name: 'part' }, { schema: 'public', name: 'wishlist' }]);
    expect(pattern).toBe('@(part|wishlist)');
    const matches = createTableMatcher(pattern);
    expect(matches({ schema: 'public', name: 'part' })).toBe(true);
    expect(matches({ schema: 'public', name: 'part_tag' })).toBe(false);
  });

  it('agrees with kysely-codegen on every table', () => {
    const pattern = exactPattern(tables.slice(0, 3));
    const codegen = new TableMatcher(pattern);
    for (const table of tables) expect(createTableMatcher(pattern)(table)).toBe(codegen.match(table.schema, table.name));
  });

  it('qualifies names when a table lives outside public', () => {
    expect(exactPattern([{ schema: 'billing', name: 'invoice' }, { schema: 'public', name: 'part' }])).toBe('@(billing.invoice|public.part)');
  });

  it('qualifies public tables too when another section has a table outside public, so a same-named one is not taken', () => {
    const own = [{ schema: 'public', name: 'a_user' }, { schema: 'public', name: 'item' }];
    const pattern = exactPattern(own, [...own, { schema: 'sx', name: 'item' }]);
    expect(pattern).toBe('@(public.a_user|public.item)');
    expect(createTableMatcher(pattern)({ schema: 'sx', name: 'item' })).toBe(false);
    expect(new TableMatcher(pattern).match('sx', 'item')).toBe(false);
    expect(createTableMatcher(exactPattern(own))({ schema: 'sx', name: 'item' })).toBe(true);
  });
});
