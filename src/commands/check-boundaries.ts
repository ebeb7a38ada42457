import type { ResolvedConfig } from '../config/resolved-config.js';
import { findImportViolations, type BoundaryViolation, type ForeignKeyViolation, type ImportViolation } from '../model/boundaries.js';
import { BASELINE_FILE, describeEntry, matchBaseline, readBoundaryBaseline, renderBaseline, severityOf, type BaselineVerdict } from '../model/boundary-baseline.js';
import { applyPlan } from '../plan/apply-plan.js';
import type { ProjectLock } from '../plan/project-lock.js';
import type { FileStatus } from '../planned-file.js';
import type { CheckProblem } from './check.js';

/** A boundary violation `sections.boundaries.json` accepts: reported, never failing. */
export interface AcceptedViolation {
  readonly kind: 'foreign-key-boundary' | 'import-boundary';
  readonly section: string;
  readonly file: string | null;
  readonly message: string;
  readonly reason: string | null;
}

export interface BoundaryCheck {
  readonly problems: readonly CheckProblem[];
  readonly accepted: readonly AcceptedViolation[];
  /** With `--update-baseline`: the file and what became of it. */
  readonly baseline?: { readonly file: string; readonly status: FileStatus };
}

/**
 * The imports between sections, unless that rule is off. Finding them loads TypeScript: a caller
 * that waits for something else meanwhile (the engine) starts this first and passes it on.
 */
export function findImportViolationsIfOn(config: ResolvedConfig): Promise<readonly ImportViolation[]> {
  return config.boundaries.imports === 'off' ? Promise.resolve([]) : findImportViolations(config);
}

/** The violations of rules that are on, sorted by the baseline into accepted and new. */
export async function boundaryVerdict(
  config: ResolvedConfig,
  foreignKeyViolations: readonly ForeignKeyViolation[],
  importViolations = findImportViolationsIfOn(config),
): Promise<BaselineVerdict> {
  const violations = [...foreignKeyViolations, ...(await importViolations)];
  return matchBaseline(await readBoundaryBaseline(config.rootDir), violations, config.boundaries, config.rootDir);
}

/** What `generate` warns about: the violations of rules that are on which the baseline does not accept. */
export async function unacceptedViolations(
  config: ResolvedConfig,
  foreignKeyViolations: readonly ForeignKeyViolation[],
  importViolations = findImportViolationsIfOn(config),
): Promise<BoundaryViolation[]> {
  return [...(await boundaryVerdict(config, foreignKeyViolations, importViolations)).fresh];
}

const problemKind = (violation: BoundaryViolation): AcceptedViolation['kind'] => (violation.kind === 'foreign-key' ? 'foreign-key-boundary' : 'import-boundary');

/**
 * The boundary rules against the baseline: a violation it lists is accepted, any other is a
 * problem of the rule's severity, and an entry that matches nothing is stale. With
 * `updateBaseline`, the baseline is first rewritten (through the plan applier, under the lock the
 * caller holds) to accept exactly what is found now.
 */
export async function checkBoundaries(
  config: ResolvedConfig,
  foreignKeyViolations: readonly ForeignKeyViolation[],
  options: { readonly updateBaseline: boolean; readonly lock: ProjectLock; readonly importViolations?: Promise<readonly ImportViolation[]> },
): Promise<BoundaryCheck> {
  const severities = config.boundaries;
  // Violations of a rule that is off are neither matched nor recorded, so they need not be filtered here.
  const violations = [...foreignKeyViolations, ...(await (options.importViolations ?? findImportViolationsIfOn(config)))];
  let baseline = await readBoundaryBaseline(config.rootDir);
  let written: BoundaryCheck['baseline'];
  if (options.updateBaseline) {
    const content = renderBaseline(baseline, violations, severities, config.rootDir);
    const [outcome] = await applyPlan({ files: [{ path: baseline.file, content, ownership: 'generated', kind: 'boundary-baseline' }] }, { lock: options.lock });
    written = { file: baseline.file, status: outcome!.status };
    baseline = await readBoundaryBaseline(config.rootDir);
  }
  const verdict = matchBaseline(baseline, violations, severities, config.rootDir);
  const severity = (kind: BoundaryViolation['kind']) => (severityOf(severities, kind) === 'error' ? 'error' : 'warning');
  const problems: CheckProblem[] = [
    ...verdict.fresh.map((violation): CheckProblem => ({ kind: problemKind(violation), severity: severity(violation.kind), section: violation.section, file: violation.file, message: violation.message })),
    ...verdict.stale.map(
      (entry): CheckProblem => ({
        kind: 'boundary-baseline-stale',
        severity: severity(entry.kind),
        section: entry.section,
        file: baseline.file,
        message: `${BASELINE_FILE} accepts ${describeEntry(entry)}, which is no longer there; run \`sections check --update-baseline\` so that it cannot come back unnoticed`,
      }),
    ),
  ];
  const accepted = verdict.accepted.map(({ violation, reason }) => ({ kind: problemKind(violation), section: violation.section, file: violation.file, message: violation.message, reason }));
  return { problems, accepted, ...(written ? { baseline: written } : {}) };
}
