import { execa } from 'execa';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SHARED_CACHE_DIR } from '../helpers/run-cli.js';
import { createTempProject, REPO_ROOT } from '../helpers/temp-project.js';
import { CORE_SCHEMA, sampleFiles } from '../generate/sample-project.js';
import { withoutStyleWarnings } from '../helpers/style-warnings.js';

interface JsonError {
  ok: boolean;
  error: { message: string; details: string[]; exitCode: number };
}

describe('every error honours --json, commander\'s own included', () => {
  it.each([
    ['an unknown flag', ['generate', '--dry-rn'], "unknown option '--dry-rn'"],
    ['a missing argument', ['add-table', 'core'], "missing required argument 'table'"],
    ['an unknown command', ['genrate'], "unknown command 'genrate'"],
    ['an invalid option value', ['migrate', '--lock-timeout', 'soon'], "option '--lock-timeout <seconds>' argument 'soon' is invalid. expected a number of seconds"],
  ])('%s: one JSON document on stdout, exit 2', async (_name, args, message) => {
    const result = await runCli(['--json', ...args], { cwd: REPO_ROOT });
    expect(result.exitCode).toBe(2);
    const parsed = JSON.parse(result.stdout) as JsonError;
    expect(parsed).toMatchObject({ ok: false, error: { message, exitCode: 2 } });
    // Without --json, commander's own wording on stderr, stdout empty.
    const text = await runCli(args, { cwd: REPO_ROOT });
    expect(text.exitCode).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain(`error: ${message}`);
  });
});

describe('an internal error is printed once and ends the process at once', () => {
  const hostile = (trigger: string) =>
    createTempProject({
      files: sampleFiles({
        // A schema module that keeps the process alive (a timer, as a pool would) and then misbehaves.
        'db/core/schema.ts': `${CORE_SCHEMA}\nsetInterval(() => undefined, 1000);\n${trigger}\n`,
      }),
    });

  it.each([
    ['thrown while sections reads the schema', "export const hostile = new Proxy({}, { getPrototypeOf() { throw new TypeError('injected fault'); } });"],
    ['thrown later by a timer of the schema module', "setTimeout(() => { throw new TypeError('injected fault'); }, 0);"],
  ])('%s', async (_name, trigger) => {
    const project = hostile(trigger);
    // The deadline: a process that lingered after the error would be killed here and fail the test.
    const text = await runCli(['generate'], { cwd: project.dir, timeout: 60_000 });
    expect(text.exitCode).toBe(1);
    expect(text.stderr.match(/internal error in sections/g)).toHaveLength(1);
    expect(text.stderr).toMatch(/^error internal error in sections: injected fault \(please report it with the lines below\)\n {2}TypeError: injected fault\n/);
    const json = await runCli(['--json', 'generate'], { cwd: project.dir, timeout: 60_000 });
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { message: 'internal error in sections: injected fault (please report it with the lines below)', exitCode: 1 } });
  });
});

describe('user mistakes that used to crash', () => {
  it('a references(() => …) that throws: one line naming section and export, exit 2', async () => {
    const project = createTempProject({ files: sampleFiles({ 'db/core/schema.ts': CORE_SCHEMA.replace('.references(() => users.id)', ".references(() => { throw new Error('users is not defined yet'); })") }) });
    const result = await runCli(['generate'], { cwd: project.dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('error section "core": table export parts: its definition throws (a references(() => …) callback?): users is not defined yet');
  });
});

describe('a reader that goes away', () => {
  it('`sections generate | true`: no EPIPE crash, the work done, the exit code its own', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const bin = join(REPO_ROOT, 'bin', 'sections.js');
    const shell = await execa('bash', ['-c', `"${process.execPath}" "${bin}" generate 2>stderr.txt | true; echo "\${PIPESTATUS[0]}"`], {
      cwd: project.dir,
      env: { NO_COLOR: '1', SECTIONS_CACHE_DIR: SHARED_CACHE_DIR },
      reject: false,
    });
    expect(shell.stdout.trim()).toBe('0');
    expect(withoutStyleWarnings(project.read('stderr.txt'))).toBe('');
    expect(project.exists('db/core/types.ts')).toBe(true);
    const help = await execa('bash', ['-c', `"${process.execPath}" "${bin}" --help 2>stderr.txt | true; echo "\${PIPESTATUS[0]}"`], { cwd: project.dir, reject: false });
    expect(help.stdout.trim()).toBe('0');
    expect(project.read('stderr.txt')).toBe('');
  });
});
