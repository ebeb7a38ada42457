import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.js';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, REPO_ROOT, type TempProject } from '../helpers/temp-project.js';
import { sampleFiles } from '../generate/sample-project.js';
import { expectGoldenFiles, scaffoldedFiles } from './golden-files.js';
import { compile, runExercise as runExerciseOn, STRICT_TSCONFIG } from './scaffold-runtime.js';

const GOLDEN = join(REPO_ROOT, 'test', 'scaffold', 'golden');

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

async function scaffolded(): Promise<TempProject> {
  const project = createTempProject({ files: sampleFiles() });
  const result = await runCli(['generate'], { cwd: project.dir });
  expect(result.exitCode, result.stderr).toBe(0);
  return project;
}

/** The scaffolded sample, migrated into a throwaway database on the server. */
async function migrated(): Promise<TempProject> {
  const project = await scaffolded();
  database = await createTestDatabase('sections_scaffold');
  expect((await runCli(['migrate', '--url', database.url], { cwd: project.dir })).exitCode).toBe(0);
  return project;
}

/** Runs the project's exercise.ts against that database; what it printed, as JSON. */
const runExercise = (project: TempProject) => runExerciseOn(project, database!.url);

describe('scaffolded stubs', () => {
  it('match the golden files (UPDATE_GOLDEN=1 rewrites them)', async () => {
    const project = await scaffolded();
    const stubs = scaffoldedFiles(project);
    expect(stubs.map(([file]) => file)).toEqual([
      'connections/core.ts',
      'connections/customer.ts',
      'connections/pool.ts',
      'connections/transaction.ts',
      'connections/vendor.ts',
      'features/core/part/part.repository.ts',
      'features/core/part/part.service.ts',
      'features/core/user/user.repository.ts',
      'features/core/user/user.service.ts',
      'features/customer/profile/profile.repository.ts',
      'features/customer/profile/profile.service.ts',
      'features/customer/wishlist/wishlist.repository.ts',
      'features/customer/wishlist/wishlist.service.ts',
      'features/vendor/inventory/inventory.repository.ts',
      'features/vendor/inventory/inventory.service.ts',
      'features/vendor/profile/profile.repository.ts',
      'features/vendor/profile/profile.service.ts',
    ]);
    expectGoldenFiles(stubs, GOLDEN);
  });

  it('compile with the generated types under tsc --strict --noUnusedLocals (sample and demo)', async () => {
    const project = await scaffolded();
    project.write('tsconfig.json', STRICT_TSCONFIG);
    const sample = await compile(project.dir);
    expect(sample.exitCode, sample.stdout).toBe(0);
    const demo = await compile(REPO_ROOT, 'example/tsconfig.json');
    expect(demo.exitCode, demo.stdout).toBe(0);
  });

  it('an edited stub is kept by generate and regenerated only with --force', async () => {
    const project = await scaffolded();
    const file = 'features/vendor/profile/profile.repository.ts';
    const original = project.read(file);
    project.write(file, `${original}// my change\n`);
    const kept = await runCli(['generate'], { cwd: project.dir });
    expect(kept.exitCode).toBe(0);
    expect(project.read(file)).toBe(`${original}// my change\n`);
    const forced = await runCli(['generate', '--force'], { cwd: project.dir });
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toContain(`updated repository ${file}`);
    expect(project.read(file)).toBe(original);
  });

  it('check reports a missing stub as an error, or a warning with missingStubs: warn', async () => {
    const project = await scaffolded();
    const { rmSync } = await import('node:fs');
    rmSync(project.path('features/customer/wishlist/wishlist.service.ts'));
    const failing = await runCli(['check'], { cwd: project.dir });
    expect(failing.exitCode).toBe(1);
    expect(failing.stderr).toContain('[stub-missing] features/customer/wishlist/wishlist.service.ts: missing service stub');
    project.write('sections.config.ts', project.read('sections.config.ts').replace("features: './features',", "features: './features',\n  missingStubs: 'warn',"));
    const warning = await runCli(['check'], { cwd: project.dir });
    expect(warning.exitCode).toBe(0);
    expect(warning.stderr).toContain('warning [stub-missing]');
  });

  it('every repository method works against the real server, and enrichment is one query for many rows', async () => {
    const project = await migrated();
    project.write(
      'exercise.ts',
      `
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import { pool } from './connections/pool.js';
import { PartRepository } from './features/core/part/part.repository.js';
import { UserRepository } from './features/core/user/user.repository.js';
import { VendorInventoryRepository } from './features/vendor/inventory/inventory.repository.js';
import { VendorInventoryService } from './features/vendor/inventory/inventory.service.js';
import { VendorProfileRepository } from './features/vendor/profile/profile.repository.js';
import { coreDb } from './connections/core.js';

let queries = 0;
const counted = new Kysely<any>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()], log: () => { queries += 1; } });
const users = new UserRepository(coreDb);
const parts = new PartRepository(counted);
const profiles = new VendorProfileRepository(counted);
const inventory = new VendorInventoryRepository(counted);
const service = new VendorInventoryService(inventory, parts);

const owner = await users.create({ email: 'a@example.com' });
const made = [];
for (const n of [1, 2, 3]) made.push(await parts.create({ name: 'part ' + n, ownerId: owner.id }));
const vendor = await profiles.create({ businessName: 'Acme' });
const rows = [];
for (const part of [...made, made[0]!]) rows.push(await inventory.create({ vendorId: vendor.id, corePartPublicId: part.publicId, price: '9.50' }));
const out: Record<string, unknown> = {};
out.findById = (await parts.findById(made[1]!.id))?.name;
out.findByPublicId = (await parts.findByPublicId(made[2]!.publicId))?.name;
out.findByPublicIds = (await parts.findByPublicIds([made[0]!.publicId, made[2]!.publicId])).map((p) => p.name).sort();
out.findByPublicIdsEmpty = await parts.findByPublicIds([]);
out.list = (await parts.list({ limit: 2, offset: 1 })).map((p) => p.name);
out.findByOwnerId = (await parts.findByOwnerId(owner.id)).length;
out.findByVendorId = (await inventory.findByVendorId(vendor.id)).length;
out.update = (await parts.update(made[0]!.id, { name: 'renamed' }))?.name;
queries = 0;
const enriched = await service.withCorePart(rows);
out.enrichQueries = queries;
out.enriched = enriched.map((row) => row.corePart?.name);
out.delete = await inventory.delete(rows[3]!.id);
out.deleteAgain = await inventory.delete(rows[3]!.id);
out.afterDelete = (await inventory.list()).length;
console.log(JSON.stringify(out));
await pool.end();
`,
    );
    expect(await runExercise(project)).toEqual({
      findById: 'part 2',
      findByPublicId: 'part 3',
      findByPublicIds: ['part 1', 'part 3'],
      findByPublicIdsEmpty: [],
      list: ['part 2', 'part 3'],
      findByOwnerId: 3,
      findByVendorId: 4,
      update: 'renamed',
      enrichQueries: 1,
      enriched: ['renamed', 'part 2', 'part 3', 'renamed'],
      delete: true,
      deleteAgain: false,
      afterDelete: 3,
    });
  });

  it('transaction() commits and rolls back across two sections on one connection, each executor typed and plugged for its section', async () => {
    const project = await migrated();
    project.write(
      'exercise.ts',
      `
import { sql } from 'kysely';
import { coreDb } from './connections/core.js';
import { pool } from './connections/pool.js';
import { transaction } from './connections/transaction.js';
import { vendorDb } from './connections/vendor.js';
import { PartRepository } from './features/core/part/part.repository.js';
import { UserRepository } from './features/core/user/user.repository.js';
import { VendorInventoryRepository } from './features/vendor/inventory/inventory.repository.js';
import { VendorProfileRepository } from './features/vendor/profile/profile.repository.js';

const pid = sql<{ pid: number }>\`select pg_backend_pid() as pid\`;
const committed = await transaction(async (tx) => {
  const owner = await new UserRepository(tx.core).create({ email: 'a@example.com' });
  const part = await new PartRepository(tx.core).create({ name: 'gear', ownerId: owner.id });
  const vendor = await new VendorProfileRepository(tx.vendor).create({ businessName: 'Acme' });
  const row = await new VendorInventoryRepository(tx.vendor).create({ vendorId: vendor.id, corePartPublicId: part.publicId, price: '9.50' });
  const [core, vendorSide] = [(await pid.execute(tx.core)).rows[0]!.pid, (await pid.execute(tx.vendor)).rows[0]!.pid];
  return { part: part.name, price: row.price, oneConnection: core === vendorSide, seenOutside: (await new PartRepository(coreDb).list()).length };
});
const owner = (await new UserRepository(coreDb).list())[0]!;
const rolledBack = await transaction(async (tx) => {
  await new PartRepository(tx.core).create({ name: 'ghost', ownerId: owner.id });
  await new VendorProfileRepository(tx.vendor).create({ businessName: 'Ghost Inc' });
  throw new Error('payment declined');
}).catch((error: Error) => error.message);
console.log(JSON.stringify({
  committed,
  rolledBack,
  parts: (await new PartRepository(coreDb).list()).map((part) => part.name),
  vendors: (await new VendorProfileRepository(vendorDb).list()).map((vendor) => vendor.businessName),
}));
await pool.end();
`,
    );
    expect(await runExercise(project)).toEqual({
      committed: { part: 'gear', price: '9.50', oneConnection: true, seenOutside: 0 },
      rolledBack: 'payment declined',
      parts: ['gear'],
      vendors: ['Acme'],
    });
    expect(await database!.query('select name from part order by id')).toEqual([{ name: 'gear' }]);
    expect(await database!.query('select business_name from vendor_profile order by id')).toEqual([{ business_name: 'Acme' }]);
  });

  it('transaction.ts follows the sections: generate rewrites it, check names it when stale', async () => {
    const project = await scaffolded();
    const file = 'connections/transaction.ts';
    const written = project.read(file);
    project.write(file, written.replace('readonly vendor: Transaction<VendorDB>;\n', ''));
    const stale = await runCli(['check'], { cwd: project.dir });
    expect(stale.exitCode).toBe(1);
    expect(stale.stderr).toContain('[generated-stale] connections/transaction.ts: not what generate writes (the sections changed); run `sections generate`');
    const regenerated = await runCli(['generate'], { cwd: project.dir });
    expect(regenerated.exitCode).toBe(0);
    expect(regenerated.stdout).toContain(`updated connection ${file}`);
    expect(project.read(file)).toBe(written);
  });
});
