import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.js';
import { runCli } from '../helpers/run-cli.js';
import { migrationProject, writeMigrations, type HandMigration } from '../migrate/migration-project.js';
import { renderNoTransactionMigration, splitSafeMigration } from '../../src/lint/split-safe-migration.js';
import { lintSql, parse } from './lint-corpus.js';

const MIGRATION = [
  'CREATE TABLE "vendor_rating" (\n\t"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,\n\t"score" integer\n);',
  '--> statement-breakpoint',
  'ALTER TABLE "vendor_profile" ADD COLUMN "city" text;--> statement-breakpoint',
  'CREATE INDEX IF NOT EXISTS "vendor_profile_city_idx" ON "vendor_profile" USING btree ("city");--> statement-breakpoint',
  'CREATE UNIQUE INDEX "vendor_profile_name_idx" ON "vendor_profile" USING btree (lower("business_name"));--> statement-breakpoint',
  'CREATE INDEX "vendor_rating_score_idx" ON "vendor_rating" USING btree ("score");',
].join('\n');

describe('splitSafeMigration', () => {
  it('moves index creations on existing tables into a CONCURRENTLY migration, keeping the rest in order', async () => {
    const split = splitSafeMigration(await parse(MIGRATION));
    expect(split).toEqual({
      main: [
        'CREATE TABLE "vendor_rating" (\n\t"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,\n\t"score" integer\n)',
        'ALTER TABLE "vendor_profile" ADD COLUMN "city" text',
        'CREATE INDEX "vendor_rating_score_idx" ON "vendor_rating" USING btree ("score")',
      ],
      concurrent: [
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS "vendor_profile_city_idx" ON "vendor_profile" USING btree ("city")',
        'CREATE UNIQUE INDEX CONCURRENTLY "vendor_profile_name_idx" ON "vendor_profile" USING btree (lower("business_name"))',
      ],
    });
  });

  it('renders a migration that lint accepts: the directive on the first line, CONCURRENTLY, nothing else to say', async () => {
    const split = splitSafeMigration(await parse(MIGRATION))!;
    const text = renderNoTransactionMigration(split.concurrent);
    expect(text.split('\n')[0]).toBe('-- sections:no-transaction');
    expect(text).toContain('"vendor_profile_city_idx" ON "vendor_profile" USING btree ("city");\n--> statement-breakpoint\nCREATE UNIQUE INDEX CONCURRENTLY');
    const { findings } = await lintSql([`${split.main.map((statement) => `${statement};`).join('\n--> statement-breakpoint\n')}\n`, text], { settings: { 'prefer-bigint-over-int': 'off' } });
    expect(findings).toEqual([]);
    const before = await lintSql(MIGRATION, { settings: { 'prefer-bigint-over-int': 'off' } });
    expect(before.findings.map((finding) => finding.rule)).toEqual(['require-concurrent-index-creation', 'require-concurrent-index-creation']);
  });

  it('keeps non-ASCII text byte for byte', async () => {
    const split = splitSafeMigration(await parse('CREATE INDEX "idx_é" ON "café" USING btree ("crème");'));
    expect(split!.concurrent).toEqual(['CREATE INDEX CONCURRENTLY "idx_é" ON "café" USING btree ("crème")']);
  });

  it('is null when nothing moves: no index, an index on a new table, already concurrent, or a syntax error', async () => {
    expect(splitSafeMigration(await parse('ALTER TABLE "a" ADD COLUMN "b" text;'))).toBeNull();
    expect(splitSafeMigration(await parse('CREATE TABLE "a" ("b" text);\nCREATE INDEX "a_b" ON "a" ("b");'))).toBeNull();
    expect(splitSafeMigration(await parse('-- sections:no-transaction\nCREATE INDEX CONCURRENTLY "a_b" ON "a" ("b");'))).toBeNull();
    expect(splitSafeMigration(await parse('CREATE INDEX "a_b" ON "a" ("b";'))).toBeNull();
  });
});

describe('the split, run by sections migrate on a real server', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('lints clean and builds valid indexes concurrently on a table with rows', async () => {
    database = await createTestDatabase();
    const base: HandMigration = {
      tag: '0000_init',
      when: 1_700_000_000_000,
      sql: 'CREATE TABLE "vendor_profile" ("id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY, "business_name" text NOT NULL);--> statement-breakpoint\nINSERT INTO "vendor_profile" ("business_name") SELECT \'v\' || n FROM generate_series(1, 500) n;',
    };
    const project = migrationProject([base]);
    // Lint needs to know who owns the tables: here, hand-written ones.
    project.write('sections.config.ts', `export default { migrations: './db/migrations', sections: { core: { schema: './db/core/schema.ts', types: './db/core/types.ts', extraTables: ['vendor_profile', 'vendor_rating'] } } };\n`);
    expect((await runCli(['migrate', '--url', database.url], { cwd: project.dir })).exitCode).toBe(0);

    const split = splitSafeMigration(await parse(MIGRATION.replace(/"score" integer/, '"score" bigint')))!;
    const main: HandMigration = { tag: '0001_vendor_city', when: 1_700_000_100_000, sql: `${split.main.map((statement) => `${statement};`).join('\n--> statement-breakpoint\n')}\n` };
    const indexes: HandMigration = { tag: '0002_vendor_city_indexes', when: 1_700_000_200_000, sql: renderNoTransactionMigration(split.concurrent) };
    writeMigrations(project, [base, main, indexes]);

    const linted = await runCli(['--json', 'lint', '--url', database.url], { cwd: project.dir });
    expect(JSON.parse(linted.stdout)).toMatchObject({ ok: true, scope: { migrations: ['0001_vendor_city', '0002_vendor_city_indexes'] }, findings: [] });
    const migrated = await runCli(['migrate', '--url', database.url], { cwd: project.dir });
    expect(migrated.exitCode, migrated.stderr).toBe(0);
    const valid = await database.query<{ name: string; valid: boolean }>(
      `select c.relname as name, i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname like 'vendor_%_idx' order by 1`,
    );
    expect(valid).toEqual([
      { name: 'vendor_profile_city_idx', valid: true },
      { name: 'vendor_profile_name_idx', valid: true },
      { name: 'vendor_rating_score_idx', valid: true },
    ]);
  });
});
