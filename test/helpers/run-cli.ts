import { execa } from 'execa';
import { join } from 'node:path';
import { REPO_ROOT, TEST_RUN_DIR } from './temp-project.js';

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * One cache for every test project (PGlite's initial cluster, introspection results), as a CI
 * cache would be; a test about the engines passes its own SECTIONS_CACHE_DIR.
 */
export const SHARED_CACHE_DIR = join(TEST_RUN_DIR, 'cache');

/** For commands that must need no server (check, graph): any attempt to reach one fails loudly. */
export const NO_SERVER = { PGHOST: '127.0.0.1', PGPORT: '1', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };

/** Runs the built `sections` binary as a child process, with no TTY and no colour. */
export async function runCli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined>; timeout?: number } ,
): Promise<CliResult> {
  const result = await execa(process.execPath, [join(REPO_ROOT, 'bin', 'sections.js'), ...args], {
    cwd: options.cwd,
    env: { NO_COLOR: '1', FORCE_COLOR: undefined, DATABASE_URL: undefined, SECTIONS_CACHE_DIR: SHARED_CACHE_DIR, ...options.env },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
    timeout: options.timeout ?? 180_000,
  });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}
