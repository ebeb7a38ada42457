import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject } from '../helpers/temp-project.js';

const CONFIG = `export default {
  migrations: './db/migrations',
  features: './features',
  sections: {
    shop: { schema: './db/shop/schema.ts', types: './db/shop/types.ts' },
    stock: { schema: './db/stock/schema.ts', types: './db/stock/types.ts' },
  },
};
`;

describe('derived include patterns with a schema other than public', () => {
  it("a public table's section does not take the same-named table of another schema and section", async () => {
    const project = createTempProject({
      files: {
        'sections.config.ts': CONFIG,
        'db/shop/schema.ts': `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
export const item = pgTable('item', { id: uuid('id').primaryKey().defaultRandom(), name: text('name').notNull() });
export const aUser = pgTable('a_user', { id: uuid('id').primaryKey().defaultRandom() });
`,
        'db/stock/schema.ts': `import { pgSchema, integer, uuid } from 'drizzle-orm/pg-core';
export const sx = pgSchema('sx');
export const item = sx.table('item', { id: uuid('id').primaryKey().defaultRandom(), onHand: integer('on_hand').notNull() });
`,
      },
    });
    const result = await runCli(['generate'], { cwd: project.dir });
    expect(result.exitCode, result.stderr).toBe(0);
    const shop = project.read('db/shop/types.ts');
    const stock = project.read('db/stock/types.ts');
    expect(shop).toContain('  item: Item;\n');
    expect(shop).not.toContain('sx.item');
    expect(shop).not.toContain('onHand');
    expect(stock).toContain('  "sx.item": SxItem;\n');
    expect(stock).not.toContain('  item: Item;');
    expect(stock).not.toContain('aUser');
  });

  it('two sections whose tables differ only in case are refused: kysely-codegen cannot tell them apart', async () => {
    const project = createTempProject({
      files: {
        'sections.config.ts': CONFIG,
        'db/shop/schema.ts': `import { pgTable, uuid } from 'drizzle-orm/pg-core';
export const User = pgTable('User', { id: uuid('id').primaryKey().defaultRandom() });
`,
        'db/stock/schema.ts': `import { pgTable, uuid } from 'drizzle-orm/pg-core';
export const user = pgTable('user', { id: uuid('id').primaryKey().defaultRandom() });
`,
      },
    });
    const before = project.snapshot();
    const result = await runCli(['generate'], { cwd: project.dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      'section "shop": its tables\' pattern "User" also matches table "user" of section "stock" (kysely-codegen matches names without case); rename one, or keep both in one section',
    );
    expect(project.snapshot()).toEqual(before);
  });
});
