import { expect } from 'vitest';
import { NO_SERVER, runCli, type CliResult } from './run-cli.js';
import type { TempProject } from './temp-project.js';

export interface Problem {
  kind: string;
  severity: string;
  section: string | null;
  file: string | null;
  message: string;
  diff?: string;
}

export interface Accepted {
  kind: string;
  section: string;
  file: string | null;
  message: string;
  reason: string | null;
}

export interface CheckJson {
  ok: boolean;
  problems: Problem[];
  accepted: Accepted[];
  baseline?: { file: string; status: string };
}

/**
 * Runs `check` for people and with --json, which must agree on the exit code. With
 * `treeUnchanged`, also asserts the tree is byte-identical after each run.
 */
export async function checkBothWays(project: TempProject, options: { treeUnchanged?: boolean } = {}): Promise<CheckJson & { human: CliResult; exitCode: number }> {
  const before = options.treeUnchanged ? project.snapshot() : undefined;
  const human = await runCli(['check'], { cwd: project.dir, env: NO_SERVER });
  if (before) expect(project.snapshot()).toEqual(before);
  const json = await runCli(['--json', 'check'], { cwd: project.dir, env: NO_SERVER });
  if (before) expect(project.snapshot()).toEqual(before);
  expect(json.exitCode).toBe(human.exitCode);
  return { ...(JSON.parse(json.stdout) as CheckJson), human, exitCode: json.exitCode };
}

/** The problems that fail the run. */
export const errors = (problems: readonly Problem[]) => problems.filter((problem) => problem.severity === 'error');
