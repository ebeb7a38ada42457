import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-project.js';
import { RULE_CATALOGUE } from '../../src/lint/rule-catalogue.js';
import { RULE_IDS } from '../../src/lint/rule-ids.js';
import { lintSql, rulesFired } from './lint-corpus.js';

// What drizzle-kit 0.31 writes for a table created in an earlier migration.
const CREATE_USER = `CREATE TABLE "user" (\n\t"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,\n\t"name" text\n);\n`;

async function fires(rule: string, sql: string | readonly string[]): Promise<void> {
  expect(await rulesFired(sql), `${rule} on:\n${String(sql)}`).toContain(rule);
}

async function silent(rule: string, sql: string | readonly string[]): Promise<void> {
  expect(await rulesFired(sql), `${rule} on:\n${String(sql)}`).not.toContain(rule);
}

describe('the rule catalogue', () => {
  it('has every rule id exactly once, under its own id, each with a reason and a recipe', () => {
    expect(Object.keys(RULE_CATALOGUE).sort()).toEqual([...RULE_IDS].sort());
    for (const [id, rule] of Object.entries(RULE_CATALOGUE)) {
      expect(rule.id).toBe(id);
      expect(rule.reason.length).toBeGreaterThan(20);
      expect(rule.recipe.length).toBeGreaterThan(20);
      expect(['error', 'warning']).toContain(rule.severity);
    }
    expect(RULE_IDS.length).toBeGreaterThanOrEqual(18);
  });

  it('is listed in the README, every rule with its severity, reason and recipe', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    for (const rule of Object.values(RULE_CATALOGUE)) {
      expect(readme).toContain(`| \`${rule.id}\` | ${rule.severity} | ${rule.reason.replace(/\|/g, '\\|')} | ${rule.recipe.replace(/\|/g, '\\|')} |`);
    }
  });
});

describe('adding-required-field', () => {
  it('fires on a NOT NULL column without a default added to an existing table, on its line', async () => {
    const { findings } = await lintSql('ALTER TABLE "user" ADD COLUMN "email" text NOT NULL;');
    expect(findings).toMatchObject([{ rule: 'adding-required-field', severity: 'error', line: 1, table: 'user', statement: 'ALTER TABLE "user" ADD COLUMN "email" text NOT NULL' }]);
    expect(findings[0]!.reason).toContain('"email"');
  });
  it('keeps the case of quoted names and the schema of a pgSchema table', async () => {
    const { findings } = await lintSql('ALTER TABLE "billing"."Invoice" ADD COLUMN "dueAt" timestamp with time zone NOT NULL;', { facts: { owners: { Invoice: 'billing' } } });
    expect(findings).toMatchObject([{ rule: 'adding-required-field', table: 'billing.Invoice', section: 'billing' }]);
    expect(findings[0]!.reason).toBe('adds "dueAt" to "billing.Invoice" as NOT NULL without a default: the statement fails as soon as the table has a row');
    await silent('adding-required-field', ['CREATE TABLE "billing"."Invoice" ("id" text);', 'ALTER TABLE "billing"."Invoice" ADD COLUMN "dueAt" text NOT NULL;']);
    await fires('adding-required-field', ['CREATE TABLE "Invoice" ("id" text);', 'ALTER TABLE "billing"."Invoice" ADD COLUMN "dueAt" text NOT NULL;']);
  });
  it('is silent with a default, when nullable, and on a table created earlier in the unapplied set', async () => {
    await silent('adding-required-field', `ALTER TABLE "user" ADD COLUMN "email" text DEFAULT '' NOT NULL;`);
    await silent('adding-required-field', 'ALTER TABLE "user" ADD COLUMN "email" text;');
    await silent('adding-required-field', [CREATE_USER, 'ALTER TABLE "user" ADD COLUMN "email" text NOT NULL;']);
  });
});

describe('adding-field-with-default', () => {
  it('fires on a volatile default and on a serial added to an existing table', async () => {
    await fires('adding-field-with-default', 'ALTER TABLE "user" ADD COLUMN "code" uuid DEFAULT gen_random_uuid();');
    await fires('adding-field-with-default', 'ALTER TABLE "post" ADD COLUMN "seq" serial NOT NULL;');
  });
  it('is silent on a constant or now() default', async () => {
    await silent('adding-field-with-default', 'ALTER TABLE "user" ADD COLUMN "ts" timestamp with time zone DEFAULT now();');
    await silent('adding-field-with-default', `ALTER TABLE "user" ADD COLUMN "tags" jsonb DEFAULT '[]'::jsonb NOT NULL;`);
  });
});

