import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/plan/apply-plan.js';
import { failingOnRename } from '../helpers/failing-fs.js';
import type { PlannedFile } from '../../src/planned-file.js';
import { createTempProject } from '../helpers/temp-project.js';

const file = (path: string, content: string, ownership: PlannedFile['ownership'] = 'generated'): PlannedFile => ({ path, content, ownership, kind: 'test' });

describe('applyPlan', () => {
  it('creates, updates, and leaves unchanged files untouched (mtime kept)', async () => {
    const project = createTempProject({ files: { 'same.txt': 'same', 'old.txt': 'old' } });
    const mtime = project.mtime('same.txt');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outcomes = await applyPlan({
      files: [file(project.path('same.txt'), 'same'), file(project.path('old.txt'), 'new'), file(project.path('deep/new.txt'), 'created')],
    });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['unchanged', 'updated', 'created']);
    expect(project.mtime('same.txt')).toBe(mtime);
    expect(project.read('old.txt')).toBe('new');
    expect(project.read('deep/new.txt')).toBe('created');
    expect(Object.keys(project.snapshot()).sort()).toEqual(['deep/new.txt', 'old.txt', 'same.txt']);
  });

  it('keeps a scaffolded file the user changed unless forced', async () => {
    const project = createTempProject({ files: { 'stub.ts': 'edited by the user' } });
    const plan = { files: [file(project.path('stub.ts'), 'template', 'scaffold')] };
    expect((await applyPlan(plan))[0]!.status).toBe('kept');
    expect(project.read('stub.ts')).toBe('edited by the user');
    expect((await applyPlan(plan, { force: true }))[0]!.status).toBe('updated');
    expect(project.read('stub.ts')).toBe('template');
  });

  it('writes nothing on a dry run', async () => {
    const project = createTempProject({ files: { 'a.txt': 'a' } });
    const before = project.snapshot();
    const outcomes = await applyPlan({ files: [file(project.path('a.txt'), 'b'), file(project.path('c.txt'), 'c')] }, { dryRun: true });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['updated', 'created']);
    expect(project.snapshot()).toEqual(before);
  });

  it('restores every original byte when a rename fails between two files', async () => {
    const project = createTempProject({ files: { 'a.txt': 'original a', 'b.txt': 'original b' } });
    const before = project.snapshot();
    const failing = failingOnRename(3);
    const plan = { files: [file(project.path('a.txt'), 'new a'), file(project.path('new.txt'), 'new'), file(project.path('b.txt'), 'new b')] };
    await expect(applyPlan(plan, { fs: failing })).rejects.toThrow(/every file was left as it was/);
    expect(project.snapshot()).toEqual(before);
    expect(readFileSync(project.path('a.txt'), 'utf8')).toBe('original a');
    expect(() => statSync(project.path('new.txt'))).toThrow();
  });
});
