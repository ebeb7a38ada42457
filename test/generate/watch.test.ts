import { describe, expect, it } from 'vitest';
import { createTempProject } from '../helpers/temp-project.js';
import { startWatch } from '../helpers/watch-process.js';
import { sampleFiles } from './sample-project.js';

describe('sections generate --watch', () => {
  it('regenerates on save, reports errors without exiting, and exits cleanly on SIGINT', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const { child, output, waitFor } = startWatch(project.dir);

    await waitFor(/generated: \d+ files written, migration 0000_init/);
    project.write('db/core/schema.ts', project.read('db/core/schema.ts').replace("email: text('email').notNull(),", "email: text('email').notNull(),\n  nick: text('nick'),"));
    await waitFor(/migration 0001_core/);
    expect(project.read('db/core/types.ts')).toContain('nick: string | null;');

    project.write('db/core/schema.ts', `${project.read('db/core/schema.ts')}\nexport const broken = ;\n`);
    await waitFor(/error .*db\/core\/schema\.ts: cannot load the schema of section "core"/);
    expect(child.exitCode).toBeNull();

    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(output().match(/generated:/g)).toHaveLength(2);
  });
});
