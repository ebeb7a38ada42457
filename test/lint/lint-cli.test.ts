import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.js';
import { runCli, SHARED_CACHE_DIR } from '../helpers/run-cli.js';
import { createTempProject, REPO_ROOT, type TempProject } from '../helpers/temp-project.js';
import { CORE_SCHEMA, SAMPLE_CONFIG, sampleFiles, VENDOR_SCHEMA } from '../generate/sample-project.js';

const NO_SERVER = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
const VENDOR_WITH_REQUIRED_CITY = VENDOR_SCHEMA.replace("text('business_name').notNull(),", "text('business_name').notNull(),\n  city: text('city').notNull(),");

function git(project: TempProject, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', '-c', 'init.defaultBranch=main', ...args], { cwd: project.dir, encoding: 'utf8' });
}

/** A generated project committed on `main`, checked out on a new branch `feature`. */
async function projectOnBranch(): Promise<TempProject> {
  const project = createTempProject({ files: sampleFiles() });
  const generated = await runCli(['generate'], { cwd: project.dir });
  expect(generated.exitCode, generated.stderr).toBe(0);
  project.write('.gitignore', 'node_modules/\n');
  git(project, 'init', '-q');
  git(project, 'add', '-A');
  git(project, 'commit', '-qm', 'init');
  git(project, 'checkout', '-qb', 'feature');
  return project;
}

async function addRequiredCity(project: TempProject): Promise<{ file: string; line: number }> {
  project.write('db/vendor/schema.ts', VENDOR_WITH_REQUIRED_CITY);
  const generated = await runCli(['generate', '--name', 'vendor_city'], { cwd: project.dir });
  expect(generated.exitCode, generated.stderr).toBe(0);
  const file = 'db/migrations/0001_vendor_city.sql';
  const line = project.read(file).split('\n').findIndex((text) => text.includes('ADD COLUMN "city" text NOT NULL')) + 1;
  expect(line).toBeGreaterThan(0);
  return { file, line };
}

