import type { LintFinding } from '../../lint/lint-migrations.js';
import { displayPath } from '../../display-path.js';
import type { Output } from '../output.js';
import { renderLintFinding } from './lint.js';

/**
 * The lint's findings on the migrations `generate` (or a watch run) wrote. Errors are printed in full, as
 * `sections lint` prints them. Warnings are one line per rule and migration, without the fix: a first
 * migration of tables with serial ids would otherwise print a screen of identical advice, and `sections
 * lint` still shows each with its fix. `--verbose` prints every warning in full.
 */
export function renderGeneratedFindings(findings: readonly LintFinding[], output: Output, cwd: string): void {
  const folded = new Map<string, LintFinding[]>();
  for (const finding of findings) {
    if (finding.severity === 'error' || output.options.verbose) {
      renderLintFinding(finding, output, cwd);
      continue;
    }
    const key = `${finding.rule}\n${finding.file}`;
    folded.set(key, [...(folded.get(key) ?? []), finding]);
  }
  for (const group of folded.values()) {
    const first = group[0]!;
    const where = `${output.color.dim(`[${first.rule}]`)} ${displayPath(cwd, first.file)}:${group.map((finding) => finding.line).join(',')}`;
    if (group.length === 1) {
      const about = [first.section, first.table].filter(Boolean).join(', ');
      output.warn(`${where}${about ? ` (${about})` : ''}: ${first.reason}; \`sections lint\` shows the fix`);
      continue;
    }
    const tables = [...new Set(group.map((finding) => finding.table).filter((table): table is string => table !== null))];
    output.warn(`${where}: ${group.length} findings${tables.length > 0 ? ` on ${tables.join(', ')}` : ''}, the first: ${first.reason}; \`sections lint\` shows each with its fix`);
  }
}
