import { describe, expect, it } from 'vitest';
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
