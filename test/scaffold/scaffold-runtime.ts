import { join } from 'node:path';
import { execa } from 'execa';
import { expect } from 'vitest';
import { REPO_ROOT, type TempProject } from '../helpers/temp-project.js';

const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** As strict as a careful team's tsconfig: what the scaffolds must compile under. */
export const STRICT_TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, noUnusedLocals: true, types: ['node'] },
  include: ['**/*.ts'],
  exclude: ['node_modules'],
});

/** tsc over a project (or a tsconfig of it): exit code and what it printed. */
export async function compile(dir: string, tsconfig = 'tsconfig.json'): Promise<{ exitCode: number | undefined; stdout: string }> {
  const run = await execa(process.execPath, [TSC, '-p', tsconfig], { cwd: dir, reject: false });
  return { exitCode: run.exitCode, stdout: run.stdout };
}

/** Runs the project's exercise.ts against a database; what it printed, as JSON. */
export async function runExercise(project: TempProject, databaseUrl: string): Promise<unknown> {
  const run = await execa(process.execPath, [join(REPO_ROOT, 'node_modules', 'jiti', 'lib', 'jiti-cli.mjs'), 'exercise.ts'], {
    cwd: project.dir,
    env: { DATABASE_URL: databaseUrl },
    reject: false,
  });
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}
