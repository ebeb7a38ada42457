import { describe, expect, it } from 'vitest';
import { expandSchemaPaths } from '../../src/edit/drizzle-project-config.js';
import { initFromDrizzle, UserError } from '../../src/index.js';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';
import { CHAT_APP, drizzleKitGenerate, drizzleProject, TASK_TRACKER } from './drizzle-projects.js';

function filesUnder(snapshot: Record<string, string>, folder: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot).filter(([file]) => file.startsWith(`${folder}/`)));
}

interface Proposal {
  ok: boolean;
  dryRun: boolean;
  sections: { name: string; tables: string[]; schema: string; schemaModule: 'existing' | 'written'; types: string; camelCase: boolean }[];
  crossSectionForeignKeys: { from: string; to: string }[];
  files: { path: string; kind: string; status: string }[];
  warnings: string[];
}

async function initJson(project: TempProject, args: string[]): Promise<Proposal> {
  const result = await runCli(['init', '--from-drizzle', ...args, '--json'], { cwd: project.dir });
  expect(result.exitCode, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Proposal;
}

/** `generate` after adoption: exit 0, and the migrations folder as drizzle-kit wrote it (sections.sum added beside it). */
async function expectNoNewMigration(project: TempProject, migrations: string): Promise<void> {
  const before = filesUnder(project.snapshot(), migrations);
  const result = await runCli(['generate', '--json'], { cwd: project.dir });
  expect(result.exitCode, result.stderr).toBe(0);
  const generated = JSON.parse(result.stdout) as { migration: unknown; files: { path: string; kind: string; status: string }[] };
  expect(generated.migration).toBeNull();
  expect(generated.files.filter((file) => ['migration', 'snapshot', 'journal'].includes(file.kind) && file.status !== 'unchanged')).toEqual([]);
  const after = filesUnder(project.snapshot(), migrations);
  expect(Object.keys(after).sort()).toEqual([...Object.keys(before), `${migrations}/sections.sum`].sort());
  for (const [file, content] of Object.entries(before)) expect(after[file], file).toBe(content);
}

/** `check`'s foreign-key problems as `from → to` table pairs; nothing else may fail. */
async function checkedCrossings(project: TempProject): Promise<string[]> {
  const result = await runCli(['check', '--json'], { cwd: project.dir });
  const report = JSON.parse(result.stdout) as { ok: boolean; problems: { kind: string; severity: string; message: string }[] };
  const errors = report.problems.filter((problem) => problem.severity === 'error');
  expect(errors.filter((problem) => problem.kind !== 'foreign-key-boundary')).toEqual([]);
  expect(result.exitCode).toBe(errors.length === 0 ? 0 : 1);
  return errors.map((problem) => {
    const match = /^foreign key (\S+?)\(.*?\) → (\S+?)\(/.exec(problem.message);
    expect(match, problem.message).not.toBeNull();
    return `${match![1]} → ${match![2]}`;
  }).sort();
}

describe('sections init --from-drizzle', () => {
  it('adopts a folder of schema modules with PascalCase tables: one section per module, the history of drizzle-kit migrations kept, generate writes no migration', async () => {
    const project = await drizzleProject(CHAT_APP);
    const before = project.snapshot();
    const migrations = 'lib/db/migrations';
    expect(Object.keys(filesUnder(before, migrations)).filter((file) => file.endsWith('.sql'))).toEqual([
      `${migrations}/0000_init.sql`,
      `${migrations}/0001_documents.sql`,
      `${migrations}/0002_votes.sql`,
    ]);

    const proposal = await initJson(project, ['--dry-run']);
    expect(project.snapshot()).toEqual(before);
    expect(proposal.dryRun).toBe(true);
    // The shared enum goes with the first of its tables' sections: chat then needs a module of its own.
    expect(proposal.sections.map(({ name, tables, schema, schemaModule }) => ({ name, tables, schema: schema.slice(project.dir.length + 1), schemaModule }))).toEqual([
      { name: 'chat', tables: ['Chat', 'Message', 'Vote'], schema: 'lib/db/sections/chat/drizzle-schema.ts', schemaModule: 'written' },
      { name: 'document', tables: ['Document', 'Suggestion'], schema: 'lib/db/schema/document.ts', schemaModule: 'existing' },
      { name: 'user', tables: ['User'], schema: 'lib/db/schema/user.ts', schemaModule: 'existing' },
    ]);
    expect(proposal.crossSectionForeignKeys).toEqual([
      { from: 'Chat', to: 'User' },
      { from: 'Document', to: 'User' },
      { from: 'Suggestion', to: 'User' },
    ]);

    const human = await runCli(['init', '--from-drizzle', '--dry-run'], { cwd: project.dir });
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stdout).toContain('user lib/db/schema/user.ts: User (names kept as they are: codegen.camelCase false)\n');
    expect(human.stdout).toContain('3 cross-section foreign keys: Chat → User, Document → User, Suggestion → User\n');
    expect(human.stdout).toContain('dry run: nothing was written');
    expect(project.snapshot()).toEqual(before);

    const written = await runCli(['init', '--from-drizzle', 'drizzle.config.ts'], { cwd: project.dir });
    expect(written.exitCode, written.stderr).toBe(0);
    const after = project.snapshot();
    expect(Object.keys(after).filter((file) => !(file in before)).sort()).toEqual(['.gitignore', 'lib/db/sections/chat/drizzle-schema.ts', 'sections.config.ts']);
    for (const [file, content] of Object.entries(before)) expect(after[file], file).toBe(content);
    // PascalCase tables and camelCase columns would not survive Kysely's CamelCasePlugin: kept as they are.
    expect(project.read('sections.config.ts')).toContain("    user: {\n      schema: './lib/db/schema/user.ts',\n      types: './lib/db/sections/user/kysely-types.ts',\n      codegen: { camelCase: false },\n    },");
    expect(project.read('lib/db/sections/chat/drizzle-schema.ts')).toContain("export { chat, message, vote } from '../../schema/chat.js';\nexport { visibility } from '../../schema/enums.js';\n");

    await expectNoNewMigration(project, migrations);
    expect(project.exists('lib/db/sections/user/kysely-types.ts')).toBe(true);
    expect(project.exists('lib/db/connections/pool.ts')).toBe(true);
    // Today's foreign keys into the central User table are exactly what check reports (until they are accepted).
    expect(await checkedCrossings(project)).toEqual(proposal.crossSectionForeignKeys.map((edge) => `${edge.from} → ${edge.to}`));
    // drizzle-kit, reading its own config, still sees the schema the history made.
    expect(await drizzleKitGenerate(project)).toContain('No schema changes');
  });

  it("--split clusters the foreign keys of a snake_case-cased project with a glob and an audit schema; the sections' modules re-export, generate writes no migration", async () => {
    const project = await drizzleProject(TASK_TRACKER);
    const before = project.snapshot();

    const proposal = await initJson(project, ['--split', '3']);
    expect(proposal.sections.map(({ name, tables, schemaModule }) => ({ name, tables, schemaModule }))).toEqual([
      { name: 'users', tables: ['audit.events', 'project_members', 'projects', 'users'], schemaModule: 'written' },
      { name: 'tasks', tables: ['labels', 'task_comments', 'task_labels', 'tasks'], schemaModule: 'existing' },
      { name: 'subscriptions', tables: ['invoices', 'subscriptions'], schemaModule: 'existing' },
    ]);
    expect(proposal.crossSectionForeignKeys.length).toBe(5);
    expect(proposal.warnings).toEqual([
      'drizzle.config.ts: schemaFilter/tablesFilter choose what drizzle-kit push and pull see; generate ignores them, and so do sections: every table of the schema modules is in a section',
    ]);
    const config = project.read('sections.config.ts');
    expect(config).toContain("  migrations: './drizzle',\n  drizzle: { casing: 'snake_case' },\n");
    // snake_case in the database: every name survives Kysely's CamelCasePlugin.
    expect(proposal.sections.map((section) => section.camelCase)).toEqual([true, true, true]);
    expect(config).not.toContain('codegen');
    // The pgSchema travels with the tables of its module.
    expect(project.read('src/server/db/sections/users/drizzle-schema.ts')).toContain("export { audit, auditEvents } from '../../schema/audit.js';\n");
    for (const [file, content] of Object.entries(before)) expect(project.read(file), file).toBe(content);

    await expectNoNewMigration(project, 'drizzle');
    expect(await checkedCrossings(project)).toEqual(proposal.crossSectionForeignKeys.map((edge) => `${edge.from} → ${edge.to}`).sort());
  });

  it('a proposal without crossing keys (--split 1) passes check: exit 0 after generate, with no new migration', async () => {
    const project = await drizzleProject(CHAT_APP);
    const proposal = await initJson(project, ['--split', '1']);
    expect(proposal.sections.map(({ name, tables }) => ({ name, tables }))).toEqual([{ name: 'user', tables: ['Chat', 'Document', 'Message', 'Suggestion', 'User', 'Vote'] }]);
    expect(proposal.crossSectionForeignKeys).toEqual([]);
    expect(proposal.sections[0]!.camelCase).toBe(false);
    await expectNoNewMigration(project, 'lib/db/migrations');
    expect(await checkedCrossings(project)).toEqual([]);
    expect(await drizzleKitGenerate(project)).toContain('No schema changes');
  });

  it('one section per module with the same project gives more sections and more crossing keys than --split 3', async () => {
    const project = createTempProject();
    for (const step of TASK_TRACKER) for (const [file, content] of Object.entries(step.files)) project.write(file, content);
    const perFile = await initJson(project, ['--dry-run']);
    const clustered = await initJson(project, ['--dry-run', '--split']);
    expect(perFile.sections.map((section) => section.name)).toEqual(['audit', 'billing', 'projects', 'tasks', 'users']);
    expect(perFile.sections.every((section) => section.schemaModule === 'existing')).toBe(true);
    expect(perFile.crossSectionForeignKeys.length).toBe(8);
    expect(clustered.crossSectionForeignKeys.length).toBeLessThan(perFile.crossSectionForeignKeys.length);
    expect(clustered.sections.flatMap((section) => section.tables).sort()).toEqual(perFile.sections.flatMap((section) => section.tables).sort());
    expect(Object.keys(project.snapshot()).some((file) => file.startsWith('sections.config'))).toBe(false);
  });

  it('refuses, writing nothing, with exit 2 and one line: another dialect, no drizzle config, an existing sections config, a bad --split', async () => {
    const cases: [Record<string, string>, string[], string][] = [
      [{ 'drizzle.config.ts': "export default { dialect: 'mysql', schema: './schema.ts' };\n", 'schema.ts': '' }, [], 'error drizzle.config.ts: dialect is "mysql"; sections works with PostgreSQL only (dialect: "postgresql")'],
      [{ 'drizzle.config.ts': "export default { schema: './schema.ts' };\n" }, [], 'error drizzle.config.ts: dialect: dialect is missing; sections works with dialect: "postgresql"'],
      [{ 'drizzle.config.ts': "export default { dialect: 'postgresql', schema: './db/*.ts' };\n" }, [], 'error drizzle.config.ts: schema "./db/*.ts" names no .ts or .js file'],
      [{}, [], `error --from-drizzle: no drizzle config in {dir} (looked for drizzle.config.ts, drizzle.config.js, drizzle.config.json, drizzle.config.mts, drizzle.config.mjs, drizzle.config.cjs); name it: --from-drizzle path/to/drizzle.config.ts`],
      [{}, ['db/drizzle.config.ts'], 'error --from-drizzle db/drizzle.config.ts: file not found'],
      [{ ...CHAT_APP[0]!.files, 'sections.config.ts': 'export default {};\n' }, [], 'error sections.config.ts already exists; init writes only into a project without sections (nothing was written)'],
      [{ ...CHAT_APP[0]!.files, 'lib/db/sections/chat/drizzle-schema.ts': '// mine\n' }, ['--split', '1'], 'error lib/db/sections/chat/drizzle-schema.ts already exists; init would write section "chat"\'s schema module there (nothing was written)'],
      [CHAT_APP[0]!.files, ['--split', '0'], 'error --split 0: give a whole number of sections, at least 1 (or --split alone)'],
      [CHAT_APP[0]!.files, ['--sections', 'core'], 'error --from-drizzle and --sections exclude each other; --from-drizzle takes the sections from the drizzle project'],
    ];
    for (const [files, args, message] of cases) {
      const project = createTempProject({ files });
      const before = project.snapshot();
      const [path, rest] = args[0]?.startsWith('db/') ? [args[0], args.slice(1)] : [undefined, args];
      const result = await runCli(['init', '--from-drizzle', ...(path ? [path] : []), ...rest], { cwd: project.dir });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr.trimEnd()).toBe(message.replace('{dir}', project.dir));
      expect(project.snapshot()).toEqual(before);
      const json = await runCli(['init', '--from-drizzle', ...(path ? [path] : []), ...rest, '--json'], { cwd: project.dir });
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { message: message.replace(/^error /, '').replace('{dir}', project.dir), exitCode: 2 } });
    }
  });

  it('init without --from-drizzle in a drizzle project suggests it instead of refusing silently', async () => {
    const project = createTempProject({ files: CHAT_APP[0]!.files });
    const before = project.snapshot();
    const bare = await runCli(['init'], { cwd: project.dir });
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr.trimEnd()).toBe('error this is a drizzle project (drizzle.config.ts): adopt it with `sections init --from-drizzle` (add --dry-run to see the proposed sections first)');
    const named = await runCli(['init', '--sections', 'core'], { cwd: project.dir });
    expect(named.exitCode).toBe(2);
    expect(named.stderr.trimEnd()).toBe('error drizzle.config.ts already exists: adopt this drizzle project with `sections init --from-drizzle` (its schema modules and migrations stay as they are; nothing was written)');
    const split = await runCli(['init', '--split'], { cwd: project.dir });
    expect(split.stderr.trimEnd()).toBe('error --split works with --from-drizzle: sections init --from-drizzle --split [count]');
    expect(project.snapshot()).toEqual(before);
  });

  it("reads drizzle-kit's schema forms: a file, a folder's own files, an array, a glob; module files only", () => {
    const project = createTempProject({
      files: {
        'db/a.ts': '', 'db/b.mts': '', 'db/notes.md': '', 'db/types.d.ts': '', 'db/nested/c.ts': '',
        'other/d.js': '', 'schema.ts': '',
      },
    });
    const at = (...files: string[]) => files.map((file) => project.path(file));
    expect(expandSchemaPaths(project.dir, ['./schema.ts'])).toEqual(at('schema.ts'));
    expect(expandSchemaPaths(project.dir, ['./db'])).toEqual(at('db/a.ts', 'db/b.mts'));
    expect(expandSchemaPaths(project.dir, ['./db/*.ts', './other/d.js', 'schema.ts'])).toEqual(at('db/a.ts', 'other/d.js', 'schema.ts'));
    expect(expandSchemaPaths(project.dir, ['./db/**/*.ts'])).toEqual(at('db/a.ts', 'db/nested/c.ts'));
    expect(expandSchemaPaths(project.dir, ['./missing.ts', './nothing/*.ts'])).toEqual([]);
  });
});

