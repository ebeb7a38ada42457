import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';
import { SAMPLE_CONFIG, sampleFiles, VENDOR_SCHEMA } from './sample-project.js';

/** The sample config with one section's `types` (or another key) replaced. */
const withConfig = (from: string, to: string) => {
  expect(SAMPLE_CONFIG).toContain(from);
  return SAMPLE_CONFIG.replace(from, to);
};
const CORE_TYPES = "types: './db/core/types.ts'";

async function expectRefused(project: TempProject, message: string | RegExp, command = 'generate') {
  const before = project.snapshot();
  const result = await runCli([command], { cwd: project.dir });
  expect(result.exitCode, result.stderr).toBe(2);
  const [first, ...rest] = result.stderr.trimEnd().split('\n');
  if (typeof message === 'string') expect(first).toBe(`error ${message}`);
  else expect(first).toMatch(message);
  expect(rest.join('\n')).not.toMatch(/\bat .+:\d+:\d+/);
  expect(project.snapshot()).toEqual(before);
}

/** A project generated once, so that its migrations folder and stubs exist. */
async function generated(): Promise<TempProject> {
  const project = createTempProject({ files: sampleFiles() });
  const result = await runCli(['generate'], { cwd: project.dir });
  expect(result.exitCode, result.stderr).toBe(0);
  return project;
}

function reconfigure(project: TempProject, from: string, to: string): void {
  project.write('sections.config.ts', withConfig(from, to));
}

describe('every output path is checked before anything is written: exit 2 naming both keys', () => {
  it("a section's types naming its own schema, another section's schema, the config or package.json", async () => {
    const project = createTempProject({ files: { ...sampleFiles(), 'package.json': '{ "name": "app" }\n' } });
    const cases: [string, string][] = [
      ["types: './db/core/schema.ts'", 'sections.core.types and sections.core.schema name the same file (db/core/schema.ts); generate would overwrite it'],
      ["types: './db/vendor/schema.ts'", 'sections.core.types and sections.vendor.schema name the same file (db/vendor/schema.ts); generate would overwrite it'],
      ["types: './sections.config.ts'", 'sections.core.types and the config file name the same file (sections.config.ts); generate would overwrite it'],
      ["types: './package.json'", 'sections.core.types and package.json name the same file (package.json); generate would overwrite it'],
    ];
    for (const [types, message] of cases) {
      reconfigure(project, CORE_TYPES, types);
      await expectRefused(project, message);
      await expectRefused(project, message, 'check');
    }
  });

  it('a types file naming a file of the migrations folder, or a user stub', async () => {
    const project = await generated();
    project.write('features/core/part/part.repository.ts', '// mine\n');
    const cases: [string, string][] = [
      ["types: './db/migrations/meta/_journal.json'", 'sections.core.types (db/migrations/meta/_journal.json) is inside migrations (db/migrations); generate writes nothing there but migrations'],
      ["types: './db/migrations/0000_init.sql'", 'sections.core.types (db/migrations/0000_init.sql) is inside migrations (db/migrations); generate writes nothing there but migrations'],
      ["types: './features/core/part/part.repository.ts'", 'sections.core.types and the repository stub of section "core" (features) name the same file (features/core/part/part.repository.ts); each output needs a file of its own'],
    ];
    for (const [types, message] of cases) {
      reconfigure(project, CORE_TYPES, types);
      await expectRefused(project, message);
    }
  });

  it('two sections with the same types file', async () => {
    const project = createTempProject({ files: sampleFiles({ 'sections.config.ts': withConfig("types: './db/vendor/types.ts'", CORE_TYPES) }) });
    await expectRefused(project, 'sections.core.types and sections.vendor.types name the same file (db/core/types.ts); each output needs a file of its own');
  });

  it('a types file naming a module a schema imports', async () => {
    const columns = "import { timestamp } from 'drizzle-orm/pg-core';\nexport const createdAt = timestamp('created_at');\n";
    const vendor = `import { createdAt } from './columns.js';\n${VENDOR_SCHEMA.replace("businessName: text('business_name').notNull(),", "businessName: text('business_name').notNull(), createdAt,")}`;
    const project = createTempProject({ files: sampleFiles({ 'db/vendor/schema.ts': vendor, 'db/vendor/columns.ts': columns, 'sections.config.ts': withConfig(CORE_TYPES, "types: './db/vendor/columns.ts'") }) });
    await expectRefused(project, 'sections.core.types and db/vendor/columns.ts, which a schema module imports name the same file (db/vendor/columns.ts); generate would overwrite it');
  });

  it('paths outside the project, a types path that is a folder, a migrations path that is a file, a missing templates folder', async () => {
    const project = createTempProject({ files: { ...sampleFiles(), 'db/core/types.ts/keep': '', 'db/migrations-file': 'x' } });
    await expectRefused(project, 'sections.core.types: db/core/types.ts is a folder; it must name a file');
    const cases: [string, string, string][] = [
      [CORE_TYPES, "types: '../elsewhere/types.ts'", "sections.config.ts: sections.core.types: ../elsewhere/types.ts is outside the project (the folder of the config file); sections writes only inside it"],
      ["features: './features',", "features: '../../features',", "sections.config.ts: features: ../../features is outside the project (the folder of the config file); sections writes only inside it"],
      ["features: './features',", "features: './features', connections: '/tmp/connections',", "sections.config.ts: connections: /tmp/connections is outside the project (the folder of the config file); sections writes only inside it"],
      ["features: './features',", "features: './features', templates: './my-templates',", 'sections.config.ts: templates: ./my-templates does not exist'],
      ["migrations: './db/migrations',", "migrations: './db/migrations-file',", 'sections.config.ts: migrations: ./db/migrations-file is a file, not a folder'],
    ];
    for (const [from, to, message] of cases) {
      reconfigure(project, from, to);
      await expectRefused(project, message);
    }
  });
});

describe('default output paths stay inside the project', () => {
  it('a schema module near the root (src/schema.ts) gets its connections, features and types inside the project', async () => {
    const project = createTempProject({
      files: {
        'sections.config.ts': "export default { migrations: './drizzle', sections: { app: { schema: './src/schema.ts', types: './src/db-types.ts' } } };\n",
        'src/schema.ts': "import { pgTable, text, uuid } from 'drizzle-orm/pg-core';\n\nexport const notes = pgTable('note', { id: uuid('id').primaryKey(), body: text('body').notNull() });\n",
      },
    });
    const outside = project.path('..', 'connections', 'app.ts');
    const result = await runCli(['generate', '--json'], { cwd: project.dir });
    expect(result.exitCode, result.stderr).toBe(0);
    const written = (JSON.parse(result.stdout) as { files: { path: string }[] }).files.map((file) => file.path);
    expect(project.exists('connections/app.ts')).toBe(true);
    expect(project.exists('connections/pool.ts')).toBe(true);
    expect(project.exists('src/features/app/note/note.repository.ts')).toBe(true);
    expect(existsSync(outside)).toBe(false);
    for (const path of written) expect(relative(project.dir, resolve(project.dir, path)).startsWith('..'), path).toBe(false);
  });
});
