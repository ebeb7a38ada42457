import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sampleFiles } from '../generate/sample-project.js';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';

/**
 * What a command loads is most of what it costs: the CLI lazy-imports each command's work, so
 * `--help` and a `check` answered by the generation stamp must not load the heavy packages.
 * A module hook records every module the process resolves.
 */
async function loadedPackages(project: TempProject, args: readonly string[]): Promise<Set<string>> {
  const log = project.path('.loaded-modules.log');
  writeFileSync(log, '');
  const hook = project.path('.record-hook.mjs');
  writeFileSync(
    hook,
    `import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const resolved = await next(specifier, context);\n  appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');\n  return resolved;\n}\n`,
  );
  const register = project.path('.record.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
  const result = await runCli(args, { cwd: project.dir, env: { NODE_OPTIONS: `--import=${pathToFileURL(register).href}` } });
  expect(result.exitCode, result.stderr).toBe(0);
  const packages = readFileSync(log, 'utf8')
    .split('\n')
    .map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1])
    .filter((name): name is string => name !== undefined);
  return new Set(packages);
}

const HEAVY = ['zod', 'diff', 'drizzle-kit', 'drizzle-orm', '@electric-sql/pglite', 'kysely-codegen', 'kysely', 'typescript', 'ts-morph', 'jiti', 'libpg-query', 'pg', '@viz-js/viz', 'esbuild'];

describe('what a command loads', () => {
  it('--help loads only the argument parser and the colours', async () => {
    const project = createTempProject();
    expect([...(await loadedPackages(project, ['--help']))].sort()).toEqual(['chalk', 'commander']);
  });

  it('check on an up-to-date tree loads none of the heavy packages', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const generated = await runCli(['generate'], { cwd: project.dir });
    expect(generated.exitCode, generated.stderr).toBe(0);
    // The first check after generate confirms the tree and keeps its stamp; the second is answered by it.
    expect((await runCli(['check'], { cwd: project.dir })).exitCode).toBe(0);
    const loaded = await loadedPackages(project, ['check']);
    expect(HEAVY.filter((name) => loaded.has(name))).toEqual([]);
    expect(loaded.has('commander')).toBe(true);
  });
});
