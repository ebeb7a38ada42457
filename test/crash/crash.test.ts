import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { check, generate } from 'drizzle-sections';
import { projectStateDir } from '../../src/plan/project-lock.js';
import { runCli, SHARED_CACHE_DIR } from '../helpers/run-cli.js';
import { createTempProject, REPO_ROOT, type TempProject } from '../helpers/temp-project.js';
import { withoutStyleWarnings } from '../helpers/style-warnings.js';
import { startWatch } from '../helpers/watch-process.js';

const PRELOAD = pathToFileURL(join(REPO_ROOT, 'test', 'crash', 'kill-at-write.mjs')).href;

const schema = (name: string, table: string) =>
  `import { pgTable, serial, text } from 'drizzle-orm/pg-core';\nexport const ${name} = pgTable('${table}', { id: serial('id').primaryKey(), name: text('name').notNull() });\n`;

/** A fresh project: its first generate writes a migration, snapshot, journal, sum, 3 types files, 6 stubs and 4 connections. */
const FILES = {
  'sections.config.ts': `export default {
  migrations: './db/migrations',
  features: './features',
  sections: {
    core: { schema: './db/core/schema.ts', types: './db/core/types.ts' },
    vendor: { schema: './db/vendor/schema.ts', types: './db/vendor/types.ts' },
    customer: { schema: './db/customer/schema.ts', types: './db/customer/types.ts' },
  },
};
`,
  'db/core/schema.ts': schema('part', 'core_part'),
  'db/vendor/schema.ts': schema('vendorProfile', 'vendor_profile'),
  'db/customer/schema.ts': schema('customerProfile', 'customer_profile'),
};

function crashEnv(project: TempProject, env: Record<string, string>): Record<string, string> {
  return { NODE_OPTIONS: `--import=${PRELOAD}`, SECTIONS_CRASH_PROJECT: project.dir, ...env };
}

/**
 * The tree, with exactly the fields drizzle-kit fills from the clock or at random normalised: the
 * journal's `when` and the snapshots' `id` / `prevId`. Everything else must match byte for byte,
 * and any file left over (a temp file) shows up as an extra entry.
 */
function normalizedTree(project: TempProject): Record<string, string> {
  const tree = project.snapshot();
  for (const [file, text] of Object.entries(tree)) {
    if (file.endsWith(join('meta', '_journal.json'))) tree[file] = text.replace(/"when": \d+/g, '"when": 0');
    if (/meta[/\\]\d{4}_snapshot\.json$/.test(file)) tree[file] = text.replace(/"(id|prevId)": "[0-9a-f-]{36}"/g, '"$1": "<uuid>"');
  }
  return tree;
}

