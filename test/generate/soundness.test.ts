import { describe, expect, it } from 'vitest';
import { generate, OperationError } from 'drizzle-sections';
import { createTestDatabase } from '../helpers/pg.js';
import { runCli, SHARED_CACHE_DIR } from '../helpers/run-cli.js';
import { createTempProject } from '../helpers/temp-project.js';
import { addCustomMigrations } from './sample-project.js';

const CONFIG = `export default { migrations: './db/migrations', features: './features', missingStubs: 'warn', sections: { core: { schema: './db/schema.ts', types: './db/types.ts' } } };\n`;
const IMPORTS = `import { sql } from 'drizzle-orm';\nimport { char, check, index, integer, json, pgEnum, pgTable, point, serial, text, uuid } from 'drizzle-orm/pg-core';\n`;

/**
 * The changes that used to be written and then refused by PostgreSQL: each is now either refused
 * by generate with PostgreSQL's own error (or, when sections' own rules see it first, a user
 * error naming it), or written as a migration that migrate applies to a fresh server database.
 */
const cases: { name: string; before: string; after: string; custom?: string; refused?: RegExp; userError?: RegExp }[] = [
  {
    name: 'a foreign key column changed to a type its key cannot take',
    before: `export const vendor = pgTable('vendor', { id: serial('id').primaryKey() });\nexport const stock = pgTable('stock', { id: serial('id').primaryKey(), vendorId: integer('vendor_id').references(() => vendor.id).notNull() });`,
    after: `export const vendor = pgTable('vendor', { id: serial('id').primaryKey() });\nexport const stock = pgTable('stock', { id: serial('id').primaryKey(), vendorId: text('vendor_id').references(() => vendor.id).notNull() });`,
    refused: /foreign key constraint "stock_vendor_id_vendor_id_fk" cannot be implemented/,
  },
  {
    name: 'a column a check reads changed to a type the check cannot compare',
    before: `export const stock = pgTable('stock', { id: serial('id').primaryKey(), qty: integer('qty') }, (t) => [check('qty_positive', sql\`\${t.qty} > 0\`)]);`,
    after: `export const stock = pgTable('stock', { id: serial('id').primaryKey(), qty: text('qty') }, (t) => [check('qty_positive', sql\`\${t.qty} > 0\`)]);`,
    refused: /operator does not exist: text > integer/,
  },
  {
    name: 'a table dropped with the foreign keys into it (drizzle-kit drops the constraint the CASCADE removed)',
    before: `export const vendor = pgTable('vendor', { id: serial('id').primaryKey() });\nexport const stock = pgTable('stock', { id: serial('id').primaryKey(), vendorId: integer('vendor_id').references(() => vendor.id) });`,
    after: `export const stock = pgTable('stock', { id: serial('id').primaryKey(), vendorId: integer('vendor_id') });`,
    refused: /constraint "stock_vendor_id_vendor_id_fk" of relation "stock" does not exist/,
  },
  {
    name: 'a unique key and a foreign key onto it in one step (drizzle-kit adds the foreign key first)',
    before: `export const vendor = pgTable('vendor', { id: serial('id').primaryKey(), code: text('code') });`,
    after: `export const vendor = pgTable('vendor', { id: serial('id').primaryKey(), code: text('code').unique() });\nexport const stock = pgTable('stock', { id: serial('id').primaryKey(), code: text('code').references(() => vendor.code) });`,
    refused: /there is no unique constraint matching given keys for referenced table "vendor"/,
  },
  {
    name: 'a char(1) default too long for it',
    before: `export const flag = pgTable('flag', { id: serial('id').primaryKey() });`,
    after: `export const flag = pgTable('flag', { id: serial('id').primaryKey(), code: char('code', { length: 1 }).default('xy') });`,
    refused: /value too long for type character\(1\)/,
  },
  {
    name: 'a json primary key',
    before: `export const flag = pgTable('flag', { id: serial('id').primaryKey() });`,
    after: `export const flag = pgTable('flag', { id: serial('id').primaryKey() });\nexport const doc = pgTable('doc', { body: json('body').primaryKey() });`,
    refused: /data type json has no default operator class for access method "btree"/,
  },
  {
    name: 'a point primary key',
    before: `export const flag = pgTable('flag', { id: serial('id').primaryKey() });`,
    after: `export const flag = pgTable('flag', { id: serial('id').primaryKey() });\nexport const place = pgTable('place', { at: point('at').primaryKey() });`,
    refused: /data type point has no default operator class for access method "btree"/,
  },
  {
    name: 'a new table named like an enum in another schema (its row type takes the name)',
    before: `export const mood = pgEnum('mood', ['calm']);\nexport const flag = pgTable('flag', { id: serial('id').primaryKey(), m: mood('m') });`,
    after: `export const mood = pgEnum('mood', ['calm']);\nexport const flag = pgTable('flag', { id: serial('id').primaryKey(), m: mood('m') });\nexport const moodTable = pgTable('mood', { id: serial('id').primaryKey() });`,
    userError: /^error section "core": enum "mood" and table "mood" both become type Mood in the types file; rename one$/,
  },
  {
    name: 'a new table named like an existing unique constraint (its index is a relation of that name)',
    before: `export const account = pgTable('account', { id: serial('id').primaryKey(), email: text('email').unique() });`,
    after: `export const account = pgTable('account', { id: serial('id').primaryKey(), email: text('email').unique() });\nexport const clash = pgTable('account_email_unique', { id: serial('id').primaryKey() });`,
    refused: /relation "account_email_unique" already exists/,
  },
  {
    name: 'a value added to an enum and used in the same migration',
    before: `export const mood = pgEnum('mood', ['calm']);\nexport const flag = pgTable('flag', { id: serial('id').primaryKey(), m: mood('m') });`,
    after: `export const mood = pgEnum('mood', ['calm', 'busy']);\nexport const flag = pgTable('flag', { id: serial('id').primaryKey(), m: mood('m').default('busy') });`,
    refused: /unsafe use of new value "busy" of enum type mood/,
  },
  {
    name: 'a type change under a GIN index',
    before: `export const doc = pgTable('doc', { id: serial('id').primaryKey(), tags: text('tags').array() }, (t) => [index('doc_tags').using('gin', t.tags)]);`,
    after: `export const doc = pgTable('doc', { id: serial('id').primaryKey(), tags: text('tags') }, (t) => [index('doc_tags').using('gin', t.tags)]);`,
    refused: /data type text has no default operator class for access method "gin"/,
  },
  {
    name: 'a column a generated column reads, dropped',
    before: `export const line = pgTable('line', { id: serial('id').primaryKey(), qty: integer('qty'), twice: integer('twice').generatedAlwaysAs(sql\`qty * 2\`) });`,
    after: `export const line = pgTable('line', { id: serial('id').primaryKey(), twice: integer('twice').generatedAlwaysAs(sql\`qty * 2\`) });`,
    refused: /cannot drop column qty of table line because other objects depend on it/,
  },
  {
    name: 'a column a hand-written view reads, dropped',
    before: `export const line = pgTable('line', { id: serial('id').primaryKey(), qty: integer('qty') });`,
    custom: 'CREATE VIEW "line_qty" AS SELECT "id", "qty" FROM "line";',
    after: `export const line = pgTable('line', { id: serial('id').primaryKey() });`,
    refused: /cannot drop column qty of table line because other objects depend on it/,
  },
  {
    name: 'a table a hand-written view reads, dropped (the view goes with it)',
    before: `export const line = pgTable('line', { id: serial('id').primaryKey(), qty: integer('qty') });\nexport const note = pgTable('note', { id: serial('id').primaryKey() });`,
    custom: 'CREATE VIEW "line_qty" AS SELECT "id", "qty" FROM "line";',
    after: `export const note = pgTable('note', { id: serial('id').primaryKey() });`,
  },
  {
    name: 'a table whose last column is dropped',
    before: `export const note = pgTable('note', { id: serial('id').primaryKey() });\nexport const bare = pgTable('bare', { only: uuid('only') });`,
    after: `export const note = pgTable('note', { id: serial('id').primaryKey() });\nexport const bare = pgTable('bare', {});`,
  },
];

