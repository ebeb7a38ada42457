import { execa } from 'execa';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.js';
import { runCli } from '../helpers/run-cli.js';
import { REPO_ROOT } from '../helpers/temp-project.js';
import { M1, M2, M3, migrationProject } from './migration-project.js';

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

const drizzleConfig = (url: string) =>
  `export default { dialect: 'postgresql', schema: './db/core/schema.ts', out: './db/migrations', dbCredentials: { url: ${JSON.stringify(url)} } };\n`;

/** drizzle-orm's own migrator, as an app would run it at boot. */
const DRIZZLE_MIGRATOR = `
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
const db = drizzle(process.argv[2]);
await migrate(db, { migrationsFolder: './db/migrations' });
await db.$client.end();
`;

describe('interoperable with drizzle both ways', () => {
  it('a database migrated by drizzle-kit is up to date for sections, and sections continues it', async () => {
    db = await createTestDatabase('sections_interop');
    const project = migrationProject([M1, M2]);
    project.write('drizzle.config.ts', drizzleConfig(db.url));
    const drizzleKit = await execa(join(REPO_ROOT, 'node_modules', '.bin', 'drizzle-kit'), ['migrate', '--config', 'drizzle.config.ts'], { cwd: project.dir, reject: false });
    expect(drizzleKit.exitCode, drizzleKit.stderr).toBe(0);

    const status = await runCli(['status', '--url', db.url], { cwd: project.dir });
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toMatch(/0000_first\s+applied\n0001_second\s+applied/);

    const { writeMigrations } = await import('./migration-project.js');
    writeMigrations(project, [M1, M2, M3]);
    const migrate = await runCli(['migrate', '--url', db.url], { cwd: project.dir });
    expect(migrate.exitCode).toBe(0);
    expect(migrate.stdout).toContain('applied 0002_third');
  });

  it("a database migrated by sections is up to date for drizzle-orm's migrator and drizzle-kit migrate", async () => {
    db = await createTestDatabase('sections_interop');
    const project = migrationProject([M1, M2, M3]);
    expect((await runCli(['migrate', '--url', db.url], { cwd: project.dir })).exitCode).toBe(0);

    project.write('run-migrator.mjs', DRIZZLE_MIGRATOR);
    const migrator = await execa(process.execPath, ['run-migrator.mjs', db.url], { cwd: project.dir, reject: false });
    expect(migrator.exitCode, migrator.stderr).toBe(0);
    project.write('drizzle.config.ts', drizzleConfig(db.url));
    const drizzleKit = await execa(join(REPO_ROOT, 'node_modules', '.bin', 'drizzle-kit'), ['migrate', '--config', 'drizzle.config.ts'], { cwd: project.dir, reject: false });
    expect(drizzleKit.exitCode, drizzleKit.stderr).toBe(0);
    // Had either re-run a migration, CREATE TABLE would have failed; the ledger would have grown.
    expect(await db.query('select count(*)::int as n from drizzle.__drizzle_migrations')).toEqual([{ n: 3 }]);
    expect(await db.query('select count(*)::int as n from a')).toEqual([{ n: 1 }]);
  });
});
