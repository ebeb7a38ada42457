import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../helpers/pg.js';
import { runCli } from '../helpers/run-cli.js';
import { databasesDroppedAfterEach } from '../helpers/test-databases.js';
import { M1, M2, M3, migrationProject, writeMigrations, type HandMigration } from './migration-project.js';

const database = databasesDroppedAfterEach('sections_baseline');

const tables = async (db: TestDatabase) =>
  (await db.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`)).map((row) => row.name);
const ledgerRows = async (db: TestDatabase) =>
  (await db.query<{ hash: string; created_at: string }>('select hash, created_at from drizzle.__drizzle_migrations order by id')).map((row) => ({ hash: row.hash, when: Number(row.created_at) }));
const hasLedger = async (db: TestDatabase) =>
  (await db.query(`select 1 from information_schema.tables where table_schema = 'drizzle' and table_name = '__drizzle_migrations'`)).length > 0;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** The error boundary's output for a UserError without hints: exactly one line. */
const oneLine = (stderr: string) => stderr.trim().split('\n');

// Shaped like a real drizzle project's first migrations: PascalCase tables, camelCase columns, a
// central User table the others reference.
const INIT: HandMigration = {
  tag: '0000_init',
  when: 1_730_000_000_000,
  sql: [
    'CREATE TABLE "User" (\n\t"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,\n\t"email" varchar(64) NOT NULL,\n\tCONSTRAINT "User_email_unique" UNIQUE("email")\n);\n',
    'CREATE TABLE "Chat" (\n\t"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,\n\t"createdAt" timestamp NOT NULL,\n\t"userId" uuid NOT NULL\n);\n',
    'ALTER TABLE "Chat" ADD CONSTRAINT "Chat_userId_User_id_fk" FOREIGN KEY ("userId") REFERENCES "public"."User"("id") ON DELETE no action ON UPDATE no action;',
  ].join('--> statement-breakpoint\n'),
};
const VOTE: HandMigration = {
  tag: '0001_vote',
  when: 1_730_000_100_000,
  sql: 'CREATE TABLE "Vote" (\n\t"chatId" uuid NOT NULL REFERENCES "Chat"("id"),\n\t"userId" uuid NOT NULL REFERENCES "User"("id"),\n\t"isUpvoted" boolean NOT NULL,\n\tCONSTRAINT "Vote_chatId_userId_pk" PRIMARY KEY("chatId","userId")\n);\n',
};

/** What `drizzle-kit push` leaves behind: the tables, and no ledger. */
async function pushed(db: TestDatabase, migration: HandMigration): Promise<void> {
  await db.query(migration.sql.split('--> statement-breakpoint\n').join(''));
}

describe('sections migrate --baseline', () => {
  it('adopts a database made by drizzle-kit push: baseline records what a real run would have, then migrate applies only the later ones', async () => {
    const db = await database();
    await pushed(db, INIT);
    const project = migrationProject([INIT, VOTE]);

    const failing = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(failing.exitCode).toBe(1);
    expect(failing.stderr).toContain('relation "User" already exists');

    const dry = await runCli(['migrate', '--url', db.url, '--baseline', '0000_init', '--dry-run'], { cwd: project.dir });
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('would record 0000_init as applied (not run)');
    expect(dry.stdout).not.toContain('0001_vote as applied');
    expect(await ledgerRows(db)).toEqual([]);

    const baseline = await runCli(['--json', 'migrate', '--url', db.url, '--baseline', '0000_init'], { cwd: project.dir });
    expect(baseline.stderr).toBe('');
    expect(baseline.exitCode).toBe(0);
    const document = JSON.parse(baseline.stdout) as { ok: boolean; applied: string[]; baselined: { tag: string; recorded: string[] }; migrations: { tag: string; status: string }[] };
    expect(document.ok).toBe(true);
    expect(document.applied).toEqual([]);
    expect(document.baselined).toEqual({ tag: '0000_init', recorded: ['0000_init'] });
    expect(document.migrations.map((state) => [state.tag, state.status])).toEqual([['0000_init', 'applied'], ['0001_vote', 'pending']]);

    // The same row a real run records: compare with a fresh database migrated for real.
    const real = await database();
    const realProject = migrationProject([INIT]);
    expect((await runCli(['migrate', '--url', real.url], { cwd: realProject.dir })).exitCode).toBe(0);
    expect(await ledgerRows(db)).toEqual(await ledgerRows(real));
    expect(await ledgerRows(db)).toEqual([{ hash: sha256(INIT.sql), when: INIT.when }]);

    const again = await runCli(['migrate', '--url', db.url, '--baseline', '0000_init'], { cwd: project.dir });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('baseline 0000_init: every migration up to it is recorded already');
    expect(await ledgerRows(db)).toHaveLength(1);

    const migrated = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(migrated.stderr).toBe('');
    expect(migrated.exitCode).toBe(0);
    expect(migrated.stdout).toContain('applied 0001_vote');
    expect(migrated.stdout).not.toContain('applied 0000_init');
    expect(await tables(db)).toEqual(['Chat', 'User', 'Vote']);

    const status = await runCli(['status', '--url', db.url], { cwd: project.dir });
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toMatch(/0000_init\s+applied\n0001_vote\s+applied/);
  });

  it('marks every migration up to the named one, and refuses an unknown name or one below applied history in one line (exit 2)', async () => {
    const db = await database();
    const project = migrationProject([M1, M2, M3]);
    await db.query('CREATE TABLE "a" ("id" serial PRIMARY KEY); CREATE TABLE "b" ("id" serial PRIMARY KEY);');

    const unknown = await runCli(['migrate', '--url', db.url, '--baseline', '0009_nope'], { cwd: project.dir });
    expect(unknown.exitCode).toBe(2);
    expect(oneLine(unknown.stderr)).toEqual(['error --baseline 0009_nope: no migration with that name in the journal']);
    expect(await hasLedger(db)).toBe(false);

    const baseline = await runCli(['migrate', '--url', db.url, '--baseline', '0001_second'], { cwd: project.dir });
    expect(baseline.exitCode).toBe(0);
    expect(baseline.stdout).toContain('recorded 0000_first as applied (not run)\nrecorded 0001_second as applied (not run)');
    expect(await ledgerRows(db)).toEqual([{ hash: sha256(M1.sql), when: M1.when }, { hash: sha256(M2.sql), when: M2.when }]);
    // Not run: the first migration's INSERT never happened.
    expect(await db.query('select * from a')).toEqual([]);

    expect((await runCli(['migrate', '--url', db.url], { cwd: project.dir })).exitCode).toBe(0);
    const below = await runCli(['--json', 'migrate', '--url', db.url, '--baseline', '0000_first'], { cwd: project.dir });
    expect(below.exitCode).toBe(2);
    const error = JSON.parse(below.stdout) as { ok: boolean; error: { message: string } };
    expect(error.ok).toBe(false);
    expect(error.error.message).toBe(
      '--baseline 0000_first: 0001_second, after it, is already applied in this database; a baseline only marks migrations older than everything applied',
    );
    expect(await ledgerRows(db)).toHaveLength(3);

    const upToDate = await runCli(['migrate', '--url', db.url, '--baseline', '0002_third'], { cwd: project.dir });
    expect(upToDate.exitCode).toBe(0);
    expect(await ledgerRows(db)).toHaveLength(3);
  });

  it('refuses a baseline over a migration edited since it was applied', async () => {
    const db = await database();
    const project = migrationProject([M1]);
    expect((await runCli(['migrate', '--url', db.url], { cwd: project.dir })).exitCode).toBe(0);
    writeMigrations(project, [{ ...M1, sql: `${M1.sql}\n-- edited` }, M2]);
    const refused = await runCli(['migrate', '--url', db.url, '--baseline', '0001_second'], { cwd: project.dir });
    expect(refused.exitCode).toBe(2);
    expect(oneLine(refused.stderr)).toEqual(['error --baseline 0001_second: 0000_first is modified (0000_first.sql changed after it was applied); fix that first']);
    expect(await ledgerRows(db)).toHaveLength(1);
  });
});

describe('sections migrate --resolve <pending> --applied', () => {
  it('records a pending migration as applied without running it, only when every earlier one is applied', async () => {
    const db = await database();
    const project = migrationProject([M1]);
    expect((await runCli(['migrate', '--url', db.url], { cwd: project.dir })).exitCode).toBe(0);
    writeMigrations(project, [M1, M2, M3]);
    // Someone created "b" by hand; its migration must not run again.
    await db.query('CREATE TABLE "b" ("id" serial PRIMARY KEY)');

    const gap = await runCli(['migrate', '--url', db.url, '--resolve', '0002_third', '--applied'], { cwd: project.dir });
    expect(gap.exitCode).toBe(2);
    expect(oneLine(gap.stderr)).toEqual([
      'error --resolve 0002_third --applied: 0001_second, before it, is pending; apply or resolve it first, or mark both with `sections migrate --baseline 0002_third`',
    ]);

    const rolledBack = await runCli(['migrate', '--url', db.url, '--resolve', '0001_second', '--rolled-back'], { cwd: project.dir });
    expect(rolledBack.exitCode).toBe(2);
    expect(rolledBack.stderr).toContain('that migration is pending, not failed (a pending one can only be marked --applied)');

    const dry = await runCli(['migrate', '--url', db.url, '--resolve', '0001_second', '--applied', '--dry-run'], { cwd: project.dir });
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('would resolve 0001_second as applied');
    expect(await ledgerRows(db)).toEqual([{ hash: sha256(M1.sql), when: M1.when }]);

    const resolved = await runCli(['migrate', '--url', db.url, '--resolve', '0001_second', '--applied'], { cwd: project.dir });
    expect(resolved.stderr).toBe('');
    expect(resolved.exitCode).toBe(0);
    expect(resolved.stdout).toContain('resolved 0001_second as applied');
    expect(await ledgerRows(db)).toEqual([{ hash: sha256(M1.sql), when: M1.when }, { hash: sha256(M2.sql), when: M2.when }]);

    const migrated = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(migrated.exitCode).toBe(0);
    expect(migrated.stdout).toContain('applied 0002_third');
    expect(migrated.stdout).not.toContain('0001_second');
    expect(await tables(db)).toEqual(['a', 'b', 'c']);
  });
});

describe('on the embedded database', () => {
  it('--dry-run says what --baseline and --resolve would record before the database exists, and creates nothing', async () => {
    const project = migrationProject([M1, M2, M3]);
    const baseline = await runCli(['migrate', '--local', '--baseline', '0001_second', '--dry-run'], { cwd: project.dir });
    expect(baseline.exitCode, baseline.stderr).toBe(0);
    expect(baseline.stdout).toContain('would record 0000_first as applied (not run)\nwould record 0001_second as applied (not run)');
    const gap = await runCli(['migrate', '--local', '--resolve', '0001_second', '--applied', '--dry-run'], { cwd: project.dir });
    expect(gap.exitCode).toBe(2);
    expect(oneLine(gap.stderr)).toEqual([
      'error --resolve 0001_second --applied: 0000_first, before it, is pending; apply or resolve it first, or mark both with `sections migrate --baseline 0001_second`',
    ]);
    expect(project.exists('.sections/pglite')).toBe(false);
  });

  it('--baseline goes with neither --resolve nor --allow-out-of-order (exit 2, one line)', async () => {
    const project = migrationProject([M1]);
    const withResolve = await runCli(['migrate', '--local', '--baseline', '0000_first', '--resolve', '0000_first', '--applied'], { cwd: project.dir });
    expect(withResolve.exitCode).toBe(2);
    expect(oneLine(withResolve.stderr)).toEqual(['error --baseline and --resolve each mark migrations by themselves; give one']);
    const outOfOrder = await runCli(['migrate', '--local', '--baseline', '0000_first', '--allow-out-of-order'], { cwd: project.dir });
    expect(outOfOrder.exitCode).toBe(2);
    expect(oneLine(outOfOrder.stderr)).toEqual(['error --baseline applies nothing, so --allow-out-of-order has no meaning with it']);
    expect(project.exists('.sections')).toBe(false);
  });
});