async function pool<T>(count: number, width: number, run: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await run(index);
      }
    }),
  );
  return results;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('a generate killed at any write leaves a tree the next run completes', () => {
  it('every kill point: the next generate succeeds, the tree equals an uninterrupted run byte for byte, check agrees', async () => {
    const reference = createTempProject({ files: FILES });
    const countFile = reference.path('..', `${reference.dir.split(/[/\\]/).pop()}.calls.json`);
    const uninterrupted = await runCli(['generate'], { cwd: reference.dir, env: crashEnv(reference, { SECTIONS_COUNT_FILE: countFile }) });
    expect(uninterrupted.exitCode, uninterrupted.stderr).toBe(0);
    const calls = JSON.parse(readFileSync(countFile, 'utf8')) as string[];
    const expected = normalizedTree(reference);
    const written = Object.keys(expected).filter((file) => !(file in FILES));
    expect(written.length).toBeGreaterThanOrEqual(10);
    // The normalisation touches only the two files it is meant for.
    expect(Object.keys(expected).filter((file) => expected[file] !== reference.snapshot()[file]).sort()).toEqual([
      join('db', 'migrations', 'meta', '0000_snapshot.json'),
      join('db', 'migrations', 'meta', '_journal.json'),
    ]);

    // The killed runs are CLI processes, two at a time; the next generate and check run in this
    // process (the same code, without a process start each), one project at a time.
    vi.stubEnv('SECTIONS_CACHE_DIR', SHARED_CACHE_DIR);
    let inProcess = Promise.resolve();
    const serially = <T>(work: () => Promise<T>): Promise<T> => {
      const result = inProcess.then(work);
      inProcess = result.then(() => undefined, () => undefined);
      return result;
    };
    const outcomes = await pool(calls.length, 2, async (index) => {
      const killAt = index + 1;
      const project = createTempProject({ files: FILES });
      const killed = await runCli(['generate'], { cwd: project.dir, env: crashEnv(project, { SECTIONS_KILL_AT: String(killAt) }) });
      return serially(async () => {
        const next = await generate({ cwd: project.dir }).then(() => 'ok', (error: unknown) => String(error));
        const tree = normalizedTree(project);
        const checked = await check({ cwd: project.dir }).then((result) => (result.ok ? 'ok' : JSON.stringify(result.problems)), (error: unknown) => String(error));
        const lost = Object.keys(expected).filter((file) => tree[file] !== expected[file]);
        const extra = Object.keys(tree).filter((file) => !(file in expected));
        return { killAt, call: calls[index]!, killed: killed.exitCode === -1, next, check: checked, lost, extra };
      });
    });

    for (const outcome of outcomes) {
      expect(outcome, outcome.call).toEqual({ ...outcome, killed: true, next: 'ok', check: 'ok', lost: [], extra: [] });
    }
    const figures = {
      killPoints: outcomes.length,
      recovered: outcomes.filter((outcome) => outcome.next === 'ok' && outcome.check === 'ok' && outcome.lost.length === 0).length,
      filesLost: outcomes.reduce((sum, outcome) => sum + outcome.lost.length, 0),
    };
    expect(figures).toEqual({ killPoints: calls.length, recovered: calls.length, filesLost: 0 });
    console.info(`crash test: ${JSON.stringify(figures)}; ${written.length} files written by the uninterrupted run`);
  }, 600_000);
});

describe('two writers at once', () => {
  it('generate --name a and generate --name b: one migration, one "created", a consistent tree', async () => {
    const rounds = 3;
    const project = createTempProject({ files: FILES });
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    for (let round = 1; round <= rounds; round += 1) {
      project.write('db/core/schema.ts', project.read('db/core/schema.ts').replace(" });\n", `, extraR${round}: text('extra_r${round}') });\n`));
      const [a, b] = await Promise.all([
        runCli(['--json', 'generate', '--name', `a${round}`], { cwd: project.dir }),
        runCli(['--json', 'generate', '--name', `b${round}`], { cwd: project.dir }),
      ]);
      expect([a.exitCode, b.exitCode], a.stderr + b.stderr).toEqual([0, 0]);
      const created = [a, b].map((result) => (JSON.parse(result.stdout) as { migration: { tag: string } | null }).migration?.tag).filter(Boolean);
      expect(created, `round ${round}`).toHaveLength(1);
      expect(created[0]).toMatch(new RegExp(`^000${round}_[ab]${round}$`));
      const journal = JSON.parse(project.read('db/migrations/meta/_journal.json')) as { entries: { tag: string }[] };
      const sqlFiles = Object.keys(project.snapshot()).filter((file) => file.endsWith('.sql')).map((file) => file.split(/[/\\]/).pop()!.replace(/\.sql$/, ''));
      expect(sqlFiles.sort()).toEqual(journal.entries.map((entry) => entry.tag));
      const checked = await runCli(['check'], { cwd: project.dir });
      expect(checked.exitCode, checked.stderr).toBe(0);
    }
  });

  it('a writer that cannot get the lock in time exits 1 naming the holder; a dead holder blocks nothing', async () => {
    const project = createTempProject({ files: FILES });
    const lockFile = join(projectStateDir(project.dir), 'project.lock');
    const holder = (pid: number) => JSON.stringify({ pid, hostname: hostname(), command: 'add-table', since: new Date().toISOString(), token: 'test' });
    mkdirSync(dirname(lockFile), { recursive: true });
    // This test's own process plays a live holder.
    writeFileSync(lockFile, holder(process.pid));
    const before = project.snapshot();
    const impatient = await runCli(['--json', 'generate', '--lock-timeout', '1'], { cwd: project.dir });
    expect(impatient.exitCode).toBe(1);
    const error = (JSON.parse(impatient.stdout) as { error: { message: string; details: string[] } }).error;
    expect(error.message).toMatch(new RegExp(`^the project in .+ is locked by sections add-table \\(pid ${process.pid}, since .+\\); waited 1 s$`));
    expect(error.details).toEqual(['retry when it is done, or raise --lock-timeout', `if no such process is running, remove ${lockFile}`]);
    expect(impatient.stderr).toMatch(new RegExp(`^waiting for sections add-table \\(pid ${process.pid}, since .+\\) to finish with the project in `));
    expect(project.snapshot()).toEqual(before);

    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lockFile, holder(Number(gone.stdout)));
    const next = await runCli(['generate', '--lock-timeout', '0'], { cwd: project.dir });
    expect(next.exitCode, next.stderr).toBe(0);
    expect(withoutStyleWarnings(next.stderr)).toBe('');
  });
});