describe('adding-serial-primary-key-field', () => {
  it('fires on a primary key added to an existing table, as a column or a constraint', async () => {
    await fires('adding-serial-primary-key-field', 'ALTER TABLE "keyless" ADD COLUMN "id" serial PRIMARY KEY NOT NULL;');
    await fires('adding-serial-primary-key-field', 'ALTER TABLE "keyless" ADD CONSTRAINT "keyless_pk" PRIMARY KEY("a","b");');
  });
  it('is silent when the key reuses an index built concurrently', async () => {
    await silent('adding-serial-primary-key-field', 'ALTER TABLE "keyless" ADD CONSTRAINT "keyless_pk" PRIMARY KEY USING INDEX "keyless_id_idx";');
  });
});

describe('adding-not-nullable-field', () => {
  it('fires on SET NOT NULL of an existing table', async () => {
    await fires('adding-not-nullable-field', 'ALTER TABLE "user" ALTER COLUMN "name" SET NOT NULL;');
  });
  it('is silent after a validated CHECK (column IS NOT NULL)', async () => {
    await silent('adding-not-nullable-field', [
      'ALTER TABLE "user" ADD CONSTRAINT "name_not_null" CHECK ("name" IS NOT NULL) NOT VALID;',
      'ALTER TABLE "user" VALIDATE CONSTRAINT "name_not_null";--> statement-breakpoint\nALTER TABLE "user" ALTER COLUMN "name" SET NOT NULL;',
    ]);
  });
});

describe('changing-column-type', () => {
  it('fires on SET DATA TYPE of an existing table, naming the new type', async () => {
    const { findings } = await lintSql('ALTER TABLE "user" ALTER COLUMN "age" SET DATA TYPE bigint;');
    expect(findings.map((finding) => finding.rule)).toEqual(['changing-column-type']);
    expect(findings[0]!.reason).toContain('to bigint');
  });
  it('is silent on a table created earlier in scope', async () => {
    await silent('changing-column-type', [CREATE_USER, 'ALTER TABLE "user" ALTER COLUMN "name" SET DATA TYPE varchar(20);']);
  });
  it('knows from the previous snapshot which changes need no rewrite: a longer varchar, text, a wider numeric', async () => {
    const typesBefore = { 'public.user': { name: 'varchar(20)', bio: 'text', price: 'numeric(12, 2)', age: 'integer' } };
    const fired = async (sql: string) => (await lintSql(sql, { typesBefore })).findings.filter((finding) => finding.rule === 'changing-column-type').map((finding) => finding.reason);
    expect(await fired('ALTER TABLE "user" ALTER COLUMN "name" SET DATA TYPE varchar(50);')).toEqual([]);
    expect(await fired('ALTER TABLE "user" ALTER COLUMN "name" SET DATA TYPE text;')).toEqual([]);
    expect(await fired('ALTER TABLE "user" ALTER COLUMN "bio" SET DATA TYPE varchar;')).toEqual([]);
    expect(await fired('ALTER TABLE "user" ALTER COLUMN "price" SET DATA TYPE numeric(14, 2);')).toEqual([]);
    expect(await fired('ALTER TABLE "user" ALTER COLUMN "name" SET DATA TYPE varchar(10);')).toEqual([expect.stringContaining('from varchar(20) to varchar(10)')]);
    expect(await fired('ALTER TABLE "user" ALTER COLUMN "bio" SET DATA TYPE varchar(10);')).toHaveLength(1);
    expect(await fired('ALTER TABLE "user" ALTER COLUMN "price" SET DATA TYPE numeric(14, 4);')).toHaveLength(1);
    expect(await fired('ALTER TABLE "user" ALTER COLUMN "age" SET DATA TYPE bigint;')).toEqual([expect.stringContaining('from integer to bigint')]);
  });
});

