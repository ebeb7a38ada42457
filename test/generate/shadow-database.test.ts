import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';
import { addCustomMigrations, CUSTOMER_SCHEMA, SAMPLE_CONFIG, sampleFiles } from './sample-project.js';

const withExtraVendorTable = (table: string) => SAMPLE_CONFIG.replace("include: 'vendor_*' }", `include: 'vendor_*', extraTables: ['${table}'] }`);

async function generateJson(project: TempProject, cacheDir: string) {
  const result = await runCli(['generate', '--json'], { cwd: project.dir, env: { SECTIONS_CACHE_DIR: cacheDir } });
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as { usedDatabase: boolean };
}

describe('the database generate proves the migrations on', () => {
  it('runs a migration as migrate does: CONCURRENTLY needs the no-transaction first line, and PostgreSQL says so', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const cacheDir = project.path('.cache');
    await generateJson(project, cacheDir);
    const index = `CREATE INDEX CONCURRENTLY "vendor_shelf_label_idx" ON "vendor_shelf" USING btree ("label");`;
    // What drizzle-kit writes for \`index().concurrently()\`: migrate runs it in a transaction, where PostgreSQL refuses it.
    addCustomMigrations(project, [`CREATE TABLE "vendor_shelf" ("id" integer, "label" text);`, index]);
    project.write('sections.config.ts', withExtraVendorTable('vendor_shelf'));
    const refused = await runCli(['generate'], { cwd: project.dir, env: { SECTIONS_CACHE_DIR: cacheDir } });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('error migration db/migrations/0002_custom.sql fails on a fresh database: CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
    expect(refused.stderr).toContain(`statement: ${index}`);
    expect(project.read('db/vendor/types.ts')).not.toContain('vendorShelf');

    project.write('db/migrations/0002_custom.sql', `-- sections:no-transaction\n${index}`);
    expect((await generateJson(project, cacheDir)).usedDatabase).toBe(true);
    expect(project.read('db/vendor/types.ts')).toContain('vendorShelf: VendorShelf;');
  });

  it('a migration that commits on its own leaves nothing behind for the next project', async () => {
    const cacheDir = createTempProject().path('cache');
    const committing = createTempProject({ files: sampleFiles() });
    await generateJson(committing, cacheDir);
    addCustomMigrations(committing, [`BEGIN;\nCREATE TABLE "vendor_committed" ("id" integer);\nCOMMIT;`]);
    committing.write('sections.config.ts', withExtraVendorTable('vendor_committed'));
    expect((await generateJson(committing, cacheDir)).usedDatabase).toBe(true);
    expect(committing.read('db/vendor/types.ts')).toContain('vendorCommitted: VendorCommitted;');

    // Had the table reached the cached cluster, this project's generate would find it unowned.
    const next = createTempProject({
      files: sampleFiles({ 'db/customer/schema.ts': `${CUSTOMER_SCHEMA}\nexport const customerNotes = pgTable('customer_note', { id: serial('id').primaryKey() });\n` }),
    });
    expect((await generateJson(next, cacheDir)).usedDatabase).toBe(true);
    expect(next.read('db/vendor/types.ts')).not.toContain('vendorCommitted');
  });
});
