import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { createTempProject, REPO_ROOT, tempDir } from './helpers/temp-project.js';

describe('the demo at the repo root', () => {
  it('`sections generate` on a fresh clone succeeds with no server and no DATABASE_URL, and changes nothing', async () => {
    const project = createTempProject();
    cpSync(join(REPO_ROOT, 'sections.config.ts'), project.path('sections.config.ts'));
    cpSync(join(REPO_ROOT, 'example'), project.path('example'), { recursive: true });
    const before = project.snapshot();
    const result = await runCli(['generate'], {
      cwd: project.dir,
      env: { SECTIONS_CACHE_DIR: tempDir('cache-'), PGHOST: '127.0.0.1', PGPORT: '1' },
    });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('no schema changes, no new migration');
    expect(result.stdout).toMatch(/^core\s+16 tables\s+types unchanged/m);
    expect(result.stdout).toMatch(/^vendor\s+4 tables\s+types unchanged/m);
    expect(result.stdout).toMatch(/^customer\s+4 tables\s+types unchanged/m);
    expect(project.snapshot()).toEqual(before);
  });
});
