import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/plan/apply-plan.js';
import { recoverCommit } from '../../src/plan/commit-record.js';
import { nodeFileSystem, type FileSystem } from '../../src/plan/file-system.js';
import { lockProject, projectStateDir } from '../../src/plan/project-lock.js';
import { failingOnRename } from '../helpers/failing-fs.js';
import type { PlannedFile } from '../../src/planned-file.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';

const file = (path: string, content: string, ownership: PlannedFile['ownership'] = 'generated'): PlannedFile => ({ path, content, ownership, kind: 'test' });

async function withLock<T>(project: TempProject, work: (lock: Awaited<ReturnType<typeof lockProject>>) => Promise<T>): Promise<T> {
  const lock = await lockProject(project.dir, 'test');
  try {
    return await work(lock);
  } finally {
    await lock.release();
  }
}

/**
 * Stops dead at the nth write, rename or removal, as a SIGKILL would: that call and everything
 * after it never happen, and nothing is cleaned up (`died` settles instead).
 */
function dyingAt(nth: number): { fs: FileSystem; died: Promise<'killed'> } {
  let calls = 0;
  let die!: (value: 'killed') => void;
  const died = new Promise<'killed'>((resolve) => (die = resolve));
  const step = <A extends unknown[], R>(operation: (...args: A) => Promise<R>) => (...args: A): Promise<R> => {
    calls += 1;
    if (calls < nth) return operation(...args);
    die('killed');
    return new Promise<R>(() => undefined);
  };
  return { fs: { ...nodeFileSystem, writeFile: step(nodeFileSystem.writeFile), rename: step(nodeFileSystem.rename), remove: step(nodeFileSystem.remove) }, died };
}

function hiddenFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.startsWith('.') && !entry.parentPath.includes('node_modules'))
    .map((entry) => entry.name);
}

describe('applyPlan', () => {
  it('creates, updates, and leaves unchanged files untouched (mtime kept)', async () => {
    const project = createTempProject({ files: { 'same.txt': 'same', 'old.txt': 'old' } });
    const mtime = project.mtime('same.txt');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outcomes = await withLock(project, (lock) =>
      applyPlan({ files: [file(project.path('same.txt'), 'same'), file(project.path('old.txt'), 'new'), file(project.path('deep/new.txt'), 'created')] }, { lock }),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['unchanged', 'updated', 'created']);
    expect(project.mtime('same.txt')).toBe(mtime);
    expect(project.read('old.txt')).toBe('new');
    expect(project.read('deep/new.txt')).toBe('created');
    expect(Object.keys(project.snapshot()).sort()).toEqual(['deep/new.txt', 'old.txt', 'same.txt']);
  });

  it('keeps a scaffolded file the user changed unless forced', async () => {
    const project = createTempProject({ files: { 'stub.ts': 'edited by the user' } });
    const plan = { files: [file(project.path('stub.ts'), 'template', 'scaffold')] };
    expect((await withLock(project, (lock) => applyPlan(plan, { lock })))[0]!.status).toBe('kept');
    expect(project.read('stub.ts')).toBe('edited by the user');
    expect((await withLock(project, (lock) => applyPlan(plan, { lock, force: true })))[0]!.status).toBe('updated');
    expect(project.read('stub.ts')).toBe('template');
  });

  it('writes nothing on a dry run', async () => {
    const project = createTempProject({ files: { 'a.txt': 'a' } });
    const before = project.snapshot();
    const outcomes = await withLock(project, (lock) => applyPlan({ files: [file(project.path('a.txt'), 'b'), file(project.path('c.txt'), 'c')] }, { lock, dryRun: true }));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['updated', 'created']);
    expect(project.snapshot()).toEqual(before);
  });

  it('restores every original byte when a rename fails between two files', async () => {
    const project = createTempProject({ files: { 'a.txt': 'original a', 'b.txt': 'original b' } });
    const before = project.snapshot();
    const failing = failingOnRename(3);
    const plan = { files: [file(project.path('a.txt'), 'new a'), file(project.path('new.txt'), 'new'), file(project.path('b.txt'), 'new b')] };
    await expect(withLock(project, (lock) => applyPlan(plan, { lock, fs: failing }))).rejects.toThrow(/every file was left as it was/);
    expect(project.snapshot()).toEqual(before);
    expect(readFileSync(project.path('a.txt'), 'utf8')).toBe('original a');
    expect(() => statSync(project.path('new.txt'))).toThrow();
    expect(hiddenFiles(project.dir)).toEqual([]);
  });

  it('a file both removed and written (a rebased migration under its old name) is written, not lost', async () => {
    const project = createTempProject({ files: { '0003_core.sql': 'old', '0004_stale.sql': 'stale' } });
    await withLock(project, (lock) =>
      applyPlan({ files: [file(project.path('0003_core.sql'), 'regenerated')], deletions: [project.path('0003_core.sql'), project.path('0004_stale.sql')] }, { lock }),
    );
    expect(project.read('0003_core.sql')).toBe('regenerated');
    expect(project.exists('0004_stale.sql')).toBe(false);
  });

  it('removes temp files an older version left beside the files it writes', async () => {
    const project = createTempProject({ files: { 'db/types.ts': 'old', 'db/.types.ts.0a1b2c3d.tmp': 'half', 'db/.user.0a1b2c3d.tmp': 'not ours' } });
    await withLock(project, (lock) => applyPlan({ files: [file(project.path('db/types.ts'), 'new')] }, { lock }));
    expect(hiddenFiles(project.dir)).toEqual(['.user.0a1b2c3d.tmp']);
  });
});