describe('ban-drop-not-null', () => {
  it('fires on DROP NOT NULL of an existing table, as a warning', async () => {
    const { findings } = await lintSql('ALTER TABLE "user" ALTER COLUMN "name" DROP NOT NULL;');
    expect(findings).toMatchObject([{ rule: 'ban-drop-not-null', severity: 'warning' }]);
  });
  it('is silent on a table created earlier in scope', async () => {
    await silent('ban-drop-not-null', [CREATE_USER, 'ALTER TABLE "user" ALTER COLUMN "name" DROP NOT NULL;']);
  });
});

describe('constraint-missing-not-valid', () => {
  const fk = 'ALTER TABLE "post" ADD CONSTRAINT "post_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;';
  it('fires on drizzle-kit\'s foreign key and on a check added to an existing table', async () => {
    const { findings } = await lintSql(fk);
    expect(findings).toMatchObject([{ rule: 'constraint-missing-not-valid', severity: 'error', table: 'post' }]);
    expect(findings[0]!.reason).toContain('"user"');
    await fires('constraint-missing-not-valid', 'ALTER TABLE "user" ADD CONSTRAINT "age_check" CHECK ("user"."age" > 0);');
  });
  it('fires when VALIDATE runs in the transaction that added it NOT VALID', async () => {
    await fires('constraint-missing-not-valid', 'ALTER TABLE "user" ADD CONSTRAINT "c" CHECK ("age" > 0) NOT VALID;\nALTER TABLE "user" VALIDATE CONSTRAINT "c";');
  });
  it('is silent with NOT VALID, and on a table created earlier in scope', async () => {
    await silent('constraint-missing-not-valid', fk.replace(' ON UPDATE no action;', ' ON UPDATE no action NOT VALID;'));
    await silent('constraint-missing-not-valid', ['CREATE TABLE "post" ("id" bigint, "user_id" bigint);', fk]);
  });
  it('sees through an older drizzle-kit\'s DO block, at the statement\'s line', async () => {
    const sql = `CREATE TABLE "x" ("id" text);\n--> statement-breakpoint\nDO $$ BEGIN\n ALTER TABLE "post" ADD CONSTRAINT "post_user_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;\nEXCEPTION\n WHEN duplicate_object THEN null;\nEND $$;\n`;
    const { findings } = await lintSql(sql);
    expect(findings.filter((finding) => finding.rule === 'constraint-missing-not-valid')).toMatchObject([{ line: 4, table: 'post' }]);
  });
});

describe('disallowed-unique-constraint', () => {
  it('fires on drizzle-kit\'s unique constraint added to an existing table', async () => {
    await fires('disallowed-unique-constraint', 'ALTER TABLE "user" ADD CONSTRAINT "user_email_unique" UNIQUE("email");');
  });
  it('is silent with USING INDEX, and on a table created earlier in scope', async () => {
    await silent('disallowed-unique-constraint', 'ALTER TABLE "user" ADD CONSTRAINT "user_email_unique" UNIQUE USING INDEX "user_email_idx";');
    await silent('disallowed-unique-constraint', [CREATE_USER, 'ALTER TABLE "user" ADD CONSTRAINT "user_name_unique" UNIQUE("name");']);
  });
});

describe('require-concurrent-index-creation', () => {
  it('fires on drizzle-kit\'s CREATE INDEX on an existing table, as a warning', async () => {
    const { findings } = await lintSql('CREATE INDEX IF NOT EXISTS "post_title_idx" ON "post" USING btree ("title");');
    expect(findings).toMatchObject([{ rule: 'require-concurrent-index-creation', severity: 'warning', table: 'post' }]);
  });
  it('is silent with CONCURRENTLY (outside a transaction) and on a table created in the same migration', async () => {
    await silent('require-concurrent-index-creation', '-- sections:no-transaction\nCREATE INDEX CONCURRENTLY "post_title_idx" ON "post" USING btree ("title");');
    await silent('require-concurrent-index-creation', 'CREATE TABLE "post" ("title" text);\n--> statement-breakpoint\nCREATE INDEX "post_title_idx" ON "post" USING btree ("title");');
  });
});

describe('require-concurrent-index-deletion', () => {
  it('fires on DROP INDEX of an existing index', async () => {
    await fires('require-concurrent-index-deletion', 'DROP INDEX "post_title_idx";');
  });
  it('is silent with CONCURRENTLY, and for an index created earlier in scope', async () => {
    await silent('require-concurrent-index-deletion', '-- sections:no-transaction\nDROP INDEX CONCURRENTLY "post_title_idx";');
    await silent('require-concurrent-index-deletion', ['CREATE TABLE "post" ("title" text);\nCREATE INDEX "post_title_idx" ON "post" ("title");', 'DROP INDEX "post_title_idx";']);
  });
});

