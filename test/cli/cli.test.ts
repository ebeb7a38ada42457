import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, REPO_ROOT } from '../helpers/temp-project.js';
import { sampleFiles } from '../generate/sample-project.js';

describe('the CLI shell', () => {
  it('--help lists every command and exits 0', async () => {
    const result = await runCli(['--help'], { cwd: REPO_ROOT });
    expect(result.exitCode).toBe(0);
    for (const command of ['init', 'generate', 'migrate', 'status', 'check', 'graph', 'add-table', 'add-section']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('every subcommand\'s help lists the global options, and no help speaks of a "seed"', async () => {
    const commands = ['init', 'generate', 'migrate', 'status', 'check', 'graph', 'add-table', 'add-section'];
    const helps = await Promise.all(commands.map((command) => runCli([command, '--help'], { cwd: REPO_ROOT })));
    for (const [index, help] of helps.entries()) {
      expect(help.exitCode).toBe(0);
      const global = help.stdout.slice(help.stdout.indexOf('Global Options:'));
      for (const option of ['--cwd <dir>', '--config <file>', '--json', '--quiet', '--verbose', '--no-color']) {
        expect(global, `${commands[index]} --help`).toContain(option);
      }
      expect(help.stdout).not.toMatch(/seed/i);
    }
    expect((await runCli(['--help'], { cwd: REPO_ROOT })).stdout).not.toMatch(/seed/i);
    expect(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).not.toMatch(/seed/i);
  });

  it('--version prints the package version', async () => {
    const result = await runCli(['--version'], { cwd: REPO_ROOT });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('an unknown command is exit 2 with a suggestion', async () => {
    const result = await runCli(['genrate'], { cwd: REPO_ROOT });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("error: unknown command 'genrate'");
    expect(result.stderr).toContain('(Did you mean generate?)');
  });

  it('an unknown flag is exit 2 with a suggestion', async () => {
    const result = await runCli(['generate', '--dry-rn'], { cwd: REPO_ROOT });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("error: unknown option '--dry-rn'");
    expect(result.stderr).toContain('(Did you mean --dry-run?)');
  });

  it('colour only when forced: FORCE_COLOR wins over no TTY, NO_COLOR wins otherwise', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const plain = await runCli(['generate'], { cwd: project.dir });
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = await runCli(['generate'], { cwd: project.dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
    const flag = await runCli(['--no-color', 'generate'], { cwd: project.dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(flag.stdout).not.toContain('\u001b[');
  });

  it('--quiet prints nothing on success; --cwd runs elsewhere', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const result = await runCli(['--quiet', '--cwd', project.dir, 'generate'], { cwd: REPO_ROOT });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect(project.exists('db/core/types.ts')).toBe(true);
  });

  it('a project without typescript (kysely-codegen requires it, undeclared) gets the install line, and the process ends', async () => {
    const project = createTempProject({ files: sampleFiles() });
    // As in a project where typescript is not installed: kysely-codegen requires it, undeclared.
    project.write(
      'no-typescript.mjs',
      "import Module from 'node:module';\nconst resolve = Module._resolveFilename;\nModule._resolveFilename = function (request, ...rest) {\n  if (request === 'typescript') throw Object.assign(new Error(\"Cannot find module 'typescript'\"), { code: 'MODULE_NOT_FOUND' });\n  return resolve.call(this, request, ...rest);\n};\n",
    );
    const result = await execa(process.execPath, ['--import', './no-typescript.mjs', join(REPO_ROOT, 'bin', 'sections.js'), 'generate'], {
      cwd: project.dir,
      // A cache of its own: the run boots the embedded database instead of finding the types cached.
      env: { NO_COLOR: '1', SECTIONS_CACHE_DIR: project.path('cache') },
      reject: false,
      stdin: 'ignore',
      timeout: 90_000,
    });
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('error kysely-codegen needs the typescript package, which this project does not have: npm install --save-dev typescript@5');
  });

  it('--json on a user error prints one JSON document and exits 2', async () => {
    const project = createTempProject({ files: { 'sections.config.ts': 'export default { sections: {} };' } });
    const result = await runCli(['--json', 'generate'], { cwd: project.dir });
    expect(result.exitCode).toBe(2);
    const parsed = JSON.parse(result.stdout) as { ok: boolean; error: { message: string; exitCode: number } };
    expect(parsed.ok).toBe(false);
    expect(parsed.error.exitCode).toBe(2);
    expect(parsed.error.message).toContain('sections.config.ts: migrations:');
  });
});
