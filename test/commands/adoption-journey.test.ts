import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.js';
import { runCli } from '../helpers/run-cli.js';
import { withoutStyleWarnings } from '../helpers/style-warnings.js';
import { compile, runExercise } from '../scaffold/scaffold-runtime.js';
import { CHAT_APP, drizzleKitMigrate, drizzleProject } from './drizzle-projects.js';

/** The adopted app's own compiler settings (a bundler-resolved app: its schema modules import without extensions). */
const APP_TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
  include: ['lib/**/*.ts', 'src/**/*.ts', 'exercise.ts'],
});

/** The team's first code on the scaffolds: a user, a versioned document (key: id and createdAt), both in one transaction. */
const EXERCISE = `import { DocumentRepository } from './src/features/document/document/document.repository.js';
import { UserRepository } from './src/features/user/user/user.repository.js';
import { pool } from './lib/db/connections/pool.js';
import { transaction } from './lib/db/connections/transaction.js';
import { userDb } from './lib/db/connections/user.js';
import { documentDb } from './lib/db/connections/document.js';

const first = new Date('2026-01-01T00:00:00Z');
const second = new Date('2026-02-01T00:00:00Z');
const { user, version } = await transaction(async (tx) => {
  const user = await new UserRepository(tx.user).create({ email: 'ada@example.com', displayName: 'Ada' });
  const documents = new DocumentRepository(tx.document);
  const version = await documents.create({ title: 'Plan', userId: user.id, createdAt: first });
  await documents.create({ id: version.id, title: 'Plan, revised', userId: user.id, createdAt: second });
  return { user, version };
});
const documents = new DocumentRepository(documentDb);
const removed = await documents.delete({ id: version.id, createdAt: first });
const left = await documents.list();
const found = await new UserRepository(userDb).findById(user.id);
await pool.end();
console.log(JSON.stringify({ removed, titles: left.map((row) => row.title), email: found?.email }));
`;

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe('adopting a drizzle-kit project and its database', () => {
  it('init --from-drizzle → generate → check with a baseline → migrate and status on the database drizzle-kit migrated → the scaffolds compile and run', async () => {
    const project = await drizzleProject(CHAT_APP);
    database = await createTestDatabase('sections_adoption');
    await drizzleKitMigrate(project, database.url);
    const run = async (...args: string[]) => {
      const result = await runCli(args, { cwd: project.dir, env: { DATABASE_URL: database!.url } });
      expect(result.exitCode, `${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toBe(0);
      return result;
    };

    await run('init', '--from-drizzle');
    const generated = await run('generate');
    expect(generated.stdout).toContain('no schema changes, no new migration');

    // Every section references the central User: check fails on exactly those keys until they are recorded.
    const red = await runCli(['check'], { cwd: project.dir });
    expect(red.exitCode).toBe(1);
    expect(red.stderr.match(/\[foreign-key-boundary\]/g)).toHaveLength(3);
    await run('check', '--update-baseline');
    const green = await run('check');
    expect(green.stdout).toContain('up to date');

    // The database drizzle-kit migrated is the same history: nothing to apply, nothing pending.
    const migrated = await run('migrate');
    expect(migrated.stdout).not.toMatch(/applied \d{4}_/);
    const status = await run('status', '--json');
    expect((JSON.parse(status.stdout) as { migrations: { status: string }[] }).migrations.map((migration) => migration.status)).toEqual(['applied', 'applied', 'applied']);

    // A change made the sections way lands on that database too.
    project.write('lib/db/schema/user.ts', project.read('lib/db/schema/user.ts').replace("displayName: text('displayName'),", "displayName: text('displayName'),\n  locale: text('locale'),"));
    const change = await run('generate');
    expect(withoutStyleWarnings(change.stderr).split('\n').filter((line) => line.startsWith('warning') && !line.includes('foreign key'))).toEqual([]);
    expect((await run('migrate')).stdout).toMatch(/applied 0003_user/);
    expect((await database.query<{ column_name: string }>(`select column_name from information_schema.columns where table_name = 'User' and column_name = 'locale'`))).toHaveLength(1);
    await run('check');

    project.write('tsconfig.json', APP_TSCONFIG);
    project.write('exercise.ts', EXERCISE);
    const compiled = await compile(project.dir);
    expect(compiled.exitCode, compiled.stdout).toBe(0);
    expect(await runExercise(project, database.url)).toEqual({ removed: true, titles: ['Plan, revised'], email: 'ada@example.com' });
  });
});
