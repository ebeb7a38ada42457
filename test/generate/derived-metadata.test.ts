import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, REPO_ROOT, type TempProject } from '../helpers/temp-project.js';
import { addCustomMigrations, sampleFiles } from './sample-project.js';

const SECTIONS = ['core', 'vendor', 'customer'];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(REPO_ROOT, '.tmp', prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function generate(project: TempProject, cacheDir: string): Promise<{ usedDatabase: boolean; migration: { tag: string } | null }> {
  const result = await runCli(['--json', 'generate'], { cwd: project.dir, env: { SECTIONS_CACHE_DIR: cacheDir } });
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout);
}

/**
 * Generates the sample, makes `change` in two copies, and generates again: once with the cache
 * the first run filled (the derived path, no database) and once with an empty cache (a real
 * introspection of PGlite). Both must write the same types.
 */
async function derivedAndIntrospected(change: (project: TempProject) => void, handWritten?: string) {
  const base = createTempProject({ files: sampleFiles() });
  const cache = tempDir('cache-');
  await generate(base, cache);
  if (handWritten) {
    addCustomMigrations(base, [handWritten]);
    expect((await generate(base, cache)).usedDatabase).toBe(true);
  }
  const introspecting = createTempProject();
  cpSync(base.dir, introspecting.dir, { recursive: true });
  change(base);
  change(introspecting);
  const derived = await generate(base, cache);
  const introspected = await generate(introspecting, tempDir('cache-'));
  expect(derived.migration?.tag).toBeDefined();
  expect(introspected.usedDatabase).toBe(true);
  for (const section of SECTIONS) expect(base.read(`db/${section}/types.ts`), section).toBe(introspecting.read(`db/${section}/types.ts`));
  return { usedDatabase: derived.usedDatabase, types: (section: string) => base.read(`db/${section}/types.ts`) };
}

const editFile = (file: string, from: string, to: string) => (project: TempProject) => {
  const text = project.read(file);
  expect(text).toContain(from);
  project.write(file, text.replace(from, to));
};

describe('generate derives the types of a plain schema change from the last introspection', () => {
  it('a column of a kind the project has: no database, the same types as an introspection', async () => {
    const result = await derivedAndIntrospected(editFile('db/vendor/schema.ts', "businessName: text('business_name').notNull(),", "$&\n  city: text('city').notNull(),"));
    expect(result.usedDatabase).toBe(false);
    expect(result.types('vendor')).toContain('city: string;');
  });

  it('a new table, a changed type, a dropped column and an enum column', async () => {
    const result = await derivedAndIntrospected((project) => {
      editFile(
        'db/vendor/schema.ts',
        "price: numeric('price', { precision: 12, scale: 2 }).notNull(),",
        "price: integer('price'),\n});\n\nexport const vendorShelves = pgTable('vendor_shelf', {\n  id: serial('id').primaryKey(),\n  label: text('label').notNull(),\n  vendorId: integer('vendor_id'),",
      )(project);
      editFile('db/core/schema.ts', "  ownerId: integer('owner_id').references(() => users.id),\n", "$&  role: userRole('role').notNull().default('member'),\n")(project);
      editFile('db/customer/schema.ts', "  corePartPublicId: uuid('core_part_public_id').notNull(),\n", '')(project);
    });
    expect(result.usedDatabase).toBe(false);
    expect(result.types('vendor')).toContain('vendorShelf: VendorShelf;');
    expect(result.types('vendor')).toContain('price: number | null;');
    expect(result.types('customer')).not.toContain('corePartPublicId');
    expect(result.types('core')).toMatch(/export interface Part \{[^}]*role: Generated<UserRole>;/);
  });

  it('a dropped table', async () => {
    const result = await derivedAndIntrospected(editFile('db/customer/schema.ts', "export const wishlist = pgTable('wishlist', {", 'const wishlist = pgTable(\'wishlist\', {'));
    expect(result.usedDatabase).toBe(false);
    expect(result.types('customer')).not.toContain('wishlist');
  });

  it('keeps what hand-written SQL did to the table it changes (a column comment)', async () => {
    const result = await derivedAndIntrospected(
      editFile('db/vendor/schema.ts', "businessName: text('business_name').notNull(),", "$&\n  city: text('city').notNull(),"),
      `COMMENT ON COLUMN "vendor_profile"."business_name" IS 'The name on invoices';`,
    );
    expect(result.usedDatabase).toBe(false);
    expect(result.types('vendor')).toContain('   * The name on invoices');
  });

  it('a column of a kind never introspected here is introspected', async () => {
    const result = await derivedAndIntrospected((project) => {
      editFile('db/vendor/schema.ts', "import { integer,", 'import { integer, jsonb,')(project);
      editFile('db/vendor/schema.ts', "businessName: text('business_name').notNull(),", "$&\n  settings: jsonb('settings'),")(project);
    });
    expect(result.usedDatabase).toBe(true);
  });

  it('a change whose SQL is not sure to apply is still tried on a database before it is written', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const cache = tempDir('cache-');
    await generate(project, cache);
    editFile('db/core/schema.ts', "email: text('email').notNull(),", "$&\n  token: text('token').notNull().default(sql`no_such_function()`),")(project);
    const before = project.snapshot();
    const result = await runCli(['generate'], { cwd: project.dir, env: { SECTIONS_CACHE_DIR: cache } });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/migration "0001_core" fails on a fresh database: .*no_such_function/);
    expect(project.snapshot()).toEqual(before);
  });

  it('a first migration whose probe PostgreSQL refuses is applied in full, which says what is wrong', async () => {
    const core = sampleFiles()['db/core/schema.ts']!.replace("email: text('email').notNull(),", "$&\n  token: text('token').default(sql`no_such_function()`),");
    const project = createTempProject({ files: sampleFiles({ 'db/core/schema.ts': core }) });
    const result = await runCli(['generate'], { cwd: project.dir, env: { SECTIONS_CACHE_DIR: tempDir('cache-') } });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/migration "0000_init" fails on a fresh database: .*no_such_function/);
    expect(project.exists('db/migrations')).toBe(false);
  });
});
