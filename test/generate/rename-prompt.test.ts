import { describe, expect, it } from 'vitest';
import { KEYS, runCliInPty } from '../helpers/pty.js';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject } from '../helpers/temp-project.js';
import { sampleFiles, VENDOR_SCHEMA } from './sample-project.js';

const RENAMED_COLUMN = VENDOR_SCHEMA.replace("businessName: text('business_name')", "companyName: text('company_name')");
const COLUMN_QUESTION = /vendor_profile\.company_name: a new column, or a renamed one\?/;

async function generatedProject() {
  const project = createTempProject({ files: sampleFiles() });
  const first = await runCli(['generate'], { cwd: project.dir });
  expect(first.exitCode).toBe(0);
  return project;
}

describe('rename questions at a terminal', () => {
  it('generate asks, and the answer "renamed" writes a RENAME', async () => {
    const project = await generatedProject();
    project.write('db/vendor/schema.ts', RENAMED_COLUMN);
    const terminal = runCliInPty(['generate'], { cwd: project.dir });
    await terminal.waitFor(COLUMN_QUESTION);
    expect(terminal.output()).toContain('+ company_name  new column');
    expect(terminal.output()).toContain('~ business_name › company_name  rename column');
    terminal.write(KEYS.down);
    await terminal.waitFor(/❯ ~ business_name/);
    terminal.write(KEYS.enter);
    const { exitCode, output } = await terminal.done;
    expect(exitCode, output).toBe(0);
    expect(project.read('db/migrations/0001_vendor.sql')).toBe('ALTER TABLE "vendor_profile" RENAME COLUMN "business_name" TO "company_name";\n');
    expect(project.read('db/vendor/types.ts')).toContain('companyName: string;');
    expect(output).toMatch(/migration db\/migrations\/0001_vendor\.sql created \(1 statement; vendor\)/);
  });
});