describe('two migrates on the embedded database at once', () => {
  it('exactly one applies each migration; the other waits and finds nothing to do', async () => {
    const rounds = 2;
    const project = createTempProject({ files: FILES });
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    for (let round = 1; round <= rounds; round += 1) {
      if (round > 1) {
        project.write('db/vendor/schema.ts', project.read('db/vendor/schema.ts').replace(" });\n", `, extraR${round}: text('extra_r${round}') });\n`));
        expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
      }
      const runs = await Promise.all([1, 2].map(() => runCli(['--json', 'migrate', '--local'], { cwd: project.dir })));
      expect(runs.map((run) => run.exitCode), runs.map((run) => run.stderr).join('\n')).toEqual([0, 0]);
      const applied = runs.map((run) => (JSON.parse(run.stdout) as { applied: string[] }).applied);
      expect(applied.flat(), `round ${round}`).toHaveLength(1);
      const status = JSON.parse((await runCli(['--json', 'status', '--local'], { cwd: project.dir })).stdout) as { upToDate: boolean; migrations: unknown[] };
      expect(status).toMatchObject({ upToDate: true });
      expect(status.migrations).toHaveLength(round);
    }
    // drizzle's ledger holds one row per migration, none twice.
    const { openPglite } = await import('../../src/engine/open-pglite.js');
    const pg = await openPglite({ dataDir: project.path('.sections', 'pglite') });
    try {
      const { rows } = await pg.query<{ count: number }>('select count(*)::int as count from drizzle.__drizzle_migrations');
      expect(rows[0]!.count).toBe(rounds);
    } finally {
      await pg.close();
    }
  });
});

describe('generate --watch and a manual generate at once', () => {
  it('one migration for one change, and a consistent tree', async () => {
    const project = createTempProject({ files: FILES });
    const { child, waitFor } = startWatch(project.dir);
    await waitFor(/generated: \d+ files written, migration 0000_init/);
    project.write('db/core/schema.ts', project.read('db/core/schema.ts').replace(" });\n", ", nick: text('nick') });\n"));
    const manual = await runCli(['--json', 'generate', '--name', 'manual'], { cwd: project.dir });
    expect(manual.exitCode, manual.stderr).toBe(0);
    await waitFor(/generated:[^\n]*\n(?:.*\n)*?.*generated:/);
    child.kill('SIGINT');
    expect((await child).exitCode).toBe(0);
    const journal = JSON.parse(project.read('db/migrations/meta/_journal.json')) as { entries: { tag: string }[] };
    const tags = journal.entries.map((entry) => entry.tag);
    // 0000_init is the watch session's draft: a watcher run first folds the change into it; a manual run first writes 0001.
    expect([['0000_init'], ['0000_init', '0001_manual']]).toContainEqual(tags);
    const sqlFiles = Object.keys(project.snapshot()).filter((file) => file.endsWith('.sql'));
    expect(sqlFiles).toHaveLength(tags.length);
    expect(sqlFiles.map((file) => project.read(file)).join('\n').match(/"nick"/g)).toHaveLength(1);
    const checked = await runCli(['check'], { cwd: project.dir });
    expect(checked.exitCode, checked.stderr).toBe(0);
  });
});
