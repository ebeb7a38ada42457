import { describe, expect, it } from 'vitest';
import { generate } from 'drizzle-sections';
import { createTestDatabase } from '../helpers/pg.js';
import { runCli, SHARED_CACHE_DIR } from '../helpers/run-cli.js';
import { createTempProject } from '../helpers/temp-project.js';
import { sampleFiles, VENDOR_SCHEMA } from './sample-project.js';

const WITH_INDEX = VENDOR_SCHEMA.replace("import { integer, numeric, pgTable, serial, text, uuid } from 'drizzle-orm/pg-core';", "import { index, integer, numeric, pgTable, serial, text, uuid } from 'drizzle-orm/pg-core';").replace(
  "  price: numeric('price', { precision: 12, scale: 2 }).notNull(),\n});",
  "  price: numeric('price', { precision: 12, scale: 2 }).notNull(),\n  note: text('note'),\n}, (t) => [index('vendor_inventory_price_idx').on(t.price)]);",
);

describe('generate and the migration-safety lint', () => {
  it('prints the findings on the migration it writes; --safe writes the index as a second migration built CONCURRENTLY, proven by PostgreSQL and applied by migrate', async () => {
    const env = { SECTIONS_CACHE_DIR: SHARED_CACHE_DIR };
    const plain = createTempProject({ files: sampleFiles() });
    const safe = createTempProject({ files: sampleFiles() });
    for (const project of [plain, safe]) {
      expect((await runCli(['generate'], { cwd: project.dir, env })).exitCode).toBe(0);
      project.write('db/vendor/schema.ts', WITH_INDEX);
    }

    const unsafe = await runCli(['--json', 'generate'], { cwd: plain.dir, env });
    expect(unsafe.exitCode).toBe(0);
    const unsafeResult = JSON.parse(unsafe.stdout) as { migration: { tag: string }; indexMigration: null; lint: { findings: { rule: string; line: number; file: string }[] } };
    expect(unsafeResult.indexMigration).toBeNull();
    const indexFinding = unsafeResult.lint.findings.find((finding) => finding.rule === 'require-concurrent-index-creation');
    expect(indexFinding?.file).toBe(plain.path(`db/migrations/${unsafeResult.migration.tag}.sql`));
    expect(plain.read(`db/migrations/${unsafeResult.migration.tag}.sql`).split('\n')[indexFinding!.line - 1]).toContain('CREATE INDEX "vendor_inventory_price_idx"');

    process.env.SECTIONS_CACHE_DIR = SHARED_CACHE_DIR;
    const result = await generate({ cwd: safe.dir, safe: true });
    expect(result.migration?.tag).toBe('0001_vendor');
    expect(result.indexMigration?.tag).toBe('0002_vendor_indexes');
    expect(safe.read('db/migrations/0001_vendor.sql')).toBe('ALTER TABLE "vendor_inventory" ADD COLUMN "note" text;');
    expect(safe.read('db/migrations/0002_vendor_indexes.sql')).toBe(
      '-- sections:no-transaction\nCREATE INDEX CONCURRENTLY "vendor_inventory_price_idx" ON "vendor_inventory" USING btree ("price");\n',
    );
    expect(result.lint.findings.map((finding) => finding.rule)).not.toContain('require-concurrent-index-creation');
    const journal = JSON.parse(safe.read('db/migrations/meta/_journal.json')) as { entries: { tag: string; when: number }[] };
    expect(journal.entries.map((entry) => entry.tag)).toEqual(['0000_init', '0001_vendor', '0002_vendor_indexes']);
    expect(journal.entries[2]!.when).toBeGreaterThan(journal.entries[1]!.when);

    // Both the plain tools and sections accept the folder; migrate runs the index outside a transaction.
    expect((await runCli(['check'], { cwd: safe.dir, env })).exitCode).toBe(0);
    const database = await createTestDatabase('sections_safe');
    try {
      const migrated = await runCli(['migrate', '--url', database.url], { cwd: safe.dir, env });
      expect(migrated.exitCode, migrated.stderr).toBe(0);
      expect(await database.query(`select indisvalid from pg_index where indexrelid = 'vendor_inventory_price_idx'::regclass`)).toEqual([{ indisvalid: true }]);
    } finally {
      await database.drop();
    }
  });
});