describe('renaming-column and renaming-table', () => {
  it('fire on drizzle-kit\'s renames of existing tables and columns', async () => {
    await fires('renaming-column', 'ALTER TABLE "vendor_profile" RENAME COLUMN "business_name" TO "company_name";');
    await fires('renaming-table', 'ALTER TABLE "wishlist" RENAME TO "saved_item";');
  });
  it('are silent on a table created earlier in scope', async () => {
    await silent('renaming-column', ['CREATE TABLE "vendor_profile" ("business_name" text);', 'ALTER TABLE "vendor_profile" RENAME COLUMN "business_name" TO "company_name";']);
    await silent('renaming-table', ['CREATE TABLE "wishlist" ("id" text);', 'ALTER TABLE "wishlist" RENAME TO "saved_item";']);
  });
});

describe('ban-drop-column, ban-drop-table, ban-drop-enum-value', () => {
  it('fire on drops of existing columns, tables and enum values', async () => {
    await fires('ban-drop-column', 'ALTER TABLE "user" DROP COLUMN "legacy";');
    await fires('ban-drop-table', 'DROP TABLE "post" CASCADE;');
    const { findings } = await lintSql(`ALTER TABLE "user" ALTER COLUMN "st" SET DATA TYPE text;--> statement-breakpoint\nDROP TYPE "public"."status";--> statement-breakpoint\nCREATE TYPE "public"."status" AS ENUM('a', 'c');`);
    expect(findings.find((finding) => finding.rule === 'ban-drop-enum-value')).toMatchObject({ line: 2 });
    expect(findings.find((finding) => finding.rule === 'ban-drop-enum-value')!.reason).toContain(`'a', 'c'`);
  });
  it('are silent on what the unapplied set created itself', async () => {
    await silent('ban-drop-column', [CREATE_USER, 'ALTER TABLE "user" DROP COLUMN "name";']);
    await silent('ban-drop-table', ['CREATE TABLE "post" ("id" text);', 'DROP TABLE "post" CASCADE;']);
    await silent('ban-drop-enum-value', [`CREATE TYPE "public"."status" AS ENUM('a', 'b');`, `DROP TYPE "public"."status";`]);
  });
});

describe('transaction-nesting', () => {
  it('fires on BEGIN or COMMIT inside a migration migrate runs in a transaction', async () => {
    const { findings } = await lintSql('BEGIN;\nCREATE TABLE "a" ("id" text);\nCOMMIT;');
    expect(findings.filter((finding) => finding.rule === 'transaction-nesting').map((finding) => finding.line)).toEqual([1, 3]);
  });
  it('is silent in a no-transaction migration and on savepoints', async () => {
    await silent('transaction-nesting', '-- sections:no-transaction\nBEGIN;\nCREATE TABLE "a" ("id" text);\nCOMMIT;');
    await silent('transaction-nesting', 'SAVEPOINT s1;\nRELEASE SAVEPOINT s1;');
  });
});

describe('concurrently-in-transaction', () => {
  it('fires on CONCURRENTLY (and VACUUM) when the first line is not the directive, even if it is further down', async () => {
    await fires('concurrently-in-transaction', 'CREATE INDEX CONCURRENTLY "a_idx" ON "post" ("title");');
    await fires('concurrently-in-transaction', '-- an index\n-- sections:no-transaction\nDROP INDEX CONCURRENTLY "a_idx";');
    await fires('concurrently-in-transaction', 'VACUUM ANALYZE "post";');
  });
  it('is silent when the first line is `-- sections:no-transaction`', async () => {
    await silent('concurrently-in-transaction', '-- sections:no-transaction\nCREATE INDEX CONCURRENTLY "a_idx" ON "post" ("title");\n--> statement-breakpoint\nVACUUM "post";');
  });
});

