import { createHash, randomBytes } from 'node:crypto';
import { execa } from 'execa';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { adminQuery } from '../helpers/pg.js';
import { runCli } from '../helpers/run-cli.js';
import { databasesDroppedAfterEach } from '../helpers/test-databases.js';
import { createTempProject, REPO_ROOT, type TempProject } from '../helpers/temp-project.js';

const database = databasesDroppedAfterEach('sections_custom');

const M = 'db/migrations';
const HEADER = '-- Custom SQL migration file, put your code below! --\n';
/** sections.sum's hash of a file (see src/migrations/sum-file.ts): sha-256, base64, LF line endings. */
const sumHash = (sql: string) => `h1:${createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('base64')}`;

// Shaped like a real app's schema: PascalCase tables, camelCase columns, an Order that belongs to a User.
const SHOP_SCHEMA = `import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const user = pgTable('User', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
});

export const order = pgTable('Order', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('userId').notNull().references(() => user.id),
  quantity: text('quantity'),
  createdAt: timestamp('createdAt', { withTimezone: true }).notNull().defaultNow(),
});
`;

function shopProject(): TempProject {
  return createTempProject({
    files: {
      'sections.config.ts': `export default { migrations: './${M}', sections: { shop: { schema: './db/shop/schema.ts', types: './db/shop/types.ts', codegen: { camelCase: false } } } };\n`,
      'db/shop/schema.ts': SHOP_SCHEMA,
    },
  });
}

/** drizzle-kit itself, on the same folder. */
async function drizzleKit(project: TempProject, command: 'check' | 'generate') {
  project.write('drizzle.config.ts', `export default { dialect: 'postgresql', schema: './db/shop/schema.ts', out: './${M}' };\n`);
  return execa(join(REPO_ROOT, 'node_modules', '.bin', 'drizzle-kit'), [command, '--config', 'drizzle.config.ts'], { cwd: project.dir, reject: false, env: { NO_COLOR: '1' } });
}

const snapshotOf = (project: TempProject, idx: number) => JSON.parse(project.read(`${M}/meta/${String(idx).padStart(4, '0')}_snapshot.json`)) as Record<string, unknown>;
const journalTags = (project: TempProject) => (JSON.parse(project.read(`${M}/meta/_journal.json`)) as { entries: { tag: string }[] }).entries.map((entry) => entry.tag);

