import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';
import { startWatch } from '../helpers/watch-process.js';
import { sampleFiles } from './sample-project.js';

const sqlFiles = (project: TempProject) => Object.keys(project.snapshot()).filter((file) => /^db\/migrations\/[^/]+\.sql$/.test(file)).sort();
const journalTags = (project: TempProject) => (JSON.parse(project.read('db/migrations/meta/_journal.json')) as { entries: { tag: string }[] }).entries.map((entry) => entry.tag);
const addColumn = (project: TempProject, column: string) =>
  project.write('db/core/schema.ts', project.read('db/core/schema.ts').replace("email: text('email').notNull(),", `email: text('email').notNull(),\n  ${column}: text('${column}'),`));

describe('generate --watch keeps one draft migration', () => {
  it('saves rewrite the session\'s draft (SQL, snapshot, journal entry) until the local database applies it', async () => {
    const project = createTempProject({ files: sampleFiles() });
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    const { child, output, waitFor } = startWatch(project.dir);
    await waitFor(/generated: 0 files written/);

    addColumn(project, 'nick');
    await waitFor(/migration 0001_core\n/);
    addColumn(project, 'bio');
    await waitFor(/migration 0001_core \(the session's draft, rewritten\)/);
    expect(sqlFiles(project)).toEqual(['db/migrations/0000_init.sql', 'db/migrations/0001_core.sql']);
    expect(journalTags(project)).toEqual(['0000_init', '0001_core']);
    expect(project.read('db/migrations/0001_core.sql')).toBe('ALTER TABLE "user" ADD COLUMN "bio" text;--> statement-breakpoint\nALTER TABLE "user" ADD COLUMN "nick" text;');
    expect(Object.keys(JSON.parse(project.read('db/migrations/meta/0001_snapshot.json')).tables['public.user'].columns)).toEqual(expect.arrayContaining(['nick', 'bio']));
    expect(project.exists('db/migrations/meta/0002_snapshot.json')).toBe(false);
    expect(project.read('db/migrations/sections.sum')).not.toContain('0002');
    expect(project.read('db/core/types.ts')).toContain('bio: string | null;');

    // Applied to the local embedded database: the draft is history now, the next save starts another.
    const migrated = await runCli(['migrate', '--local'], { cwd: project.dir });
    expect(migrated.exitCode, migrated.stderr).toBe(0);
    const applied = project.read('db/migrations/0001_core.sql');
    addColumn(project, 'city');
    await waitFor(/migration 0002_core\n/);
    expect(project.read('db/migrations/0001_core.sql')).toBe(applied);
    expect(project.read('db/migrations/0002_core.sql')).toBe('ALTER TABLE "user" ADD COLUMN "city" text;');
    expect(journalTags(project)).toEqual(['0000_init', '0001_core', '0002_core']);

    child.kill('SIGINT');
    expect((await child).exitCode, output()).toBe(0);
    const check = await runCli(['check'], { cwd: project.dir });
    expect(check.exitCode, check.stdout + check.stderr).toBe(0);
  });

  it('a draft is renamed with the sections it touches, and removed when the schemas no longer need it, journal and sum as before it', async () => {
    const project = createTempProject({ files: sampleFiles() });
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    const before = { journal: project.read('db/migrations/meta/_journal.json'), sum: project.read('db/migrations/sections.sum'), schema: project.read('db/core/schema.ts') };
    const { child, output, waitFor } = startWatch(project.dir);
    await waitFor(/generated: 0 files written/);

    const vendorSchema = project.read('db/vendor/schema.ts');
    addColumn(project, 'nick');
    await waitFor(/migration 0001_core\n/);
    project.write('db/vendor/schema.ts', vendorSchema.replace("businessName: text('business_name').notNull(),", "businessName: text('business_name').notNull(),\n  city: text('city'),"));
    await waitFor(/migration 0001_core_vendor \(the session's draft, rewritten from 0001_core\)/);
    expect(sqlFiles(project)).toEqual(['db/migrations/0000_init.sql', 'db/migrations/0001_core_vendor.sql']);
    expect(project.exists('db/migrations/meta/0001_snapshot.json')).toBe(true);

    project.write('db/core/schema.ts', before.schema);
    project.write('db/vendor/schema.ts', vendorSchema);
    await waitFor(/draft 0001_core_vendor removed \(the schemas are back to before it\)/);
    expect(sqlFiles(project)).toEqual(['db/migrations/0000_init.sql']);
    expect(project.exists('db/migrations/meta/0001_snapshot.json')).toBe(false);
    expect(project.read('db/migrations/meta/_journal.json')).toBe(before.journal);
    expect(project.read('db/migrations/sections.sum')).toBe(before.sum);
    expect(project.read('db/core/types.ts')).not.toContain('nick');

    child.kill('SIGINT');
    expect((await child).exitCode, output()).toBe(0);
  });
});
