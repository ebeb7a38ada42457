import { execa } from 'execa';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { databaseUrl, type TestDatabase } from '../helpers/pg.js';
import { runCli } from '../helpers/run-cli.js';
import { databasesDroppedAfterEach } from '../helpers/test-databases.js';
import { REPO_ROOT } from '../helpers/temp-project.js';
import { M1, M2, M3, migrationProject, writeMigrations } from './migration-project.js';

const database = databasesDroppedAfterEach('sections_migrate');
const tables = async (db: TestDatabase) =>
  (await db.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`)).map((row) => row.name);
const ledger = async (db: TestDatabase) => (await db.query<{ created_at: string }>('select created_at from drizzle.__drizzle_migrations order by id')).map((row) => Number(row.created_at));

describe('sections migrate on a server', () => {
  it('applies pending migrations in order, records them in drizzle\'s ledger, and a rerun does nothing', async () => {
    const db = await database();
    const project = migrationProject([M1, M2, M3]);
    const dry = await runCli(['migrate', '--url', db.url, '--dry-run'], { cwd: project.dir });
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toMatch(/would apply 0000_first\nwould apply 0001_second\nwould apply 0002_third/);
    expect(await tables(db)).toEqual([]);

    const result = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(await tables(db)).toEqual(['a', 'b', 'c']);
    expect(await ledger(db)).toEqual([M1.when, M2.when, M3.when]);

    const again = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('up to date: nothing to apply');
    const status = await runCli(['--json', 'status', '--url', db.url], { cwd: project.dir });
    expect(status.exitCode).toBe(0);
    expect((JSON.parse(status.stdout) as { migrations: { status: string }[] }).migrations.map((m) => m.status)).toEqual(['applied', 'applied', 'applied']);
  });

  it('six processes migrating one fresh database at once: each migration applied exactly once, all exit 0', async () => {
    const db = await database();
    const project = migrationProject([M1, M2, M3]);
    const results = await Promise.all(Array.from({ length: 6 }, () => runCli(['migrate', '--url', db.url], { cwd: project.dir })));
    expect(results.map((result) => result.exitCode)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await ledger(db)).toEqual([M1.when, M2.when, M3.when]);
    expect(await db.query('select * from a')).toHaveLength(1);
  });

  it('a failing middle migration: the first stays, nothing of it remains, the third never runs, and the message says where', async () => {
    const db = await database();
    const broken = { ...M2, sql: 'CREATE TABLE "b" ("id" serial PRIMARY KEY);--> statement-breakpoint\nALTER TABLE "b" ADD COLUMN "x" no_such_type;' };
    const project = migrationProject([M1, broken, M3]);
    const result = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('error migration 0001_second.sql failed: type "no_such_type" does not exist');
    expect(result.stderr).toContain('statement: ALTER TABLE "b" ADD COLUMN "x" no_such_type;');
    expect(await tables(db)).toEqual(['a']);
    expect(await ledger(db)).toEqual([M1.when]);
  });

  it('an applied file edited afterwards stops the run before anything is applied; CRLF is not an edit', async () => {
    const db = await database();
    const project = migrationProject([M1]);
    expect((await runCli(['migrate', '--url', db.url], { cwd: project.dir })).exitCode).toBe(0);
    writeMigrations(project, [{ ...M1, sql: M1.sql.replace(/\n/g, '\r\n') }, M2]);
    expect((await runCli(['migrate', '--url', db.url], { cwd: project.dir })).exitCode).toBe(0);
    writeMigrations(project, [{ ...M1, sql: `${M1.sql}\n-- edited` }, M2, M3]);
    const result = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('nothing was applied: 0000_first: 0000_first.sql changed after it was applied (checksum mismatch with the ledger)');
    expect(await tables(db)).toEqual(['a', 'b']);
    const status = await runCli(['status', '--url', db.url], { cwd: project.dir });
    expect(status.exitCode).toBe(1);
    expect(status.stdout).toMatch(/0000_first\s+modified/);
  });

  it('a back-dated pending migration is refused unless --allow-out-of-order, and success is never printed with it skipped', async () => {
    const db = await database();
    const project = migrationProject([M1, M3]);
    expect((await runCli(['migrate', '--url', db.url], { cwd: project.dir })).exitCode).toBe(0);
    const backDated = { ...M2, when: M1.when + 1 };
    writeMigrations(project, [M1, backDated, M3]);
    const refused = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('0001_second is pending but older than the newest applied migration');
    expect(refused.stdout).not.toContain('up to date');
    const allowed = await runCli(['migrate', '--url', db.url, '--allow-out-of-order'], { cwd: project.dir });
    expect(allowed.exitCode).toBe(0);
    expect(await tables(db)).toEqual(['a', 'b', 'c']);
  });

  it('a journal entry without its file, and an applied migration missing from the folder, are named', async () => {
    const db = await database();
    const project = migrationProject([M1, M2]);
    expect((await runCli(['migrate', '--url', db.url], { cwd: project.dir })).exitCode).toBe(0);
    writeMigrations(project, [M1]);
    const gone = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toContain(`applied to the database but not in the journal`);
    writeMigrations(project, [M1, M2, M3]);
    const { rmSync } = await import('node:fs');
    rmSync(project.path('db/migrations/0002_third.sql'));
    const missing = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('0002_third: the journal lists it but 0002_third.sql is missing');
  });

  it('SIGKILL during a migration leaves the database at a migration boundary, and the next run completes', async () => {
    const db = await database();
    const setup = { tag: '0000_flag', when: 1_700_000_000_000, sql: 'CREATE TABLE "flag" ("slow" boolean NOT NULL);--> statement-breakpoint\nINSERT INTO "flag" VALUES (true);' };
    const slow = { tag: '0001_slow', when: 1_700_000_100_000, sql: 'CREATE TABLE "half" ("id" int);--> statement-breakpoint\nSELECT pg_sleep(CASE WHEN slow THEN 60 ELSE 0 END) FROM "flag";' };
    const project = migrationProject([setup, slow]);
    const child = execa(process.execPath, [join(REPO_ROOT, 'bin', 'sections.js'), 'migrate', '--url', db.url], { cwd: project.dir, reject: false });
    for (let tries = 0; tries < 300; tries += 1) {
      const sleeping = await db.query(`select 1 from pg_stat_activity where datname = $1 and query like '%pg_sleep%' and pid <> pg_backend_pid()`, [db.name]);
      if (sleeping.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    await child;
    // The server notices the dead client and rolls its transaction back.
    for (let tries = 0; tries < 100 && (await tables(db)).includes('half'); tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    await db.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [db.name]);
    expect(await ledger(db)).toEqual([setup.when]);
    expect(await tables(db)).toEqual(['flag']);

    await db.query('update flag set slow = false');
    const rerun = await runCli(['migrate', '--url', db.url, '--lock-timeout', '20'], { cwd: project.dir });
    expect(rerun.stderr).toBe('');
    expect(rerun.exitCode).toBe(0);
    expect(await tables(db)).toEqual(['flag', 'half']);
  });

  it('a held lock times out with a clear line', async () => {
    const db = await database();
    const project = migrationProject([M1]);
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock(8315163397637778035)');
      const result = await runCli(['migrate', '--url', db.url, '--lock-timeout', '1'], { cwd: project.dir });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(/another migrate holds the lock on .* \(advisory lock 8315163397637778035\); waited 1 s/);
      expect(await tables(db)).toEqual([]);
    } finally {
      await holder.end();
    }
  });

  it('CREATE INDEX CONCURRENTLY runs outside a transaction with the directive; failing midway blocks until --resolve', async () => {
    const db = await database();
    const concurrently = { tag: '0001_index', when: M2.when, sql: '-- sections:no-transaction\nCREATE INDEX CONCURRENTLY "a_id_idx" ON "a" ("id");' };
    const project = migrationProject([M1, concurrently]);
    const result = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(await db.query(`select 1 from pg_indexes where indexname = 'a_id_idx'`)).toHaveLength(1);

    const failing = { tag: '0002_fails', when: M3.when, sql: '-- sections:no-transaction\nCREATE INDEX CONCURRENTLY "c_idx" ON "a" ("id");--> statement-breakpoint\nCREATE INDEX CONCURRENTLY "bad_idx" ON "nope" ("id");' };
    writeMigrations(project, [M1, concurrently, failing]);
    const failed = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toContain('relation "nope" does not exist');
    expect(failed.stderr).toContain('sections migrate --resolve 0002_fails --applied');
    const blocked = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(blocked.exitCode).toBe(1);
    expect(blocked.stderr).toContain('0002_fails failed earlier');
    const status = await runCli(['status', '--url', db.url], { cwd: project.dir });
    expect(status.stdout).toMatch(/0002_fails\s+failed/);

    await db.query('drop index "c_idx"');
    writeMigrations(project, [M1, concurrently, { ...failing, sql: failing.sql.replace('"nope"', '"a"') }]);
    expect((await runCli(['migrate', '--url', db.url, '--resolve', '0002_fails', '--rolled-back'], { cwd: project.dir })).exitCode).toBe(0);
    const fixed = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(fixed.stderr).toBe('');
    expect(fixed.exitCode).toBe(0);
    expect(await ledger(db)).toEqual([M1.when, M2.when, M3.when]);
  });

  it('only the first line asks to run outside a transaction: quoted later, the migration stays atomic', async () => {
    const db = await database();
    const quoted = { tag: '0001_quoted', when: M2.when, sql: 'CREATE TABLE "d" ("id" int);\n-- sections:no-transaction\n--> statement-breakpoint\nCREATE TABLE "d" ("id" int);' };
    const project = migrationProject([M1, quoted]);
    const result = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('relation "d" already exists');
    expect(result.stderr).toContain('nothing of this migration was applied');
    // The first statement went with the transaction: no "d", and nothing to resolve.
    expect(await tables(db)).toEqual(['a']);
    expect(await db.query(`select 1 from drizzle.__sections_migration_state`)).toEqual([]);
  });

});

describe('connection failures are told apart, and the password never shows', () => {
  const canary = 'p@ss:w%rd?x';
  const encoded = encodeURIComponent(canary);
  const expectNoCanary = (text: string) => {
    expect(text).not.toContain(canary);
    expect(text).not.toContain(encoded);
    expect(text).not.toContain('w%rd');
  };

  it('unknown database, refused connection, lock timeout, failing migration, PGPASSWORD', async () => {
    const project = migrationProject([M1, { ...M2, sql: 'SELEC 1;' }]);
    const base = new URL(databaseUrl('sections_no_such_db'));
    base.password = encoded;
    const unknown = await runCli(['migrate', '--url', base.toString()], { cwd: project.dir, env: { PGPASSWORD: canary } });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('the database does not exist');
    expectNoCanary(unknown.stdout + unknown.stderr);

    const refused = await runCli(['--verbose', 'status', '--url', `postgres://postgres:${encoded}@127.0.0.1:1/x`], { cwd: project.dir });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('the server refused the connection');
    expect(refused.stderr).toContain('postgres://postgres:***@127.0.0.1:1/x');
    expectNoCanary(refused.stdout + refused.stderr);

    const queryUrl = `postgres://127.0.0.1:1/x?user=postgres&password=${encoded}`;
    const viaQuery = await runCli(['--json', 'migrate', '--url', queryUrl], { cwd: project.dir });
    expect(viaQuery.exitCode).toBe(1);
    expectNoCanary(viaQuery.stdout + viaQuery.stderr);

    const db = await database();
    const withPassword = new URL(db.url);
    withPassword.password = encoded;
    const failing = await runCli(['migrate', '--url', withPassword.toString()], { cwd: project.dir, env: { DATABASE_URL: withPassword.toString() } });
    expect(failing.exitCode).toBe(1);
    expect(failing.stderr).toContain('syntax error');
    expectNoCanary(failing.stdout + failing.stderr);
  });
});