describe('what PostgreSQL refuses, generate refuses: nothing written, PostgreSQL\'s error shown', () => {
  it.each(cases)('$name', async ({ before, after, custom, refused, userError }) => {
    process.env.SECTIONS_CACHE_DIR = SHARED_CACHE_DIR;
    const project = createTempProject({ files: { 'sections.config.ts': CONFIG, 'db/schema.ts': `${IMPORTS}${before}\n` } });
    await generate({ cwd: project.dir });
    if (custom) {
      addCustomMigrations(project, [custom]);
      await generate({ cwd: project.dir });
    }
    project.write('db/schema.ts', `${IMPORTS}${after}\n`);
    const tree = project.snapshot();
    if (userError) {
      const result = await runCli(['generate'], { cwd: project.dir, env: { SECTIONS_CACHE_DIR: SHARED_CACHE_DIR } });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toMatch(userError);
      expect(project.snapshot()).toEqual(tree);
      return;
    }
    if (refused) {
      const result = await runCli(['generate'], { cwd: project.dir, env: { SECTIONS_CACHE_DIR: SHARED_CACHE_DIR } });
      expect(result.exitCode, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/^error PostgreSQL refuses the new migration db\/migrations\/\d{4}_[a-z_]+\.sql: /);
      expect(result.stderr).toMatch(refused);
      expect(result.stderr).toMatch(/\n {2}statement: /);
      expect(project.snapshot()).toEqual(tree);
      const error = await generate({ cwd: project.dir }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OperationError);
      return;
    }
    const result = await generate({ cwd: project.dir });
    expect(result.migration).not.toBeNull();
    const database = await createTestDatabase('sections_soundness');
    try {
      const migrated = await runCli(['migrate', '--url', database.url], { cwd: project.dir });
      expect(migrated.exitCode, migrated.stderr).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
