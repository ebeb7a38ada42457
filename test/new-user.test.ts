import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/pg.js';
import { runCli } from './helpers/run-cli.js';
import { createTempProject } from './helpers/temp-project.js';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe('a new user, through the CLI alone', () => {
  it('init → add-table → generate → migrate → status → check in an empty project', async () => {
    const project = createTempProject({ files: { 'package.json': JSON.stringify({ name: 'shop', private: true, type: 'module' }, null, 2) } });
    database = await createTestDatabase('sections_new_user');
    const run = async (...args: string[]) => {
      const result = await runCli(args, { cwd: project.dir, env: { DATABASE_URL: database!.url } });
      expect(result.exitCode, `${args.join(' ')}\n${result.stderr}`).toBe(0);
      return result;
    };

    await run('init', '--example');
    expect(JSON.parse(project.read('package.json')).scripts['db:check']).toBe('sections check');
    await run('generate');
    await run('add-table', 'vendor', 'vendor_rating', '--column', 'score:integer:notnull', '--column', 'vendor_id:bigint:notnull:references=vendor_profile.id');
    expect(project.read('src/shared/database/schemas/vendor/kysely-types.ts')).toContain('vendorRating: VendorRating;');
    expect(project.exists('src/features/vendor/rating/rating.repository.ts')).toBe(true);

    const migrated = await run('migrate');
    expect(migrated.stdout).toMatch(/applied 0000_init\napplied 0001_add_vendor_rating/);
    await run('status');
    const check = await run('check');
    expect(check.stdout).toContain('up to date');
    const rows = await database.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    expect(rows.map((row) => row.table_name)).toContain('vendor_rating');
  });
});