describe('a branch that adds a NOT NULL column without a default to an existing table', () => {
  it('fails check --base main with the rule id on the statement\'s line, as text, JSON and GitHub annotation', async () => {
    const project = await projectOnBranch();
    const { file, line } = await addRequiredCity(project);

    const human = await runCli(['check', '--base', 'main'], { cwd: project.dir, env: NO_SERVER });
    expect(human.exitCode, human.stderr).toBe(1);
    expect(human.stderr).toContain(`error [adding-required-field] ${file}:${line} (vendor, vendor_profile): adds "city" to "vendor_profile" as NOT NULL without a default`);
    expect(human.stderr).toContain('fix: Give the column a constant default');

    const json = await runCli(['--json', 'check', '--base', 'main'], { cwd: project.dir, env: NO_SERVER });
    expect(json.exitCode).toBe(1);
    const { ok, problems } = JSON.parse(json.stdout) as { ok: boolean; problems: Record<string, unknown>[] };
    expect(ok).toBe(false);
    expect(problems).toEqual([
      expect.objectContaining({ kind: 'lint', rule: 'adding-required-field', severity: 'error', section: 'vendor', table: 'vendor_profile', line, file: project.path(file), statement: 'ALTER TABLE "vendor_profile" ADD COLUMN "city" text NOT NULL' }),
    ]);

    const annotated = await runCli(['check', '--base', 'main'], { cwd: project.dir, env: { ...NO_SERVER, GITHUB_ACTIONS: 'true' } });
    expect(annotated.stdout).toContain(`::error file=${file},line=${line},title=sections adding-required-field::adds "city"`);

    const lint = await runCli(['lint', '--base', 'main'], { cwd: project.dir });
    expect(lint.exitCode).toBe(1);
    expect(lint.stderr).toContain(`[adding-required-field] ${file}:${line}`);
    expect(lint.stdout).toContain('✗ 1 migration (new since main): 1 error, 0 warnings');

    // Uncommitted work is new against the branch's own head; once committed, nothing is.
    const same = await runCli(['--json', 'lint', '--base', 'feature'], { cwd: project.dir });
    expect(JSON.parse(same.stdout)).toMatchObject({ ok: false, scope: { from: 'base', against: 'feature', migrations: ['0001_vendor_city'] } });
    git(project, 'add', '-A');
    git(project, 'commit', '-qm', 'city');
    expect(JSON.parse((await runCli(['--json', 'lint', '--base', 'feature'], { cwd: project.dir })).stdout)).toMatchObject({ ok: true, scope: { migrations: [] }, findings: [] });
  });

  it('passes once the finding is allowed with a reason (and the edit accepted with --rehash)', async () => {
    const project = await projectOnBranch();
    const { file, line } = await addRequiredCity(project);
    const lines = project.read(file).split('\n');
    // Without a reason, the directive is bad input: exit 2, one line naming the file and line, one JSON document.
    project.write(file, [...lines.slice(0, line - 1), '-- sections:allow adding-required-field', ...lines.slice(line - 1)].join('\n'));
    const bad = await runCli(['lint', '--base', 'main'], { cwd: project.dir });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.trim()).toBe(`error ${file}:${line}: "-- sections:allow" needs a rule id and a reason, e.g. "-- sections:allow ban-drop-column no code reads it since v2.3"`);
    const badJson = await runCli(['--json', 'lint', '--base', 'main'], { cwd: project.dir });
    expect(JSON.parse(badJson.stdout)).toMatchObject({ ok: false, error: { exitCode: 2 } });
    lines.splice(line - 1, 0, '-- sections:allow adding-required-field vendor_profile is empty until launch');
    project.write(file, lines.join('\n'));
    expect((await runCli(['check', '--base', 'main'], { cwd: project.dir, env: NO_SERVER })).stderr).toContain('[edited]');
    expect((await runCli(['generate', '--rehash'], { cwd: project.dir })).exitCode).toBe(0);

    const checked = await runCli(['check', '--base', 'main'], { cwd: project.dir, env: NO_SERVER });
    expect(checked.exitCode, checked.stderr).toBe(0);
    const linted = JSON.parse((await runCli(['--json', 'lint', '--base', 'main'], { cwd: project.dir })).stdout);
    expect(linted).toMatchObject({ ok: true, findings: [], allowed: [{ rule: 'adding-required-field', line: line + 1, because: 'vendor_profile is empty until launch' }] });
  });

  it('can be made a warning in the config: check and lint then exit 0 and still show it', async () => {
    const project = await projectOnBranch();
    await addRequiredCity(project);
    project.write('sections.config.ts', SAMPLE_CONFIG.replace("features: './features',", "features: './features',\n  lint: { rules: { 'adding-required-field': 'warn' } },"));
    const checked = await runCli(['check', '--base', 'main'], { cwd: project.dir, env: NO_SERVER });
    expect(checked.exitCode, checked.stderr).toBe(0);
    expect(checked.stderr).toContain('warning [adding-required-field]');
    // Answered from the generation stamp the second time: the same findings, from lint's cache.
    const again = await runCli(['check', '--base', 'main'], { cwd: project.dir, env: NO_SERVER });
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toBe(checked.stderr);
  });
});

