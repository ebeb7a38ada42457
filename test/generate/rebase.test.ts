import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, REPO_ROOT, type TempProject } from '../helpers/temp-project.js';
import { sampleFiles, VENDOR_SCHEMA } from './sample-project.js';

const M = 'db/migrations';
const JOURNAL = `${M}/meta/_journal.json`;
const SUM = `${M}/sections.sum`;
const CITY = "ALTER TABLE \"vendor_profile\" ADD COLUMN \"city\" text;";

interface Diverged {
  readonly base: Record<string, string>;
  readonly main: TempProject;
  readonly branch: TempProject;
}

async function ok(project: TempProject, args: readonly string[]): Promise<string> {
  const result = await runCli(args, { cwd: project.dir });
  expect(result.exitCode, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

/** main adds a core table (0001_add_tag), this branch a vendor column (0001_vendor_city); both from one base. */
async function diverged(branchNames: readonly (string | undefined)[] = ['vendor_city'], mainName: string | undefined = 'add_tag'): Promise<Diverged> {
  const branch = createTempProject({ files: sampleFiles() });
  await ok(branch, ['generate']);
  const base = branch.snapshot();
  const main = createTempProject();
  cpSync(branch.dir, main.dir, { recursive: true });
  main.write('db/core/schema.ts', `${main.read('db/core/schema.ts')}\nexport const tags = pgTable('tag', { id: serial('id').primaryKey(), label: text('label').notNull() });\n`);
  await ok(main, ['generate', ...(mainName ? ['--name', mainName] : [])]);
  let vendor = VENDOR_SCHEMA;
  for (const [index, name] of branchNames.entries()) {
    const column = ['city', 'zip'][index]!;
    vendor = vendor.replace("text('business_name').notNull(),", `text('business_name').notNull(),\n  ${column}: text('${column}'),`);
    branch.write('db/vendor/schema.ts', vendor);
    await ok(branch, ['generate', ...(name ? ['--name', name] : [])]);
  }
  return { base, main, branch };
}

/**
 * The usual divergence is built once and copied for each test: every test changes its copies only.
 */
let template: { readonly base: Record<string, string>; readonly mainDir: string; readonly branchDir: string } | undefined;
const templateDirs: string[] = [];
afterAll(() => {
  for (const dir of templateDirs) rmSync(dir, { recursive: true, force: true });
});

async function copyOfDiverged(): Promise<Diverged> {
  if (!template) {
    const built = await diverged();
    const keep = (project: TempProject) => {
      const dir = mkdtempSync(join(REPO_ROOT, '.tmp', 'rebase-template-'));
      cpSync(project.dir, dir, { recursive: true });
      templateDirs.push(dir);
      return dir;
    };
    template = { base: built.base, mainDir: keep(built.main), branchDir: keep(built.branch) };
  }
  const copy = (dir: string) => {
    const project = createTempProject();
    cpSync(dir, project.dir, { recursive: true });
    return project;
  };
  return { base: template.base, main: copy(template.mainDir), branch: copy(template.branchDir) };
}

/** The merge as git leaves it once meta/ and sections.sum are taken from main: both .sql files kept. */
function mergeTakingMainsMeta({ main, branch }: Diverged): void {
  for (const file of Object.keys(main.snapshot())) {
    if (file.startsWith(`${M}/`) && !branch.exists(file)) branch.write(file, main.read(file));
  }
  for (const file of [JOURNAL, SUM, `${M}/meta/0001_snapshot.json`, 'db/core/schema.ts']) branch.write(file, main.read(file));
}

function tags(project: TempProject): string[] {
  return (JSON.parse(project.read(JOURNAL)) as { entries: { tag: string }[] }).entries.map((entry) => entry.tag);
}

async function expectConsistent(project: TempProject): Promise<void> {
  const sqlFiles = Object.keys(project.snapshot()).filter((file) => file.startsWith(`${M}/`) && file.endsWith('.sql')).map((file) => file.slice(M.length + 1, -4));
  expect(sqlFiles.sort()).toEqual(tags(project));
  const again = JSON.parse(await ok(project, ['--json', 'generate'])) as { migration: unknown; removed: string[] };
  expect(again).toMatchObject({ migration: null, removed: [] });
  await ok(project, ['check']);
}

async function expectRefused(project: TempProject, args: readonly string[], message: RegExp): Promise<void> {
  const before = project.snapshot();
  const result = await runCli(args, { cwd: project.dir });
  expect(result.exitCode, result.stderr).toBe(2);
  expect(result.stderr.split('\n')[0]).toMatch(message);
  expect(project.snapshot()).toEqual(before);
}

describe('generate --rebase, in every state a merge or an interrupted run leaves', () => {
  it('main\'s meta taken, both .sql kept: this branch\'s migration is renumbered after main\'s', async () => {
    const diverged_ = await copyOfDiverged();
    mergeTakingMainsMeta(diverged_);
    const { main, branch } = diverged_;
    const out = JSON.parse(await ok(branch, ['--json', 'generate', '--rebase'])) as { removed: string[]; migration: { tag: string } };
    expect(out.migration.tag).toBe('0002_vendor_city');
    expect(out.removed.map((file) => file.slice(branch.dir.length + 1))).toEqual([`${M}/0001_vendor_city.sql`]);
    expect(tags(branch)).toEqual(['0000_init', '0001_add_tag', '0002_vendor_city']);
    expect(branch.read(`${M}/0002_vendor_city.sql`)).toBe(CITY);
    for (const file of [`${M}/0000_init.sql`, `${M}/0001_add_tag.sql`, `${M}/meta/0001_snapshot.json`]) expect(branch.read(file), file).toBe(main.read(file));
    await expectConsistent(branch);
  });

  it('the journal and sum checked out from before the migration (or a run killed before its journal): regenerated, never deleted', async () => {
    const { base, branch } = await copyOfDiverged();
    const city = branch.read(`${M}/0001_vendor_city.sql`);
    branch.write(JOURNAL, base[JOURNAL]!);
    branch.write(SUM, base[SUM]!);
    const plain = await runCli(['generate'], { cwd: branch.dir });
    expect(plain.exitCode).toBe(2);
    expect(plain.stderr).toContain('0001_vendor_city.sql is not in meta/_journal.json');
    const rebased = await ok(branch, ['generate', '--rebase']);
    expect(rebased).not.toContain('removed');
    expect(rebased).toContain(`migration ${M}/0001_vendor_city.sql created`);
    expect(branch.read(`${M}/0001_vendor_city.sql`)).toBe(city);
    expect(tags(branch)).toEqual(['0000_init', '0001_vendor_city']);
    await expectConsistent(branch);
  });

  it('a journal merged by hand with both entries: this branch\'s entry (not in main\'s sum) is regenerated', async () => {
    const diverged_ = await copyOfDiverged();
    mergeTakingMainsMeta(diverged_);
    const { branch } = diverged_;
    const journal = JSON.parse(branch.read(JOURNAL)) as { entries: { idx: number; when: number; tag: string }[] };
    journal.entries.push({ ...journal.entries[1]!, tag: '0001_vendor_city', when: journal.entries[1]!.when - 1000 });
    branch.write(JOURNAL, JSON.stringify(journal, null, 2));
    await ok(branch, ['generate', '--rebase']);
    expect(tags(branch)).toEqual(['0000_init', '0001_add_tag', '0002_vendor_city']);
    await expectConsistent(branch);
  });

  it('a journal merged by hand with this branch\'s entry before main\'s: refused, nothing written', async () => {
    const diverged_ = await copyOfDiverged();
    mergeTakingMainsMeta(diverged_);
    const { branch } = diverged_;
    const journal = JSON.parse(branch.read(JOURNAL)) as { entries: { idx: number; when: number; tag: string }[] };
    journal.entries.splice(1, 0, { ...journal.entries[1]!, tag: '0001_vendor_city' });
    branch.write(JOURNAL, JSON.stringify(journal, null, 2));
    await expectRefused(branch, ['generate', '--rebase'], /^error cannot rebase: 0001_add_tag\.sql, which sections\.sum lists, comes after this branch's 0001_vendor_city\.sql in meta\/_journal\.json/);
  });

  it('sections.sum left with conflict markers: the journal\'s order decides', async () => {
    const diverged_ = await copyOfDiverged();
    mergeTakingMainsMeta(diverged_);
    const { branch, main } = diverged_;
    const theirs = main.read(SUM).split('\n');
    branch.write(SUM, `<<<<<<< HEAD\n${diverged_.branch.read(SUM)}=======\n${theirs.join('\n')}>>>>>>> main\n`);
    const check = await runCli(['check'], { cwd: branch.dir });
    expect(check.stderr).toContain('[sum-unreadable]');
    await ok(branch, ['generate', '--rebase']);
    expect(tags(branch)).toEqual(['0000_init', '0001_add_tag', '0002_vendor_city']);
    await expectConsistent(branch);
  });

  it('two migrations on this branch: regenerated as one after main\'s, the stale snapshot removed', async () => {
    const diverged_ = await diverged(['vendor_city', 'vendor_zip']);
    mergeTakingMainsMeta(diverged_);
    const { branch } = diverged_;
    expect(branch.exists(`${M}/meta/0002_snapshot.json`)).toBe(true);
    await ok(branch, ['generate', '--rebase']);
    expect(tags(branch)).toEqual(['0000_init', '0001_add_tag', '0002_vendor_city_vendor_zip']);
    expect(branch.read(`${M}/0002_vendor_city_vendor_zip.sql`)).toContain('ADD COLUMN "zip" text');
    expect(branch.exists(`${M}/0001_vendor_city.sql`) || branch.exists(`${M}/0002_vendor_zip.sql`)).toBe(false);
    await expectConsistent(branch);
  });

  it('two migrations of the same name (0001_vendor on both branches): conflict markers are refused; main\'s version then generate captures this branch', async () => {
    const branch = createTempProject({ files: sampleFiles() });
    await ok(branch, ['generate']);
    const main = createTempProject();
    cpSync(branch.dir, main.dir, { recursive: true });
    const RATING = "text('business_name').notNull(),\n  rating: text('rating'),";
    main.write('db/vendor/schema.ts', VENDOR_SCHEMA.replace("text('business_name').notNull(),", RATING));
    await ok(main, ['generate']);
    branch.write('db/vendor/schema.ts', VENDOR_SCHEMA.replace("text('business_name').notNull(),", "text('business_name').notNull(),\n  city: text('city'),"));
    await ok(branch, ['generate']);
    const file = `${M}/0001_vendor.sql`;
    expect(main.exists(file) && branch.exists(file)).toBe(true);
    // git's add/add conflict, with main's meta/ and sum taken and both columns in the merged schema.
    for (const taken of [JOURNAL, SUM, `${M}/meta/0001_snapshot.json`]) branch.write(taken, main.read(taken));
    branch.write(file, `<<<<<<< HEAD\n${branch.read(file)}\n=======\n${main.read(file)}\n>>>>>>> main\n`);
    branch.write('db/vendor/schema.ts', VENDOR_SCHEMA.replace("text('business_name').notNull(),", `${RATING}\n  city: text('city'),`));
    for (const args of [['generate'], ['generate', '--rebase']]) {
      await expectRefused(branch, args, /^error 0001_vendor\.sql holds merge conflict markers \(two branches wrote a migration of this name\); keep the version of the branch you merge into/);
    }
    expect((await runCli(['check'], { cwd: branch.dir })).stderr).toContain('[merge-conflict]');
    // This branch's version kept instead: it no longer matches main's sum, and a rebase must not rehash it.
    branch.write(file, CITY);
    await expectRefused(branch, ['generate', '--rebase'], /^error 0001_vendor\.sql was edited after it was generated .*keep the version of the branch you merge into, then run `sections generate`$/);
    branch.write(file, main.read(file));
    await ok(branch, ['generate']);
    expect(branch.read(`${M}/0002_vendor.sql`)).toBe(CITY);
    await expectConsistent(branch);
  });

  it('a hand-written statement in this branch\'s migration: refused, nothing lost', async () => {
    const diverged_ = await copyOfDiverged();
    const { branch } = diverged_;
    branch.write(`${M}/0001_vendor_city.sql`, `${CITY}\n--> statement-breakpoint\nUPDATE "vendor_profile" SET "city" = 'Oslo';`);
    await ok(branch, ['generate', '--rehash']);
    mergeTakingMainsMeta(diverged_);
    await expectRefused(branch, ['generate', '--rebase'], /^error cannot rebase without losing SQL: 0001_vendor_city\.sql: 1 statement the schemas do not produce \(written by hand\?\), e\.g\. UPDATE "vendor_profile" SET "city" = 'Oslo'/);
  });

  it('nothing to rebase: --rebase is a plain generate', async () => {
    const { branch } = await copyOfDiverged();
    const before = branch.snapshot();
    const out = JSON.parse(await ok(branch, ['--json', 'generate', '--rebase'])) as { removed: string[]; migration: unknown };
    expect(out).toMatchObject({ removed: [], migration: null });
    expect(branch.snapshot()).toEqual(before);
  });

  it('a rebase killed after it replaced the migration but before the journal: the next generate completes it', async () => {
    const diverged_ = await copyOfDiverged();
    mergeTakingMainsMeta(diverged_);
    const { branch } = diverged_;
    const killedAt = (call: RegExp) => {
      const calls = JSON.parse(readFileSync(countFile, 'utf8')) as string[];
      return calls.findIndex((entry) => call.test(entry)) + 1;
    };
    const reference = createTempProject();
    cpSync(branch.dir, reference.dir, { recursive: true });
    const countFile = `${reference.dir}.calls.json`;
    const preload = { NODE_OPTIONS: `--import=${pathToFileURL(join(REPO_ROOT, 'test', 'crash', 'kill-at-write.mjs')).href}` };
    expect((await runCli(['generate', '--rebase'], { cwd: reference.dir, env: { ...preload, SECTIONS_CRASH_PROJECT: reference.dir, SECTIONS_COUNT_FILE: countFile } })).exitCode).toBe(0);
    for (const call of [/^rename .*_journal\.json/, /^rm .*0001_vendor_city\.sql/]) {
      const project = createTempProject();
      cpSync(branch.dir, project.dir, { recursive: true });
      const killAt = killedAt(call);
      expect(killAt).toBeGreaterThan(0);
      const killed = await runCli(['generate', '--rebase'], { cwd: project.dir, env: { ...preload, SECTIONS_CRASH_PROJECT: project.dir, SECTIONS_KILL_AT: String(killAt) } });
      expect(killed.exitCode).toBe(-1);
      await ok(project, ['generate']);
      expect(tags(project)).toEqual(['0000_init', '0001_add_tag', '0002_vendor_city']);
      expect(project.exists(`${M}/0001_vendor_city.sql`)).toBe(false);
      expect(project.read(`${M}/0002_vendor_city.sql`)).toBe(CITY);
      await expectConsistent(project);
    }
  });
});