describe('the prefer-* style rules', () => {
  const table = `CREATE TABLE "vendor_profile" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"name" varchar(200) NOT NULL,\n\t"code" char(3),\n\t"created_at" timestamp DEFAULT now() NOT NULL\n);`;
  it('fire as warnings on the column\'s own line, new tables included', async () => {
    const { findings } = await lintSql(table);
    expect(findings.map((finding) => [finding.rule, finding.line, finding.severity])).toEqual([
      ['prefer-bigint-over-int', 2, 'warning'],
      ['prefer-identity', 2, 'warning'],
      ['prefer-text-field', 3, 'warning'],
      ['ban-char-field', 4, 'warning'],
      ['prefer-timestamptz', 5, 'warning'],
    ]);
    expect(findings[0]!.reason).toContain('"vendor_profile"."id" is serial');
  });
  it('are silent on bigint identity, text and timestamptz', async () => {
    const safe = `CREATE TABLE "vendor_profile" (\n\t"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vendor_profile_id_seq"),\n\t"name" text NOT NULL,\n\t"note" varchar,\n\t"created_at" timestamp with time zone DEFAULT now() NOT NULL\n);`;
    expect(await rulesFired(safe)).toEqual([]);
  });
});

describe('multi-section-migration', () => {
  const facts = { owners: { part: 'core', vendor_profile: 'vendor', vendor_inventory: 'vendor', wishlist: 'customer' } };
  it('warns once when existing tables of two sections change, naming both', async () => {
    const { findings } = await lintSql('ALTER TABLE "vendor_profile" ADD COLUMN "city" text;\nALTER TABLE "vendor_inventory" ADD COLUMN "note" text;\nALTER TABLE "part" ADD COLUMN "weight" integer;', { facts });
    const multi = findings.filter((finding) => finding.rule === 'multi-section-migration');
    expect(multi).toMatchObject([{ severity: 'warning', line: 3, section: 'vendor, core', table: 'part' }]);
  });
  it('is silent for one section, and for new tables of several', async () => {
    expect(await rulesFired('ALTER TABLE "vendor_profile" ADD COLUMN "city" text;\nALTER TABLE "vendor_inventory" ADD COLUMN "note" text;', { facts })).toEqual([]);
    expect(await rulesFired('CREATE TABLE "part" ("id" text);\nCREATE TABLE "wishlist" ("id" text);', { facts })).toEqual([]);
  });
});

describe('drop-referenced-public-id', () => {
  const facts = { owners: { part: 'core' }, referrers: { part: [{ section: 'vendor', table: 'vendor_inventory', column: 'core_part_public_id' }] } };
  it('fires on dropping or renaming a table (or its public_id) that another section references', async () => {
    const { findings } = await lintSql('DROP TABLE "part" CASCADE;', { facts });
    expect(findings.find((finding) => finding.rule === 'drop-referenced-public-id')).toMatchObject({ severity: 'error', section: 'core', table: 'part' });
    expect(findings.find((finding) => finding.rule === 'drop-referenced-public-id')!.reason).toContain('vendor_inventory.core_part_public_id (section "vendor")');
    expect(await rulesFired('ALTER TABLE "part" DROP COLUMN "public_id";', { facts })).toContain('drop-referenced-public-id');
    expect(await rulesFired('ALTER TABLE "part" RENAME TO "component";', { facts })).toContain('drop-referenced-public-id');
  });
  it('is silent when nobody references it, or for another column', async () => {
    expect(await rulesFired('DROP TABLE "color" CASCADE;', { facts })).not.toContain('drop-referenced-public-id');
    expect(await rulesFired('ALTER TABLE "part" DROP COLUMN "weight";', { facts })).not.toContain('drop-referenced-public-id');
  });
});

describe('syntax-error', () => {
  it('reports what PostgreSQL\'s parser refuses, on its line', async () => {
    const { findings } = await lintSql('CREATE TABLE "a" ("id" text);\nALTER TABLE "a" ADD COLUMN "b" text NOT NUL;');
    expect(findings).toMatchObject([{ rule: 'syntax-error', severity: 'error', line: 2 }]);
    expect(findings[0]!.reason).toContain('syntax error at or near "NUL"');
  });
  it('is silent on valid SQL, strings and comments that contain keywords included', async () => {
    expect(await rulesFired(`-- DROP TABLE "x";\nCOMMENT ON TABLE "a" IS 'DROP TABLE "a"; BEGIN';`)).toEqual([]);
  });
});
