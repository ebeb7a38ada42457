import { cpSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBothWays, errors, type Problem } from '../helpers/check-cli.js';
import { NO_SERVER, runCli } from '../helpers/run-cli.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';
import { CUSTOMER_SCHEMA, SAMPLE_CONFIG, sampleFiles, VENDOR_SCHEMA } from '../generate/sample-project.js';

async function generatedProject(overrides: Record<string, string> = {}): Promise<TempProject> {
  const project = createTempProject({ files: sampleFiles(overrides) });
  const result = await runCli(['generate'], { cwd: project.dir });
  expect(result.exitCode, result.stderr).toBe(0);
  return project;
}

const check = (project: TempProject) => checkBothWays(project, { treeUnchanged: true });

const kinds = (problems: Problem[]) => errors(problems).map((problem) => problem.kind).sort();

describe('sections check', () => {
  it('passes on a clean tree, writes nothing, needs no server', async () => {
    const project = await generatedProject();
    const { human, problems, ok } = await check(project);
    expect(human.exitCode).toBe(0);
    expect(ok).toBe(true);
    expect(kinds(problems)).toEqual([]);
    expect(human.stdout).toContain('up to date');
  });

  it('passes on a fresh clone too, where no cache exists (embedded engine)', async () => {
    const project = await generatedProject();
    rmSync(project.path('node_modules'), { recursive: true, force: true });
    const result = await runCli(['check'], { cwd: project.dir, env: { ...NO_SERVER, SECTIONS_CACHE_DIR: project.path('.cache-fresh') } });
    expect(result.exitCode, result.stderr).toBe(0);
  });

  it('a schema change without a migration: names the section and table', async () => {
    const project = await generatedProject();
    project.write('db/vendor/schema.ts', VENDOR_SCHEMA.replace("text('business_name').notNull(),", "text('business_name').notNull(),\n  city: text('city'),"));
    const { human, problems } = await check(project);
    expect(human.exitCode).toBe(1);
    const missing = problems.find((problem) => problem.kind === 'migration-missing')!;
    expect(missing.section).toBe('vendor');
    expect(missing.message).toContain('section "vendor" changed (vendor_profile)');
    expect(human.stderr).toContain('[migration-missing]');
  });

  it('stale types: a unified diff of what generate would write', async () => {
    const project = await generatedProject();
    project.write('db/customer/types.ts', project.read('db/customer/types.ts').replace('email: string;', 'email: number;'));
    const { human, problems } = await check(project);
    expect(human.exitCode).toBe(1);
    expect(kinds(problems)).toEqual(['types-stale']);
    const stale = problems[0]!;
    expect(stale.section).toBe('customer');
    expect(stale.diff).toContain('-  email: number;');
    expect(stale.diff).toContain('+  email: string;');
    expect(human.stderr).toContain('+  email: string;');
  });

  it('missing types file', async () => {
    const project = await generatedProject();
    rmSync(project.path('db/core/types.ts'));
    const { problems } = await check(project);
    expect(kinds(problems)).toEqual(['types-missing']);
    expect(problems[0]!.section).toBe('core');
  });

  it('a foreign key across sections fails check (generate only warns)', async () => {
    const crossing = CUSTOMER_SCHEMA.replace("import { pgTable, serial, text, uuid } from 'drizzle-orm/pg-core';", "import { integer, pgTable, serial, text, uuid } from 'drizzle-orm/pg-core';\nimport { vendorProfiles } from '../vendor/schema.js';").replace(
      "corePartPublicId: uuid('core_part_public_id').notNull(),",
      "corePartPublicId: uuid('core_part_public_id').notNull(),\n  vendorId: integer('vendor_id').references(() => vendorProfiles.id),",
    );
    const project = createTempProject({ files: sampleFiles({ 'db/customer/schema.ts': crossing }) });
    const generated = await runCli(['generate'], { cwd: project.dir });
    expect(generated.exitCode).toBe(0);
    expect(generated.stderr).toContain('warning section "customer": foreign key wishlist(vendor_id) → vendor_profile(id) crosses from section "customer" into section "vendor"');
    const { human, problems } = await check(project);
    expect(human.exitCode).toBe(1);
    expect(kinds(problems)).toEqual(['foreign-key-boundary']);
    expect(problems[0]!.message).toContain('vendor_profile_public_id uuid');
  });

  it("a feature importing another section's types or connection", async () => {
    const project = await generatedProject();
    project.write('features/customer/cart/cart.service.ts', "import type { DB } from '../../../db/vendor/types.js';\nexport type X = DB;\n");
    project.write('features/customer/cart/other.ts', "import type { DB } from '../../../db/customer/types.js';\nexport type Y = DB;\n");
    const { human, problems } = await check(project);
    expect(human.exitCode).toBe(1);
    const boundary = problems.filter((problem) => problem.kind === 'import-boundary');
    expect(boundary).toHaveLength(1);
    expect(boundary[0]!.file).toMatch(/features\/customer\/cart\/cart\.service\.ts$/);
    expect(boundary[0]!.message).toBe(`imports section "vendor"'s types ('../../../db/vendor/types.js'); use that section's repository or service instead`);
  });

  it('a migration edited after generation', async () => {
    const project = await generatedProject();
    project.write('db/migrations/0000_init.sql', `${project.read('db/migrations/0000_init.sql')}\n-- tweak`);
    const { problems } = await check(project);
    expect(kinds(problems)).toEqual(['edited']);
    expect(problems[0]!.message).toContain('0000_init.sql was edited after it was generated');
    expect(problems[0]!.message).toContain('sections generate --rehash');
  });

  it('a CRLF checkout (core.autocrlf=true) is not an edit: check passes and generate rewrites nothing', async () => {
    const project = await generatedProject();
    const generated = Object.keys(project.snapshot()).filter((file) => /\.(sql|json|sum|ts)$/.test(file) && !file.startsWith('node_modules'));
    for (const file of generated) project.write(file, project.read(file).replace(/\n/g, '\r\n'));
    const before = project.snapshot();
    const { problems } = await check(project);
    expect(kinds(problems)).toEqual([]);
    const rerun = await runCli(['generate', '--json'], { cwd: project.dir, env: NO_SERVER });
    expect(rerun.exitCode).toBe(0);
    expect(JSON.parse(rerun.stdout).files.filter((file: { status: string }) => file.status !== 'unchanged' && file.status !== 'kept')).toEqual([]);
    expect(project.snapshot()).toEqual(before);
  });

  it('journal and files disagree', async () => {
    const project = await generatedProject();
    project.write('db/migrations/0001_stray.sql', 'select 1;');
    const stray = await check(project);
    expect(kinds(stray.problems)).toEqual(['unlisted-sql']);
    rmSync(project.path('db/migrations/0001_stray.sql'));
    rmSync(project.path('db/migrations/0000_init.sql'));
    const missing = await check(project);
    expect(kinds(missing.problems)).toEqual(['missing-sql']);
  });

  it('GitHub Actions annotations', async () => {
    const project = await generatedProject();
    project.write('db/core/types.ts', 'stale');
    const result = await runCli(['check'], { cwd: project.dir, env: { ...NO_SERVER, GITHUB_ACTIONS: 'true' } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('::error file=db/core/types.ts,title=sections types-stale::section "core"\'s types are stale');
  });

  it('`generate --check` is an alias', async () => {
    const project = await generatedProject();
    project.write('db/core/types.ts', 'stale');
    const before = project.snapshot();
    const result = await runCli(['generate', '--check'], { cwd: project.dir, env: NO_SERVER });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('[types-stale]');
    expect(project.snapshot()).toEqual(before);
  });

  it('a config error is exit 2', async () => {
    const project = await generatedProject();
    project.write('sections.config.ts', SAMPLE_CONFIG.replace('migrations:', 'migratons:'));
    const result = await runCli(['check'], { cwd: project.dir, env: NO_SERVER });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe("error sections.config.ts: migrations: Invalid input: expected string, received undefined");
  });
});

describe('two branches that each add a migration', () => {
  it('collide in check, and generate --rebase renumbers this branch after main', async () => {
    const base = await generatedProject();
    // main adds a table to core…
    const main = createTempProject();
    cpSync(base.dir, main.dir, { recursive: true });
    const coreWithTag = `${main.read('db/core/schema.ts')}\nexport const tags = pgTable('tag', { id: serial('id').primaryKey(), label: text('label').notNull() });\n`;
    main.write('db/core/schema.ts', coreWithTag);
    expect((await runCli(['generate', '--name', 'add_tag'], { cwd: main.dir })).exitCode).toBe(0);
    // …while this branch adds a column to vendor.
    const branch = base;
    const vendorWithCity = VENDOR_SCHEMA.replace("text('business_name').notNull(),", "text('business_name').notNull(),\n  city: text('city'),");
    branch.write('db/vendor/schema.ts', vendorWithCity);
    expect((await runCli(['generate', '--name', 'vendor_city'], { cwd: branch.dir })).exitCode).toBe(0);

    // The merge as git leaves it once the conflicting meta files are taken from main.
    for (const file of ['db/migrations/0001_add_tag.sql', 'db/migrations/meta/_journal.json', 'db/migrations/meta/0001_snapshot.json', 'db/migrations/sections.sum', 'db/core/schema.ts']) {
      branch.write(file, main.read(file));
    }
    const { problems } = await check(branch);
    expect(kinds(problems)).toEqual(['duplicate-index', 'unlisted-sql']);
    expect(problems.map((problem) => problem.message).join('\n')).toContain('sections generate --rebase');

    const plain = await runCli(['generate'], { cwd: branch.dir });
    expect(plain.exitCode).toBe(2);

    const rebased = await runCli(['generate', '--rebase'], { cwd: branch.dir });
    expect(rebased.exitCode, rebased.stderr).toBe(0);
    expect(branch.exists('db/migrations/0001_vendor_city.sql')).toBe(false);
    expect(branch.read('db/migrations/0001_add_tag.sql')).toBe(main.read('db/migrations/0001_add_tag.sql'));
    expect(branch.read('db/migrations/0002_vendor_city.sql')).toBe('ALTER TABLE "vendor_profile" ADD COLUMN "city" text;');
    const journal = JSON.parse(branch.read('db/migrations/meta/_journal.json')) as { entries: { tag: string }[] };
    expect(journal.entries.map((entry) => entry.tag)).toEqual(['0000_init', '0001_add_tag', '0002_vendor_city']);
    expect(kinds((await check(branch)).problems)).toEqual([]);
  });
});
