import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { SHARED_CACHE_DIR } from '../helpers/run-cli.js';
import { createTempProject, REPO_ROOT } from '../helpers/temp-project.js';
import { sampleFiles } from './sample-project.js';

describe('sections generate --watch', () => {
  it('regenerates on save, reports errors without exiting, and exits cleanly on SIGINT', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const child = execa(process.execPath, [join(REPO_ROOT, 'bin', 'sections.js'), 'generate', '--watch'], {
      cwd: project.dir,
      env: { NO_COLOR: '1', SECTIONS_CACHE_DIR: SHARED_CACHE_DIR },
      reject: false,
      all: true,
    });
    let seen = '';
    const waitFor = (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${seen}`)), 90_000);
        const onData = (chunk: Buffer) => {
          seen += chunk.toString();
          if (pattern.test(seen)) {
            clearTimeout(timeout);
            child.all!.off('data', onData);
            resolve();
          }
        };
        child.all!.on('data', onData);
        onData(Buffer.from(''));
      });

    await waitFor(/generated: \d+ files written, migration 0000_init/);
    project.write('db/core/schema.ts', project.read('db/core/schema.ts').replace("email: text('email').notNull(),", "email: text('email').notNull(),\n  nick: text('nick'),"));
    // The session wrote 0000_init: it is its draft, rewritten by the save.
    await waitFor(/migration 0000_init \(the session's draft, rewritten\)/);
    expect(project.read('db/core/types.ts')).toContain('nick: string | null;');

    project.write('db/core/schema.ts', `${project.read('db/core/schema.ts')}\nexport const broken = ;\n`);
    await waitFor(/error .*db\/core\/schema\.ts: cannot load the schema of section "core"/);
    expect(child.exitCode).toBeNull();

    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(seen.match(/generated:/g)).toHaveLength(2);
  });
});
