import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/pg.js';
import { runCli } from '../helpers/run-cli.js';
import { dropHistoryDatabase } from '../helpers/test-databases.js';
import { createTempProject, REPO_ROOT, tempDir, type TempProject } from '../helpers/temp-project.js';
import { sampleFiles, VENDOR_SCHEMA } from './sample-project.js';

const VENDOR_WITH_INDEX = VENDOR_SCHEMA.replace('import { integer,', 'import { index, integer,').replace(
  "  price: numeric('price', { precision: 12, scale: 2 }).notNull(),\n});",
  "  price: numeric('price', { precision: 12, scale: 2 }).notNull(),\n}, (table) => [index('vendor_inventory_vendor_idx').on(table.vendorId)]);",
);

const SECTIONS = [
  { name: 'core', pattern: '@(part|user)' },
  { name: 'vendor', pattern: 'vendor_*' },
  { name: 'customer', pattern: '@(customer_*|wishlist*)' },
];
const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);
const freshCache = () => tempDir('cache-');

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

function drizzleConfig(project: TempProject, url: string): void {
  project.write(
    'drizzle.config.ts',
    `export default { dialect: 'postgresql', schema: ['./db/core/schema.ts', './db/vendor/schema.ts', './db/customer/schema.ts'], out: './db/migrations', dbCredentials: { url: ${JSON.stringify(url)} } };\n`,
  );
}

describe('fidelity with the real tools', () => {
  it('drizzle-kit migrate applies the folder and kysely-codegen writes exactly our types, on both engines', async () => {
    // Both engines run the migration and introspect the result; the server's project has an index
    // too, which changes no type.
    const embedded = createTempProject({ files: sampleFiles() });
    const onServer = createTempProject({ files: sampleFiles({ 'db/vendor/schema.ts': VENDOR_WITH_INDEX }) });
    const viaPglite = await runCli(['generate', '--json'], { cwd: embedded.dir, env: { SECTIONS_CACHE_DIR: freshCache() } });
    expect(viaPglite.exitCode).toBe(0);
    expect(JSON.parse(viaPglite.stdout).metadataFrom).toBe('database');
    onTestFinished(() => dropHistoryDatabase(onServer.path('sections.config.ts')));
    const viaServer = await runCli(['generate', '--json', '--shadow-url', TEST_DATABASE_URL], { cwd: onServer.dir, env: { SECTIONS_CACHE_DIR: freshCache() } });
    expect(viaServer.stderr).toBe('');
    expect(viaServer.exitCode).toBe(0);
    expect(JSON.parse(viaServer.stdout).metadataFrom).toBe('database');
    for (const { name } of SECTIONS) expect(onServer.read(`db/${name}/types.ts`)).toBe(embedded.read(`db/${name}/types.ts`));

    database = await createTestDatabase();
    drizzleConfig(embedded, database.url);
    const migrate = await execa(bin('drizzle-kit'), ['migrate', '--config', 'drizzle.config.ts'], { cwd: embedded.dir, reject: false });
    expect(migrate.exitCode, migrate.stderr).toBe(0);
    const applied = await database.query<{ count: string }>('select count(*) from drizzle.__drizzle_migrations');
    expect(applied[0]!.count).toBe('1');

    for (const { name, pattern } of SECTIONS) {
      const outFile = embedded.path(`codegen-${name}.ts`);
      const codegen = await execa(
        bin('kysely-codegen'),
        ['--dialect', 'postgres', '--url', database.url, '--camel-case', '--include-pattern', pattern, '--out-file', outFile],
        { cwd: embedded.dir, reject: false },
      );
      expect(codegen.exitCode, codegen.stderr).toBe(0);
      const ours = embedded.read(`db/${name}/types.ts`);
      expect(ours.slice(ours.indexOf('\n') + 1)).toBe(readFileSync(outFile, 'utf8'));
    }
  });

  it('drizzle-kit sees nothing left to generate and its check passes on our folder', async () => {
    const project = createTempProject({ files: sampleFiles() });
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    project.write('db/vendor/schema.ts', project.read('db/vendor/schema.ts').replace("text('business_name').notNull(),", "text('business_name').notNull(),\n  city: text('city'),"));
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    drizzleConfig(project, TEST_DATABASE_URL);
    const before = project.snapshot();

    const generate = await execa(bin('drizzle-kit'), ['generate', '--config', 'drizzle.config.ts'], { cwd: project.dir, reject: false });
    expect(generate.exitCode).toBe(0);
    expect(generate.stdout).toContain('No schema changes, nothing to migrate');
    const check = await execa(bin('drizzle-kit'), ['check', '--config', 'drizzle.config.ts'], { cwd: project.dir, reject: false });
    expect(check.exitCode, check.stdout + check.stderr).toBe(0);
    expect(project.snapshot()).toEqual(before);
  });
});