describe('sections init --from-drizzle: which module owns what', () => {
  const BLOG = {
    'drizzle.config.ts': `import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/**/*.ts',
  out: './drizzle',
  migrations: { table: 'migrations_log', prefix: 'timestamp' },
});
`,
    'src/db/schema.ts': `import { relations } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable('users', { id: uuid('id').primaryKey().defaultRandom(), name: text('name').notNull() });
export const posts = pgTable('posts', { id: uuid('id').primaryKey().defaultRandom(), authorId: uuid('author_id').notNull().references(() => users.id) });
export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
export const postsRelations = relations(posts, ({ one }) => ({ author: one(users, { fields: [posts.authorId], references: [users.id] }) }));
`,
    'src/db/comments.ts': `import { pgSequence, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { posts, users } from './schema';

export const commentNumbers = pgSequence('comment_numbers');
export const comments = pgTable('comments', {
  id: uuid('id').primaryKey().defaultRandom(),
  postId: uuid('post_id').notNull().references(() => posts.id),
  authorId: uuid('author_id').notNull().references(() => users.id),
  body: text('body').notNull(),
});
`,
    'src/db/index.ts': "export * from './schema';\nexport * from './comments';\n",
  };

  it("a barrel owns nothing, a generic module is named after its most referenced table, relations and sequences travel with their module's tables", async () => {
    const project = createTempProject({ files: BLOG });
    const perFile = await initJson(project, ['--dry-run']);
    expect(perFile.sections.map(({ name, tables, schema, schemaModule }) => ({ name, tables, schema: schema.slice(project.dir.length + 1), schemaModule }))).toEqual([
      { name: 'comments', tables: ['comments'], schema: 'src/db/comments.ts', schemaModule: 'existing' },
      { name: 'users', tables: ['posts', 'users'], schema: 'src/db/schema.ts', schemaModule: 'existing' },
    ]);
    expect(perFile.warnings).toEqual([
      'drizzle.config.ts: migrations.table/schema name drizzle\'s ledger drizzle.migrations_log; sections migrate keeps drizzle.__drizzle_migrations',
      'drizzle.config.ts: migrations.prefix is "timestamp"; sections generate numbers new migrations as drizzle-kit\'s default "index" does',
    ]);

    const together = await initJson(project, ['--split', '1']);
    expect(together.sections.map(({ name, tables, schemaModule }) => ({ name, tables, schemaModule }))).toEqual([{ name: 'users', tables: ['comments', 'posts', 'users'], schemaModule: 'written' }]);
    expect(together.crossSectionForeignKeys).toEqual([]);
    expect(project.read('src/sections/users/drizzle-schema.ts')).toBe(
      '// Section "users": the drizzle objects it owns, re-exported from the modules drizzle.config.ts reads, which stay where they are.\n' +
        "export { commentNumbers, comments } from '../../db/comments.js';\n" +
        "export { posts, postsRelations, users, usersRelations } from '../../db/schema.js';\n",
    );
    expect(together.warnings).toContain('drizzle.config.ts: schema also matches src/sections/users/drizzle-schema.ts, which re-exports tables; narrow it so that drizzle-kit reads each table once');
  });
});

