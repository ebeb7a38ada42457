import { describe, expect, it } from 'vitest';
import { KEYS, runCliInPty } from '../helpers/pty.js';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject } from '../helpers/temp-project.js';
import { sampleFiles, VENDOR_SCHEMA } from './sample-project.js';

const RENAMED_COLUMN = VENDOR_SCHEMA.replace("businessName: text('business_name')", "companyName: text('company_name')");
const COLUMN_QUESTION = /vendor_profile\.company_name: a new column, or a renamed one\?/;
const RENAME_SQL = 'ALTER TABLE "vendor_profile" RENAME COLUMN "business_name" TO "company_name";\n';

async function generatedProject() {
  const project = createTempProject({ files: sampleFiles() });
  const first = await runCli(['generate'], { cwd: project.dir });
  expect(first.exitCode).toBe(0);
  return project;
}

describe('rename questions at a terminal', () => {
  it('generate asks, and the answer "renamed" writes a RENAME; the progress line is cleared before the question', async () => {
    const project = await generatedProject();
    project.write('db/vendor/schema.ts', RENAMED_COLUMN);
    const terminal = runCliInPty(['generate'], { cwd: project.dir });
    await terminal.waitFor(COLUMN_QUESTION);
    expect(terminal.output()).toContain('❯ + company_name  new column');
    expect(terminal.output()).toContain('  ~ business_name › company_name  rename column');
    // Every progress step was erased (carriage return, erase line) before the question began.
    expect(terminal.output()).toMatch(/diffing schemas against the last snapshot…(\r\x1b\[K[^\r?]*…)*\r\x1b\[K\? vendor_profile\.company_name/);
    terminal.write(KEYS.down);
    await terminal.waitFor(/❯ ~ business_name/);
    terminal.write(KEYS.enter);
    const { exitCode, output } = await terminal.done;
    expect(exitCode, output).toBe(0);
    expect(project.read('db/migrations/0001_vendor.sql')).toBe(RENAME_SQL);
    expect(project.read('db/vendor/types.ts')).toContain('companyName: string;');
    expect(output).toMatch(/migration db\/migrations\/0001_vendor\.sql created \(1 statement; vendor\)/);
  });

  it('the answer "new" drops the old column and adds the new one', async () => {
    const project = await generatedProject();
    project.write('db/vendor/schema.ts', RENAMED_COLUMN);
    const terminal = runCliInPty(['generate'], { cwd: project.dir });
    await terminal.waitFor(COLUMN_QUESTION);
    terminal.write(KEYS.enter);
    const { exitCode, output } = await terminal.done;
    expect(exitCode, output).toBe(0);
    const sql = project.read('db/migrations/0001_vendor.sql');
    expect(sql).toContain('ALTER TABLE "vendor_profile" DROP COLUMN "business_name";');
    expect(sql).toContain('ALTER TABLE "vendor_profile" ADD COLUMN "company_name" text NOT NULL;');
    expect(sql).not.toContain('RENAME');
  });

  it('a renamed table is asked about too, one question per table that appeared', async () => {
    const project = await generatedProject();
    project.write('db/customer/schema.ts', project.read('db/customer/schema.ts').replace("pgTable('wishlist'", "pgTable('wishlist_item'"));
    const terminal = runCliInPty(['generate'], { cwd: project.dir });
    await terminal.waitFor(/wishlist_item: a new table, or a renamed one\?/);
    terminal.write(KEYS.down);
    await terminal.waitFor(/❯ ~ wishlist › wishlist_item  rename table/);
    terminal.write(KEYS.enter);
    const { exitCode, output } = await terminal.done;
    expect(exitCode, output).toBe(0);
    expect(project.read('db/migrations/0001_customer.sql')).toBe('ALTER TABLE "wishlist" RENAME TO "wishlist_item";\n');
  });

  it('Ctrl-C at the question exits 130 and writes nothing', async () => {
    const project = await generatedProject();
    project.write('db/vendor/schema.ts', RENAMED_COLUMN);
    const before = project.snapshot();
    const terminal = runCliInPty(['generate'], { cwd: project.dir });
    await terminal.waitFor(COLUMN_QUESTION);
    terminal.write(KEYS.ctrlC);
    const { exitCode, output } = await terminal.done;
    expect(exitCode, output).toBe(130);
    expect(output).toContain('error stopped at a rename question (Ctrl-C): no migration was written');
    expect(project.snapshot()).toEqual(before);
  });

  it('--json at a terminal never asks: the same exit 1 and one JSON document as without a terminal', async () => {
    const project = await generatedProject();
    project.write('db/vendor/schema.ts', RENAMED_COLUMN);
    const before = project.snapshot();
    const { exitCode, output } = await runCliInPty(['--json', 'generate'], { cwd: project.dir }).done;
    expect(exitCode, output).toBe(1);
    expect(output).not.toContain('a new column, or a renamed one?');
    // The terminal shows stdout's document and then stderr's error line.
    const text = output.replaceAll('\r\n', '\n');
    const document = JSON.parse(text.slice(0, text.indexOf('\n}\n') + 2)) as { ok: boolean; error: { message: string; details: string[] } };
    expect(document.ok).toBe(false);
    expect(document.error.details).toContain('--rename vendor_profile.business_name=company_name');
    expect(project.snapshot()).toEqual(before);
  });

  it('generate --watch asks too, and writes the RENAME after the answer', async () => {
    const project = await generatedProject();
    const terminal = runCliInPty(['generate', '--watch'], { cwd: project.dir });
    await terminal.waitFor(/watching the config and schema folders/);
    await terminal.waitFor(/generated: 0 files written/);
    project.write('db/vendor/schema.ts', RENAMED_COLUMN);
    await terminal.waitFor(COLUMN_QUESTION);
    terminal.write(KEYS.down);
    await terminal.waitFor(/❯ ~ business_name/);
    terminal.write(KEYS.enter);
    await terminal.waitFor(/generated: \d+ files? written, migration 0001_vendor/);
    expect(project.read('db/migrations/0001_vendor.sql')).toBe(RENAME_SQL);

    // The next save rewrites the draft from before the rename: the answer is remembered, not asked again.
    project.write('db/vendor/schema.ts', RENAMED_COLUMN.replace("companyName: text('company_name').notNull(),", "companyName: text('company_name').notNull(),\n  city: text('city'),"));
    await terminal.waitFor(/migration 0001_vendor \(the session's draft, rewritten\)/);
    expect(project.read('db/migrations/0001_vendor.sql')).toBe(`${RENAME_SQL}--> statement-breakpoint\nALTER TABLE "vendor_profile" ADD COLUMN "city" text;`);
    expect(terminal.output().match(/\? vendor_profile\.company_name: a new column/g)).toHaveLength(2);
    expect(terminal.output().match(/✔ vendor_profile\.company_name: a new column/g)).toHaveLength(1);
    terminal.write(KEYS.ctrlC);
    const { exitCode, output } = await terminal.done;
    expect(exitCode, output).toBe(0);
    expect(output).not.toContain('stopped at a rename question');
  });
});

describe('the progress line at a terminal', () => {
  /** A progress step is written as erase-line, the step, "…"; whatever comes next must erase it first. */
  const LEFT_OVER = /\r\x1b\[K[^\r\n…]*…(?!\r\x1b\[K)/;

  it('is erased before warnings and before errors', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const generated = await runCliInPty(['generate'], { cwd: project.dir }).done;
    expect(generated.exitCode, generated.output).toBe(0);
    expect(generated.output).toContain('\r\x1b[Kloading section schemas…');
    expect(generated.output).toMatch(/^warning \[prefer-identity\]/m);
    expect(generated.output).not.toMatch(LEFT_OVER);

    project.write('db/vendor/schema.ts', `${VENDOR_SCHEMA}\nexport const broken = ;\n`);
    const failed = await runCliInPty(['generate'], { cwd: project.dir }).done;
    expect(failed.exitCode, failed.output).toBe(2);
    expect(failed.output).toMatch(/…\r\x1b\[Kerror db\/vendor\/schema\.ts: cannot load the schema of section "vendor"/);
    expect(failed.output).not.toMatch(LEFT_OVER);
  });

  it('is erased before what a schema module prints itself', async () => {
    const project = createTempProject({ files: sampleFiles({ 'db/vendor/schema.ts': `console.log('vendor schema loaded');\n${VENDOR_SCHEMA}` }) });
    const generated = await runCliInPty(['generate'], { cwd: project.dir }).done;
    expect(generated.exitCode, generated.output).toBe(0);
    expect(generated.output).toContain('\r\x1b[Kloading section schemas…');
    expect(generated.output).toMatch(/…\r\x1b\[Kvendor schema loaded\r?\n/);
    expect(generated.output).not.toMatch(LEFT_OVER);
  });
});
