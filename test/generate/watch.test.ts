import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { watchGenerate } from '../../dist/commands/watch-generate.js';
import { runCli, SHARED_CACHE_DIR } from '../helpers/run-cli.js';
import { createTempProject, tempDir } from '../helpers/temp-project.js';
import { historyClusterHolders } from '../engine/helpers.js';
import { startWatch } from '../helpers/watch-process.js';
import { sampleFiles } from './sample-project.js';

describe('sections generate --watch', () => {
  it('regenerates on save, keeping its engine booted in between, reports errors without exiting, and exits cleanly on SIGINT', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const cacheDir = tempDir('cache-');
    const { child, output, waitFor } = startWatch(project.dir, cacheDir);
    const historyClusterHolder = () => historyClusterHolders(cacheDir)[0];

    await waitFor(/generated: \d+ files written, migration 0000_init/);
    project.write('db/core/schema.ts', project.read('db/core/schema.ts').replace("email: text('email').notNull(),", "email: text('email').notNull(),\n  nick: text('nick'),"));
    // The session wrote 0000_init: it is its draft, rewritten by the save.
    await waitFor(/migration 0000_init \(the session's draft, rewritten\)/);
    expect(project.read('db/core/types.ts')).toContain('nick: string | null;');
    // Between saves the engine stays booted on the history cluster, which the watcher keeps locked.
    expect(historyClusterHolder()).toBe(child.pid);

    project.write('db/core/schema.ts', `${project.read('db/core/schema.ts')}\nexport const broken = ;\n`);
    await waitFor(/error .*db\/core\/schema\.ts: cannot load the schema of section "core"/);
    expect(child.exitCode).toBeNull();

    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(output().match(/generated:/g)).toHaveLength(2);
    expect(historyClusterHolder()).toBeUndefined();
  });
});

describe('sections generate --watch beside other commands', () => {
  it('lets another generate and check run while it holds the history cluster: they work in a private copy and leave its lock alone', async () => {
    const watched = createTempProject({ files: sampleFiles() });
    const other = createTempProject({ files: sampleFiles() });
    const cacheDir = tempDir('cache-');
    const env = { SECTIONS_CACHE_DIR: cacheDir };
    const { child, waitFor } = startWatch(watched.dir, cacheDir);
    await waitFor(/generated: \d+ files written, migration 0000_init/);
    expect(historyClusterHolders(cacheDir)).toEqual([child.pid]);

    // Another project on the same cache, with a schema of its own (nothing cached answers it): its engine finds the cluster taken.
    other.write('db/core/schema.ts', other.read('db/core/schema.ts').replace("email: text('email').notNull(),", "email: text('email').notNull(),\n  nick: text('nick'),"));
    const generated = await runCli(['--json', 'generate'], { cwd: other.dir, env });
    expect(generated.exitCode, generated.stderr).toBe(0);
    expect(JSON.parse(generated.stdout)).toMatchObject({ migration: { tag: '0000_init' }, metadataFrom: 'database' });
    expect(other.read('db/core/types.ts')).toContain('nick: string | null;');
    const checked = await runCli(['check'], { cwd: other.dir, env });
    expect(checked.exitCode, checked.stderr).toBe(0);
    expect(historyClusterHolders(cacheDir)).toEqual([child.pid]);
    expect(readdirSync(cacheDir).filter((entry) => entry.endsWith('.tmp'))).toEqual([]);

    child.kill('SIGINT');
    expect((await child).exitCode).toBe(0);
    expect(historyClusterHolders(cacheDir)).toEqual([]);
  });
});

describe('sections generate --watch on a section module that re-exports tables from another folder', () => {
  it('regenerates when the module holding the tables changes, once a run has loaded it', async () => {
    const project = createTempProject({
      files: {
        'sections.config.ts': "export default { migrations: './drizzle', sections: { notes: { schema: './db/sections/notes/drizzle-schema.ts', types: './db/sections/notes/kysely-types.ts' } } };\n",
        'db/sections/notes/drizzle-schema.ts': "export { notes } from '../../schema/notes.js';\n",
        'db/schema/notes.ts': "import { pgTable, text, uuid } from 'drizzle-orm/pg-core';\n\nexport const notes = pgTable('notes', { id: uuid('id').primaryKey().defaultRandom(), body: text('body').notNull() });\n",
      },
    });
    const { child, waitFor } = startWatch(project.dir);

    await waitFor(/generated: \d+ files written, migration 0000_init/);
    // The watchers of the loaded folders are set up right after the run's line is printed.
    await new Promise((resolve) => setTimeout(resolve, 500));
    project.write('db/schema/notes.ts', project.read('db/schema/notes.ts').replace("body: text('body').notNull()", "body: text('body').notNull(), title: text('title')"));
    await waitFor(/migration 0000_init \(the session's draft, rewritten\)/);
    expect(project.read('db/sections/notes/kysely-types.ts')).toContain('title: string | null;');

    child.kill('SIGINT');
    expect((await child).exitCode).toBe(0);
  });
});

describe('generate --watch and saves during a run', () => {
  it('answers every save made during a run with one more run, not two', async () => {
    const project = createTempProject({ files: sampleFiles() });
    process.env.SECTIONS_CACHE_DIR = SHARED_CACHE_DIR;
    const addColumn = (name: string) => project.write('db/core/schema.ts', project.read('db/core/schema.ts').replace("email: text('email').notNull(),", `email: text('email').notNull(),\n  ${name}: text('${name}'),`));
    const results: string[] = [];
    const errors: unknown[] = [];
    let savedDuringRun = false;
    const watcher = await watchGenerate(
      {
        cwd: project.dir,
        progress: (step) => {
          // The save's run is loading the schemas: one more save now, while it runs.
          if (step === 'loading section schemas' && results.length === 1 && !savedDuringRun) {
            savedDuringRun = true;
            addColumn('during');
          }
        },
      },
      { onResult: (result) => results.push(result.migration?.tag ?? 'no migration'), onError: (error) => errors.push(error) },
    );
    try {
      await until(() => results.length === 1, () => results);
      addColumn('first');
      await until(() => results.length >= 3, () => results);
      // Long enough for a queued run to start and finish: the watcher must stay idle.
      await new Promise((resolve) => setTimeout(resolve, 3000));
    } finally {
      await watcher.close();
    }
    expect(errors).toEqual([]);
    expect(savedDuringRun).toBe(true);
    // The save's run read the schema after the second save too; the run that save queued finds nothing new.
    expect(results).toEqual(['0000_init', '0000_init', 'no migration']);
    expect(project.read('db/core/types.ts')).toContain('during: string | null;');
  });
});

async function until(done: () => boolean, seen: () => unknown): Promise<void> {
  const giveUp = Date.now() + 60_000;
  while (!done()) {
    if (Date.now() > giveUp) throw new Error(`timed out; so far: ${JSON.stringify(seen())}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