describe('initFromDrizzle (the API)', () => {
  it('returns the proposal --json prints, and throws UserError for a project of another dialect', async () => {
    const project = createTempProject();
    for (const step of TASK_TRACKER) for (const [file, content] of Object.entries(step.files)) project.write(file, content);
    const result = await initFromDrizzle({ cwd: project.dir, drizzleConfig: undefined, split: { kind: 'clusters', count: 3 }, dryRun: true });
    expect(result.sections.map((section) => section.name)).toEqual(['users', 'tasks', 'subscriptions']);
    expect(result.crossSectionForeignKeys.length).toBe(5);
    expect(project.exists('sections.config.ts')).toBe(false);

    project.write('drizzle.config.ts', "export default { dialect: 'sqlite', schema: './src/server/db/schema/*.ts' };\n");
    await expect(initFromDrizzle({ cwd: project.dir, drizzleConfig: 'drizzle.config.ts', split: { kind: 'per-file' } })).rejects.toThrow(UserError);
  });

  it('a references(() => …) that throws is a UserError naming the module and export, not a crash', async () => {
    const project = createTempProject();
    for (const step of TASK_TRACKER) for (const [file, content] of Object.entries(step.files)) project.write(file, content);
    const projects = 'src/server/db/schema/projects.ts';
    project.write(projects, project.read(projects).replace('.references(() => users.id)', ".references(() => { throw new Error('users is not defined yet'); })"));
    const adopting = initFromDrizzle({ cwd: project.dir, drizzleConfig: undefined, split: { kind: 'per-file' }, dryRun: true });
    await expect(adopting).rejects.toThrow(UserError);
    await expect(adopting).rejects.toThrow(/table export projects: its definition throws: users is not defined yet$/);
  });
});
