import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../helpers/pg.js';
import { runCli } from '../helpers/run-cli.js';
import { databasesDroppedAfterEach } from '../helpers/test-databases.js';
import { M1, M2, migrationProject } from './migration-project.js';

const database = databasesDroppedAfterEach('sections_target');
const applied = async (db: TestDatabase) => Number((await db.query<{ n: string }>('select count(*) as n from drizzle.__drizzle_migrations'))[0]!.n);
const CONFIG = `export default { migrations: './db/migrations', sections: { core: { schema: './db/core/schema.ts', types: './db/core/types.ts' } }, DATABASE };\n`;
const withDatabase = (database: string) => CONFIG.replace('DATABASE', `database: ${database}`);

describe('which database migrate and status use', () => {
  it('none named: exit 2 naming the ways to name one, nothing created, also under CI=true and NODE_ENV=production', async () => {
    const project = migrationProject([M1, M2]);
    const before = project.snapshot();
    for (const command of ['migrate', 'status']) {
      const result = await runCli([command], { cwd: project.dir, env: { CI: 'true', NODE_ENV: 'production' } });
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `error sections ${command} needs a database: pass --url <url>, set DATABASE_URL (in the environment or in .env), or set database.url in the config\n` +
          `  for the embedded database in .sections/pglite, pass --local or set database.local: true`,
      );
    }
    const json = await runCli(['--json', 'migrate'], { cwd: project.dir });
    expect(json.exitCode).toBe(2);
    expect(JSON.parse(json.stdout).error.message).toContain('needs a database');
    expect(project.snapshot()).toEqual(before);
  });

  it('the embedded database only when asked: --local, or database.local: true', async () => {
    const project = migrationProject([M1, M2]);
    const local = await runCli(['migrate', '--local'], { cwd: project.dir });
    expect(local.stderr).toBe('');
    expect(local.exitCode).toBe(0);
    expect(local.stdout).toContain('target embedded PGlite in .sections/pglite (--local)\napplied 0000_first\napplied 0001_second');
    project.write('sections.config.ts', withDatabase('{ local: true }'));
    const status = await runCli(['--json', 'status'], { cwd: project.dir });
    expect(status.exitCode).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ upToDate: true, targetSource: 'database.local', target: 'embedded PGlite in .sections/pglite' });
  });

  it('precedence: --url, DATABASE_URL, DATABASE_URL in .env, database.url; .env is read beside the config, from any cwd', async () => {
    const [flag, env, dotEnv, config] = [await database(), await database(), await database(), await database()];
    const project = migrationProject([M1, M2]);
    project.write('sections.config.ts', withDatabase(`{ url: '${config.url}' }`));
    project.write('.env', `# local settings\nOTHER=1\nDATABASE_URL="${dotEnv.url}"\n`);
    const migrate = (args: string[], vars: Record<string, string> = {}) => runCli(['--json', 'migrate', ...args], { cwd: project.path('db'), env: vars });

    expect(JSON.parse((await migrate(['--url', flag.url], { DATABASE_URL: env.url })).stdout).targetSource).toBe('--url');
    expect(JSON.parse((await migrate([], { DATABASE_URL: env.url })).stdout).targetSource).toBe('DATABASE_URL');
    expect(JSON.parse((await migrate([])).stdout).targetSource).toBe('DATABASE_URL in .env');
    project.write('.env', 'OTHER=1\n');
    expect(JSON.parse((await migrate([])).stdout).targetSource).toBe('database.url');
    expect([await applied(flag), await applied(env), await applied(dotEnv), await applied(config)]).toEqual([2, 2, 2, 2]);
  });

  it('refuses what is not a PostgreSQL URL, an empty DATABASE_URL, and two targets at once: exit 2, one line, no password', async () => {
    const project = migrationProject([M1]);
    const cases: [string[], Record<string, string>, string][] = [
      [['--url', 'notaurl'], {}, 'error --url is not a URL (expected a postgres:// or postgresql:// URL)'],
      [['--url', 'mysql://root:hunter22@db/app'], {}, 'error --url is a mysql:// URL, not a PostgreSQL one (expected a postgres:// or postgresql:// URL)'],
      [[], { DATABASE_URL: '' }, 'error DATABASE_URL is set but empty; give the database\'s URL (or unset it)'],
      [['--url', 'postgres://127.0.0.1/x', '--local'], {}, 'error --url and --local name two different databases; give one'],
    ];
    for (const [args, env, message] of cases) {
      for (const command of ['migrate', 'status']) {
        const result = await runCli([command, ...args], { cwd: project.dir, env });
        expect({ args, command, exitCode: result.exitCode, stderr: result.stderr }).toEqual({ args, command, exitCode: 2, stderr: message });
      }
    }
    project.write('.env', 'DATABASE_URL=mysql://root:hunter22@db/app\n');
    const fromDotEnv = await runCli(['migrate'], { cwd: project.dir });
    expect(fromDotEnv.exitCode).toBe(2);
    expect(fromDotEnv.stderr).toBe('error DATABASE_URL in .env is a mysql:// URL, not a PostgreSQL one (expected a postgres:// or postgresql:// URL)');

    project.write('sections.config.ts', withDatabase(`{ url: 'postgres://127.0.0.1/x', local: true }`));
    const both = await runCli(['migrate'], { cwd: project.dir });
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toBe('error sections.config.ts: database.local: url and local: true name two different databases; keep one');
  });

  it('an unknown host is named as such', async () => {
    const project = migrationProject([M1]);
    const result = await runCli(['migrate', '--url', 'postgres://postgres@no-such-host.invalid:5432/app'], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error cannot connect to postgres:\/\/postgres@no-such-host\.invalid:5432\/app: unknown host "no-such-host\.invalid"/);
  });
});