describe('a commit killed at any step is finished or undone by the next lock holder', () => {
  const before = { 'a.txt': 'old a', 'gone.txt': 'to remove', 'same.txt': 'same' };
  const after = { 'a.txt': 'new a', 'b/new.txt': 'new b', 'same.txt': 'same' };
  const plan = (project: TempProject) => ({
    files: [file(project.path('a.txt'), 'new a'), file(project.path('b/new.txt'), 'new b'), file(project.path('same.txt'), 'same')],
    deletions: [project.path('gone.txt')],
  });

  it('leaves exactly the old tree or exactly the new one, never a mix, and no temp file', async () => {
    const outcomes: string[] = [];
    // Steps: 2 temp writes, 2 renames, 1 removal; past the last one nothing dies.
    for (let nth = 1; nth <= 6; nth += 1) {
      const project = createTempProject({ files: before });
      const dying = dyingAt(nth);
      const lock = await lockProject(project.dir, 'test');
      const ended = await Promise.race([applyPlan(plan(project), { lock, fs: dying.fs }).then(() => 'ran' as const), dying.died]);
      // The dead process never released its lock nor cleaned up (a dead pid's lock is taken over:
      // lock-file.test.ts); whoever locks next recovers.
      if (ended === 'killed') rmSync(join(projectStateDir(project.dir), 'project.lock'));
      else await lock.release();
      await withLock(project, async () => undefined);
      const tree = project.snapshot();
      expect([before, after], `killed at step ${nth}`).toContainEqual(tree);
      expect(hiddenFiles(project.dir), `killed at step ${nth}`).toEqual([]);
      expect(readdirSync(projectStateDir(project.dir))).toEqual([]);
      outcomes.push(`${nth}:${ended}:${tree['a.txt'] === 'new a' ? 'new' : 'old'}`);
    }
    expect(outcomes).toEqual(['1:killed:old', '2:killed:old', '3:killed:new', '4:killed:new', '5:killed:new', '6:ran:new']);
  });

  it('a record that is not valid JSON is ignored and removed', async () => {
    const project = createTempProject({ files: { 'a.txt': 'a' } });
    const record = join(projectStateDir(project.dir), 'commit.json');
    await withLock(project, async () => writeFileSync(record, '{"phase":'));
    expect(await recoverCommit(record)).toBe('none');
    expect(project.snapshot()).toEqual({ 'a.txt': 'a' });
  });
});
