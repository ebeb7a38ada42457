import type { Command } from 'commander';
import type { CheckProblem, CheckResult } from '../../commands/check.js';
import { displayPath } from '../../display-path.js';
import type { CliContext } from '../context.js';
import { count } from '../count.js';
import { lockOptions, lockTimeoutOption } from './lock-timeout.js';
import type { Output } from '../output.js';
import { escapeAnnotation, renderLintFinding, writeLintAnnotation, type ShownFinding } from './lint.js';

export function registerCheck(program: Command, context: CliContext): void {
  program
    .command('check')
    .description('fail when a migration, types file or stub is stale, a section boundary is broken or a new migration is unsafe (for CI; writes nothing, but sections.boundaries.json with --update-baseline)')
    .option('--shadow-url <url>', 'run the migrations on this PostgreSQL server instead of the embedded PGlite (never your working database)')
    .option('--base <ref>', 'lint the migrations that this git ref\'s sections.sum does not list (else the last migration; see `sections lint`)')
    .option('--update-baseline', 'rewrite sections.boundaries.json to accept the boundary violations found now (keeps their reasons)')
    .addOption(lockTimeoutOption('a command writing this project'))
    .addHelpText('after', '\nExit codes: 0 all good, 1 problems found, 2 config or usage error.')
    .action(async (flags: { shadowUrl?: string; base?: string; lockTimeout: number; updateBaseline?: boolean }) => {
      await runCheckAction(context, flags.shadowUrl, flags.lockTimeout, flags.base, flags.updateBaseline ?? false);
    });
}

/** Shared with `sections generate --check`, the alias for users of kysely-codegen's --verify. */
export async function runCheckAction(context: CliContext, shadowUrl: string | undefined, lockTimeout: number, base?: string, updateBaseline = false): Promise<void> {
  const global = context.global();
  const output = context.output();
  const { check } = await import('../../commands/check.js');
  const result = await check({ cwd: global.cwd, config: global.config, shadowUrl, base, updateBaseline, progress: (step) => output.progress(step), lock: lockOptions(lockTimeout, output) });
  output.clearProgress();
  if (global.json) output.json(result);
  else renderCheck(result, output, global.cwd);
  if (process.env.GITHUB_ACTIONS === 'true' && !global.json) renderAnnotations(result, output, global.cwd);
  context.exitCode = result.ok ? 0 : 1;
}

function renderCheck(result: CheckResult, output: Output, cwd: string): void {
  const { color } = output;
  for (const problem of result.problems) {
    const finding = asFinding(problem);
    if (finding) {
      renderLintFinding(finding, output, cwd);
      continue;
    }
    const where = problem.file ? `${displayPath(cwd, problem.file)}: ` : '';
    const line = `${color.dim(`[${problem.kind}]`)} ${where}${problem.message}`;
    if (problem.severity === 'error') output.error(line);
    else output.warn(line);
    for (const detail of problem.details ?? []) output.errorDetail(detail);
    if (problem.diff) for (const diffLine of problem.diff.split('\n').slice(2)) output.errorDetail(colorDiff(diffLine, output));
  }
  renderAccepted(result, output, cwd);
  const errors = result.problems.filter((problem) => problem.severity === 'error').length;
  if (result.ok) output.info(`${color.green('✓')} migrations, types, stubs and boundaries are up to date`);
  else output.info(`${color.red('✗')} ${count(errors, 'problem')} found`);
}

/** Accepted violations stay in sight, one line each, so that the baseline is seen to shrink (or not). */
function renderAccepted(result: CheckResult, output: Output, cwd: string): void {
  const { color } = output;
  if (result.baseline) output.info(`${displayPath(cwd, result.baseline.file)}: ${result.baseline.status === 'unchanged' ? 'already accepts exactly the boundary violations found' : `${result.baseline.status}, accepting ${count(result.accepted.length, 'boundary violation')}`}`);
  if (result.accepted.length === 0) return;
  output.info(`${count(result.accepted.length, 'boundary violation')} accepted by sections.boundaries.json:`);
  for (const accepted of result.accepted) {
    const where = accepted.file ? `${displayPath(cwd, accepted.file)}: ` : '';
    output.info(`  ${color.dim(`[${accepted.kind}]`)} ${where}${accepted.message}${accepted.reason ? color.dim(` (accepted: ${accepted.reason})`) : ''}`);
  }
}

function colorDiff(line: string, output: Output): string {
  if (line.startsWith('+') && !line.startsWith('+++')) return output.color.green(line);
  if (line.startsWith('-') && !line.startsWith('---')) return output.color.red(line);
  return line;
}

/** GitHub Actions workflow commands: each problem shows up on the file in the pull request. */
function renderAnnotations(result: CheckResult, output: Output, cwd: string): void {
  for (const problem of result.problems) {
    const finding = asFinding(problem);
    if (finding) {
      writeLintAnnotation(finding, cwd, output);
      continue;
    }
    const file = problem.file ? ` file=${displayPath(cwd, problem.file)}` : '';
    output.annotation(`::${problem.severity === 'error' ? 'error' : 'warning'}${file},title=sections ${problem.kind}::${escapeAnnotation(problem.message)}`);
  }
}

/** A `lint` problem, printed like `sections lint` prints its findings. */
function asFinding(problem: CheckProblem): ShownFinding | undefined {
  if (problem.kind !== 'lint' || !problem.file || problem.line === undefined) return undefined;
  return {
    severity: problem.severity,
    rule: problem.rule ?? problem.kind,
    file: problem.file,
    line: problem.line,
    section: problem.section,
    table: problem.table ?? null,
    statement: problem.statement ?? '',
    reason: problem.message,
    recipe: problem.recipe ?? '',
  };
}
