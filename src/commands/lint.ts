import { loadConfig } from '../config/load-config.js';
import type { AllowedFinding, LintFinding } from '../lint/lint-migrations.js';
import { runLint, type LintReport, type RunLintOptions } from '../lint/run-lint.js';
import type { CheckProblem } from './check.js';

export type { AllowedFinding, LintFinding };

export interface LintOptions {
  readonly cwd: string;
  readonly config?: string | undefined;
  /** Lint the migrations this git ref's sections.sum does not list. */
  readonly base?: string | undefined;
  /** Else, lint the migrations not yet applied to this database. Else, the last migration. */
  readonly url?: string | undefined;
}

export interface LintResult extends LintReport {
  /** True when no finding has severity `error`. */
  readonly ok: boolean;
}

/**
 * `sections lint`: the new migrations, parsed with PostgreSQL's own parser, against rules for
 * changes that lock or break a live database. Reads only.
 */
export async function lint(options: LintOptions): Promise<LintResult> {
  const config = await loadConfig({ cwd: options.cwd, configFile: options.config });
  const report = await runLint({ config, cwd: options.cwd, base: options.base, url: options.url });
  return { ok: !report.findings.some((finding) => finding.severity === 'error'), ...report };
}

/** The same findings, as `check` reports its problems. */
export async function lintProblems(options: RunLintOptions): Promise<CheckProblem[]> {
  const { findings } = await runLint(options);
  return findings.map((finding) => ({
    kind: 'lint',
    severity: finding.severity,
    section: finding.section,
    file: finding.file,
    message: finding.reason,
    rule: finding.rule,
    line: finding.line,
    table: finding.table,
    statement: finding.statement,
    recipe: finding.recipe,
  }));
}