describe('sections generate --custom', () => {
  it('writes an empty migration into the journal like drizzle-kit, hashed into sections.sum; its SQL (a function, a role-free policy) runs on the engine at every later run, then on the server', async () => {
    const project = shopProject();
    const init = await runCli(['generate'], { cwd: project.dir });
    expect(init.exitCode, init.stderr).toBe(0);

    const custom = await runCli(['generate', '--custom', '--name', 'order_guards'], { cwd: project.dir });
    expect(custom.exitCode, custom.stderr).toBe(0);
    expect(custom.stdout).toContain(`migration ${M}/0001_order_guards.sql created (custom): write your SQL in it, then run \`sections generate --rehash\``);
    expect(project.read(`${M}/0001_order_guards.sql`)).toBe(HEADER);
    expect(journalTags(project)).toEqual(['0000_init', '0001_order_guards']);
    // drizzle-kit's layout: the previous snapshot under a new id, chained to it.
    const [before, after] = [snapshotOf(project, 0), snapshotOf(project, 1)];
    expect(after.prevId).toBe(before.id);
    expect(after.id).not.toBe(before.id);
    expect({ ...after, id: null, prevId: null }).toEqual({ ...before, id: null, prevId: null });
    expect(project.read(`${M}/sections.sum`)).toContain(`0001_order_guards.sql ${sumHash(HEADER)}\n`);
    expect((await runCli(['check'], { cwd: project.dir })).exitCode).toBe(0);
    // Left as it is, it is a migration that does nothing, for the server as for the engine.
    const empty = await database();
    const emptyRun = await runCli(['migrate', '--url', empty.url], { cwd: project.dir });
    expect(emptyRun.exitCode, emptyRun.stderr).toBe(0);
    expect(emptyRun.stdout).toContain('applied 0001_order_guards');

    const broken = `${HEADER}CREATE FUNCTION "orderCount"("owner" uuid) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM "Orders" WHERE "userId" = "owner" $$;\n`;
    project.write(`${M}/0001_order_guards.sql`, broken);
    const edited = await runCli(['generate'], { cwd: project.dir });
    expect(edited.exitCode).toBe(2);
    expect(edited.stderr).toContain('0001_order_guards.sql was edited after it was generated');
    // --rehash accepts the edit, and the engine runs it: PostgreSQL's error names the file.
    const refused = await runCli(['generate', '--rehash'], { cwd: project.dir });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('0001_order_guards.sql');
    expect(refused.stderr).toContain('relation "Orders" does not exist');

    const guards = [
      `${HEADER}CREATE FUNCTION "orderCount"("owner" uuid) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM "Order" WHERE "userId" = "owner" $$;`,
      'ALTER TABLE "Order" ENABLE ROW LEVEL SECURITY;',
      `CREATE POLICY "orderOwner" ON "Order" USING ("userId" = current_setting('app.userId', true)::uuid);\n`,
    ].join('\n--> statement-breakpoint\n');
    project.write(`${M}/0001_order_guards.sql`, guards);
    const rehashed = await runCli(['generate', '--rehash'], { cwd: project.dir });
    expect(rehashed.exitCode, rehashed.stderr).toBe(0);
    expect(rehashed.stdout).toContain('no schema changes, no new migration');
    expect(project.read(`${M}/sections.sum`)).toContain(`0001_order_guards.sql ${sumHash(guards)}\n`);
    const check = await runCli(['check'], { cwd: project.dir });
    expect(check.exitCode, check.stdout + check.stderr).toBe(0);

    // A later schema change diffs from the custom migration's snapshot and runs after it.
    project.write('db/shop/schema.ts', SHOP_SCHEMA.replace("  quantity: text('quantity'),", "  quantity: text('quantity'),\n  note: text('note'),"));
    const next = await runCli(['generate'], { cwd: project.dir });
    expect(next.exitCode, next.stderr).toBe(0);
    expect(project.read(`${M}/0002_shop.sql`)).toBe('ALTER TABLE "Order" ADD COLUMN "note" text;');

    const db = await database();
    const migrated = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(migrated.exitCode, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain('applied 0001_order_guards');
    const [owner] = await db.query<{ id: string }>(`INSERT INTO "User" ("email") VALUES ('ada@example.com') RETURNING "id"`);
    await db.query(`INSERT INTO "Order" ("userId", "quantity") VALUES ($1, '3')`, [owner!.id]);
    expect(await db.query(`SELECT "orderCount"($1) AS n`, [owner!.id])).toEqual([{ n: '1' }]);
    expect(await db.query(`SELECT policyname, roles FROM pg_policies WHERE tablename = 'Order'`)).toEqual([{ policyname: 'orderOwner', roles: '{public}' }]);
  });

  it('refuses --custom with --safe, --rebase or --watch, in one line', async () => {
    const project = shopProject();
    for (const [flag, message] of [
      ['--safe', 'error --custom writes one migration of your own; it does not go with --safe'],
      ['--rebase', 'error --custom writes one migration of your own; it does not go with --rebase'],
      ['--watch', 'error --custom writes one migration; it does not go with --watch'],
    ] as const) {
      const result = await runCli(['generate', '--custom', flag], { cwd: project.dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr.trim()).toBe(message);
    }
    expect(project.exists(M)).toBe(false);
  });

  it('--name defaults to custom; --json says what it takes; --dry-run writes nothing', async () => {
    const project = shopProject();
    const before = project.snapshot();
    const result = await runCli(['--json', 'generate', '--custom', '--dry-run'], { cwd: project.dir });
    expect(result.exitCode, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout) as { ok: boolean; dryRun: boolean; migration: { tag: string; custom: boolean }; changesTaken: string[] };
    expect(document).toMatchObject({ ok: true, dryRun: true, migration: { tag: '0000_custom', custom: true } });
    expect(document.changesTaken.sort()).toEqual(['Order', 'User']);
    expect(project.snapshot()).toEqual(before);
  });
});

describe('a change PostgreSQL refuses as generated (README: "Changes PostgreSQL refuses as generated")', () => {
  it('text to integer: generate refuses with PostgreSQL\'s error; a custom migration takes the change with a USING cast; check passes; migrate converts the rows', async () => {
    const project = shopProject();
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    const db = await database();
    expect((await runCli(['migrate', '--url', db.url], { cwd: project.dir })).exitCode).toBe(0);
    const [owner] = await db.query<{ id: string }>(`INSERT INTO "User" ("email") VALUES ('ada@example.com') RETURNING "id"`);
    await db.query(`INSERT INTO "Order" ("userId", "quantity") VALUES ($1, '12')`, [owner!.id]);

    // 1. Change the schema; generate refuses with PostgreSQL's error.
    project.write('db/shop/schema.ts', SHOP_SCHEMA.replace("import { pgTable, text,", "import { integer, pgTable, text,").replace("quantity: text('quantity')", "quantity: integer('quantity')"));
    const refused = await runCli(['generate'], { cwd: project.dir });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('column "quantity" cannot be cast automatically to type integer');
    expect(refused.stderr).toContain('nothing was written');

    // 2. A custom migration takes the change; drizzle-kit's statement is in it as a comment.
    const custom = await runCli(['generate', '--custom', '--name', 'order_quantity_integer'], { cwd: project.dir });
    expect(custom.exitCode, custom.stderr).toBe(0);
    expect(custom.stdout).toContain(`${M}/0001_order_quantity_integer.sql created (custom, taking the schema change of Order)`);
    const file = `${M}/0001_order_quantity_integer.sql`;
    expect(project.read(file)).toContain('\n-- ALTER TABLE "Order" ALTER COLUMN "quantity" SET DATA TYPE integer;\n');
    expect(((snapshotOf(project, 1).tables as Record<string, { columns: Record<string, { type: string }> }>)['public.Order']!.columns.quantity!.type)).toBe('integer');

    // Left unwritten, it is refused: the database would lag its snapshot.
    const unwritten = await runCli(['check'], { cwd: project.dir });
    expect(unwritten.exitCode).toBe(2);
    expect(unwritten.stderr).toContain('0001_order_quantity_integer.sql holds no SQL, but its snapshot changes the schema (Order)');

    // 3. Write the statement PostgreSQL accepts, accepting the lint's finding with a reason.
    project.write(file, `${project.read(file)}-- sections:allow changing-column-type Order is small; the rewrite takes a moment\nALTER TABLE "Order" ALTER COLUMN "quantity" SET DATA TYPE integer USING "quantity"::integer;\n`);

    // 4. generate --rehash runs it on PostgreSQL: no further migration, types follow.
    const rehashed = await runCli(['generate', '--rehash'], { cwd: project.dir });
    expect(rehashed.exitCode, rehashed.stderr).toBe(0);
    expect(rehashed.stdout).toContain('no schema changes, no new migration');
    expect(journalTags(project)).toEqual(['0000_init', '0001_order_quantity_integer']);
    expect(project.read('db/shop/types.ts')).toMatch(/quantity: number \| null;/);

    // 5. check passes; migrate converts the existing rows.
    const check = await runCli(['check'], { cwd: project.dir });
    expect(check.exitCode, check.stdout + check.stderr).toBe(0);
    // drizzle-kit reads the folder the same way: its snapshots chain, and the schema change is taken.
    expect((await drizzleKit(project, 'check')).exitCode).toBe(0);
    const kitGenerate = await drizzleKit(project, 'generate');
    expect(kitGenerate.exitCode, kitGenerate.stderr).toBe(0);
    expect(kitGenerate.stdout).toContain('No schema changes');
    expect(journalTags(project)).toEqual(['0000_init', '0001_order_quantity_integer']);
    const migrated = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(migrated.exitCode, migrated.stderr).toBe(0);
    expect(await db.query(`SELECT "quantity" FROM "Order"`)).toEqual([{ quantity: 12 }]);
  });

  it('a role, created only where it is missing (roles are the server\'s, not a database\'s), runs on the engine and on two databases of one server', async () => {
    // Random, as roles outlive the throwaway databases; dropped with whatever the databases granted it.
    const role = `app_reader_${randomBytes(4).toString('hex')}`;
    const databases: Awaited<ReturnType<typeof database>>[] = [];
    onTestFinished(async () => {
      for (const db of databases) await db.query(`DROP OWNED BY "${role}"`).catch(() => undefined);
      await adminQuery(`DROP ROLE IF EXISTS "${role}"`);
    });
    const project = shopProject();
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    expect((await runCli(['generate', '--custom', '--name', 'reader_role'], { cwd: project.dir })).exitCode).toBe(0);
    project.write(
      `${M}/0001_reader_role.sql`,
      [
        `${HEADER}DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE "${role}" NOLOGIN; END IF; END $$;`,
        `GRANT SELECT ON "Order" TO "${role}";`,
        'ALTER TABLE "Order" ENABLE ROW LEVEL SECURITY;',
        `CREATE POLICY "readerSeesAll" ON "Order" FOR SELECT TO "${role}" USING (true);\n`,
      ].join('\n--> statement-breakpoint\n'),
    );
    const rehashed = await runCli(['generate', '--rehash'], { cwd: project.dir });
    expect(rehashed.exitCode, rehashed.stderr).toBe(0);
    // An empty cache: the engine runs the whole history, the role included, on a new cluster.
    const cold = await runCli(['check'], { cwd: project.dir, env: { SECTIONS_CACHE_DIR: project.path('.cold-cache') } });
    expect(cold.exitCode, cold.stdout + cold.stderr).toBe(0);

    for (const db of [await database(), await database()]) {
      databases.push(db);
      const migrated = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
      expect(migrated.exitCode, migrated.stderr).toBe(0);
      expect(await db.query(`SELECT policyname, roles FROM pg_policies WHERE tablename = 'Order'`)).toEqual([{ policyname: 'readerSeesAll', roles: `{${role}}` }]);
      expect(await db.query(`SELECT has_table_privilege('${role}', '"Order"', 'SELECT') AS reads`)).toEqual([{ reads: true }]);
    }
  });
});
