import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject } from '../helpers/temp-project.js';
import { CORE_SCHEMA, sampleFiles, VENDOR_SCHEMA } from '../generate/sample-project.js';

const withoutImports = (text: string) => text.split('\n').filter((line) => !line.startsWith('import ')).join('\n');

describe('sections add-table', () => {
  it('appends the table, then generates its migration and the section\'s types', async () => {
    const project = createTempProject({ files: sampleFiles() });
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    const coreTypes = project.read('db/core/types.ts');

    const result = await runCli(
      ['add-table', 'vendor', 'vendor_payout', '--column', 'amount:numeric(12,2):notnull', '--column', 'vendor_id:integer:notnull:references=vendor_profile.id', '--column', 'note:varchar(200):default=none'],
      { cwd: project.dir },
    );
    expect(result.exitCode).toBe(0);
    // The lint's advice on the two columns given as int and varchar, one line each; the standard columns draw none.
    const advice = result.stderr.split('\n');
    expect(advice).toHaveLength(2);
    expect(advice[0]).toMatch(/^warning \[prefer-bigint-over-int\] db\/migrations\/0001_add_vendor_payout\.sql:\d+ \(vendor, vendor_payout\): "vendor_payout"\."vendor_id" is integer/);
    expect(advice[1]).toMatch(/^warning \[prefer-text-field\] db\/migrations\/0001_add_vendor_payout\.sql:\d+ \(vendor, vendor_payout\): "vendor_payout"\."note"/);
    expect(result.stdout).toContain('added table vendor_payout (vendorPayout) to section vendor: db/vendor/schema.ts');
    expect(result.stdout).toContain('migration db/migrations/0001_add_vendor_payout.sql created');

    const schema = project.read('db/vendor/schema.ts');
    expect(withoutImports(schema).startsWith(withoutImports(VENDOR_SCHEMA))).toBe(true);
    expect(schema.split('\n')[0]).toBe("import { integer, numeric, pgTable, serial, text, uuid, bigint, varchar, timestamp } from 'drizzle-orm/pg-core';");
    expect(schema.split('\n')[1]).toBe("import { sql } from 'drizzle-orm';");
    expect(schema).toContain("  note: varchar('note', { length: 200 }).default('none'),\n");

    const sql = project.read('db/migrations/0001_add_vendor_payout.sql');
    expect(sql).toContain('CREATE TABLE "vendor_payout" (');
    expect(sql).toContain('"public_id" uuid DEFAULT gen_random_uuid() NOT NULL');
    expect(sql).toContain('"amount" numeric(12, 2) NOT NULL');
    expect(sql).toContain('CONSTRAINT "vendor_payout_public_id_unique" UNIQUE("public_id")');
    expect(sql).toContain('ADD CONSTRAINT "vendor_payout_vendor_id_vendor_profile_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendor_profile"("id")');
    expect(project.read('db/vendor/types.ts')).toContain('  vendorPayout: VendorPayout;');
    expect(project.read('db/core/types.ts')).toBe(coreTypes);
  });

  it('--no-generate only edits the schema; the section\'s own enum is usable by name', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const result = await runCli(['add-table', 'core', 'membership', '--column', 'role:user_role:notnull:default=admin', '--column', 'user_id:integer:references=user.id', '--no-generate'], { cwd: project.dir });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('run `sections generate --name add_membership`');
    expect(project.exists('db/migrations')).toBe(false);
    const schema = project.read('db/core/schema.ts');
    expect(schema.slice(0, CORE_SCHEMA.length)).toBe(CORE_SCHEMA);
    expect(schema).toContain("  role: userRole('role').default('admin').notNull(),\n  userId: integer('user_id').references(() => users.id),\n");
  });

  it('--dry-run says what it would add and writes nothing', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const before = project.snapshot();
    const result = await runCli(['add-table', 'customer', 'customer_note', '--dry-run'], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('would add table customer_note (customerNote) to section customer');
    const json = await runCli(['--json', 'add-table', 'customer', 'customer_note', '--dry-run'], { cwd: project.dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, dryRun: true, section: 'customer', table: 'customer_note', exportName: 'customerNote', schemaStatus: 'updated', generate: null });
    expect(project.snapshot()).toEqual(before);
  });

  it('every refusal: exit 2, one line naming the problem, the tree byte-identical', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const before = project.snapshot();
    const cases: [string[], RegExp][] = [
      [['billing', 'invoice'], /^error unknown section "billing" \(sections: core, vendor, customer\)$/],
      [['vendor', 'order'], /^error table "order": "order" is a reserved word in PostgreSQL/],
      [['vendor', 'VendorPayout'], /^error table "VendorPayout": use a lowercase letter/],
      [['vendor', 'wishlist'], /^error table "wishlist" already belongs to section "customer"$/],
      [['vendor', 'user_role'], /^error table "user_role": enum "user_role" of section "core" has that name/],
      [['vendor', 'vendor_rating', '--column', 'select:integer'], /^error column "select" of table "vendor_rating": "select" is a reserved word/],
      [['vendor', 'vendor_rating', '--column', 'public_id:uuid'], /every table already gets id, public_id, created_at, updated_at/],
      [
        ['vendor', 'vendor_rating', '--column', 'part_id:integer:references=part.id'],
        /^error column "part_id" of table "vendor_rating": table "part" belongs to section "core", and sections do not share foreign keys; reference it by public id instead: --column 'part_public_id:uuid:notnull'/,
      ],
      [['vendor', 'vendor_rating', '--column', 'role:user_role'], /enum "user_role" belongs to section "core"; a section's columns use only its own enums/],
      [['vendor', 'vendor_rating', '--column', 'vendor_id:uuid:references=vendor_profile.id'], /its type uuid does not match vendor_profile\.id \(serial\)/],
      [['vendor', 'vendor_rating', '--column', 'vendor_id:integer:references=vendor_profile.nope'], /table "vendor_profile" has no column "nope"/],
      [['vendor', 'vendor_rating', '--column', 'stars:integer:default=many'], /default "many" is not an integer/],
      [['vendor', 'vendor_rating', '--column', 'stars:int'], /unknown type "int" \(not a built-in type nor an enum of section "vendor"\); did you mean integer\?$/],
      [['vendor', 'vendor_rating', '--column', 'stars:intger'], /unknown type "intger" .*; did you mean integer\?$/],
      [['vendor', `v${'x'.repeat(40)}`, '--column', `${'y'.repeat(20)}:text:unique`], /derived name: "vx+_y+_unique" is 69 bytes; PostgreSQL keeps only 63/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['add-table', ...args], { cwd: project.dir });
      expect({ args, exitCode: result.exitCode }).toEqual({ args, exitCode: 2 });
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
    }
    expect(project.snapshot()).toEqual(before);
  });
});