describe('lint scope and bad input', () => {
  it('refuses an unknown rule id or setting in the config, naming the key (exit 2)', async () => {
    const project = createTempProject({ files: sampleFiles() });
    project.write('sections.config.ts', SAMPLE_CONFIG.replace("features: './features',", "features: './features',\n  lint: { rules: { 'adding-requird-field': 'off' } },"));
    const unknown = await runCli(['lint'], { cwd: project.dir });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("error sections.config.ts: unknown key 'lint.rules.adding-requird-field'");
    project.write('sections.config.ts', SAMPLE_CONFIG.replace("features: './features',", "features: './features',\n  lint: { rules: { 'prefer-identity': 'warning' } },"));
    const value = await runCli(['--json', 'lint'], { cwd: project.dir });
    expect(value.exitCode).toBe(2);
    expect(JSON.parse(value.stdout).error.message).toContain('lint.rules.prefer-identity');
  });

  it('refuses a --base git does not know, or outside a git repository (exit 2, one line)', async () => {
    const project = await projectOnBranch();
    const unknown = await runCli(['lint', '--base', 'no-such-branch'], { cwd: project.dir });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr.trim()).toBe('error --base no-such-branch: git knows no commit by that name (try a branch, a tag or origin/main)');
    const option = await runCli(['lint', '--base=--output=/tmp/x'], { cwd: project.dir });
    expect(option.exitCode).toBe(2);

    const loose = createTempProject({ files: sampleFiles() });
    expect((await runCli(['generate'], { cwd: loose.dir })).exitCode).toBe(0);
    const outside = await runCli(['lint', '--base', 'main'], { cwd: loose.dir, env: { GIT_CEILING_DIRECTORIES: dirname(loose.dir) } });
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toContain('error --base main: the migrations folder is not inside a git repository');
  });

  describe('--url', () => {
    let database: TestDatabase | undefined;
    afterEach(async () => {
      await database?.drop();
      database = undefined;
    });

    it('lints what the database has not applied: tables created in that set count as new', async () => {
      database = await createTestDatabase();
      const project = createTempProject({ files: sampleFiles() });
      expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
      project.write('db/vendor/schema.ts', VENDOR_WITH_REQUIRED_CITY);
      expect((await runCli(['generate', '--name', 'vendor_city'], { cwd: project.dir })).exitCode).toBe(0);

      // Nothing applied: vendor_profile is created by 0000 in the same unapplied set, so adding a required column is fine.
      const fresh = JSON.parse((await runCli(['--json', 'lint', '--url', database.url], { cwd: project.dir })).stdout);
      expect(fresh.scope).toEqual({ from: 'database', against: expect.stringContaining(database.name), migrations: ['0000_init', '0001_vendor_city'] });
      expect(fresh.findings.filter((finding: { severity: string }) => finding.severity === 'error')).toEqual([]);

      // 0000 applied: vendor_profile exists, and may have rows.
      const migrated = await runCli(['migrate', '--url', database.url], { cwd: project.dir });
      expect(migrated.exitCode, migrated.stderr).toBe(0);
      await database.query('delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)');
      const pending = await runCli(['--json', 'lint', '--url', database.url], { cwd: project.dir });
      expect(pending.exitCode).toBe(1);
      expect(JSON.parse(pending.stdout)).toMatchObject({ ok: false, scope: { migrations: ['0001_vendor_city'] }, findings: [{ rule: 'adding-required-field' }] });
    });
  });
});

describe('section-aware rules on a real three-section project', () => {
  it('a dropped core table whose public ids vendor and customer keep: drop-referenced-public-id names them', async () => {
    const project = await projectOnBranch();
    project.write('db/core/schema.ts', CORE_SCHEMA.replace(/export const parts = pgTable[\s\S]*$/, ''));
    const generated = await runCli(['generate', '--name', 'drop_part', '--no-rename'], { cwd: project.dir });
    expect(generated.exitCode, generated.stderr).toBe(0);
    const result = JSON.parse((await runCli(['--json', 'lint', '--base', 'main'], { cwd: project.dir })).stdout);
    const referenced = result.findings.find((finding: { rule: string }) => finding.rule === 'drop-referenced-public-id');
    expect(referenced).toMatchObject({ severity: 'error', table: 'part' });
    expect(referenced.reason).toContain('vendor_inventory.core_part_public_id (section "vendor")');
    expect(referenced.reason).toContain('wishlist.core_part_public_id (section "customer")');
    expect(result.findings.map((finding: { rule: string }) => finding.rule)).toContain('ban-drop-table');
  });
});

describe('PostgreSQL\'s parser loads only when there is SQL to lint', () => {
  it('not for --help, nor for a check with no new migration; it does for a lint with one', async () => {
    const project = await projectOnBranch();
    // A resolve hook that makes importing libpg-query fail the process.
    project.write('forbid-parser.mjs', `export async function resolve(specifier, context, next) {\n  if (specifier === 'libpg-query') throw new Error('libpg-query was imported');\n  return next(specifier, context);\n}\n`);
    project.write('register.mjs', `import { register } from 'node:module';\nregister('./forbid-parser.mjs', import.meta.url);\n`);
    const run = (...args: string[]) =>
      execa(process.execPath, ['--import', './register.mjs', join(REPO_ROOT, 'bin', 'sections.js'), ...args], {
        cwd: project.dir,
        env: { NO_COLOR: '1', SECTIONS_CACHE_DIR: SHARED_CACHE_DIR, ...NO_SERVER },
        reject: false,
      });
    expect((await run('--help')).exitCode).toBe(0);
    const checked = await run('check', '--base', 'main');
    expect(checked.exitCode, checked.stderr).toBe(0);
    await addRequiredCity(project);
    const linted = await run('lint', '--base', 'main');
    expect(linted.exitCode).not.toBe(0);
    expect(linted.stderr).toContain('libpg-query was imported');
  });
});
