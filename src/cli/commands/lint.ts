import type { Command } from 'commander';
import type { LintResult } from '../../commands/lint.js';
import { displayPath } from '../../display-path.js';
import { RULE_IDS } from '../../lint/rule-ids.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';

/** A lint finding as both `lint` and `check` print it. */
export interface ShownFinding {
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  readonly file: string;
  readonly line: number;
  readonly section: string | null;
  readonly table: string | null;
  readonly statement: string;
  readonly reason: string;
  readonly recipe: string;
}

export function registerLint(program: Command, context: CliContext): void {
  program
    .command('lint')
    .description('check new migrations for changes that lock or break a live database (PostgreSQL\'s own parser; writes nothing)')
    .option('--base <ref>', 'lint the migrations that this git ref\'s sections.sum does not list (e.g. main in a pull request)')
    .option('--url <url>', 'else: lint the migrations not yet applied to this database (else: the last migration)')
    .addHelpText(
      'after',
      () =>
        `\nAccept a finding with a comment on the line above the statement:\n  -- sections:allow <rule-id> <reason>\nor change a rule's severity in sections.config.ts: lint: { rules: { '<rule-id>': 'error' | 'warn' | 'off' } }\n\nRules: ${RULE_IDS.join(', ')}\n\nExit codes: 0 no error (warnings allowed), 1 an error found, 2 config or usage error.`,
    )
    .action(async (flags: { base?: string; url?: string }) => {
      const global = context.global();
      const output = context.output();
      const { lint } = await import('../../commands/lint.js');
      const result = await lint({ cwd: global.cwd, config: global.config, base: flags.base, url: flags.url });
      if (global.json) output.json(result);
      else renderLint(result, output, global.cwd);
      if (process.env.GITHUB_ACTIONS === 'true' && !global.json) for (const finding of result.findings) writeLintAnnotation(finding, global.cwd, output);
      context.exitCode = result.ok ? 0 : 1;
    });
}

function renderLint(result: LintResult, output: Output, cwd: string): void {
  const { color } = output;
  for (const finding of result.findings) renderLintFinding(finding, output, cwd);
  const scope = result.scope.from === 'base' ? `new since ${result.scope.against}` : result.scope.from === 'database' ? `not applied to ${result.scope.against}` : 'the last migration';
  const count = result.scope.migrations.length;
  const linted = `${count} migration${count === 1 ? '' : 's'} (${scope})`;
  const errors = result.findings.filter((finding) => finding.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const tally = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`, ...(result.allowed.length > 0 ? [`${result.allowed.length} allowed`] : [])].join(', ');
  output.info(`${result.ok ? color.green('✓') : color.red('✗')} ${linted}: ${tally}`);
}

/** `[rule] file:line (section, table): reason`, then the statement and the recipe. */
export function renderLintFinding(finding: ShownFinding, output: Output, cwd: string): void {
  const { color } = output;
  const about = [finding.section, finding.table].filter(Boolean).join(', ');
  const line = `${color.dim(`[${finding.rule}]`)} ${displayPath(cwd, finding.file)}:${finding.line}${about ? ` (${about})` : ''}: ${finding.reason}`;
  if (finding.severity === 'error') output.error(line);
  else output.warn(line);
  if (output.options.quiet && finding.severity !== 'error' && !output.options.verbose) return;
  if (finding.statement) output.errorDetail(color.dim(oneLine(finding.statement)));
  output.errorDetail(`${color.cyan('fix:')} ${finding.recipe}`);
}

/** A GitHub Actions workflow command on the statement's line of the .sql file in the pull request. */
export function writeLintAnnotation(finding: ShownFinding, cwd: string, output: Output): void {
  const message = escapeAnnotation(`${finding.reason}\nfix: ${finding.recipe}`);
  output.annotation(`::${finding.severity} file=${displayPath(cwd, finding.file)},line=${finding.line},title=sections ${finding.rule}::${message}`);
}

export function escapeAnnotation(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function oneLine(statement: string): string {
  const flat = statement.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}
