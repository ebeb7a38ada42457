import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { BoundarySeverity } from '../config/config-schema.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { UserError } from '../errors.js';
import type { AcceptedForeignKey, AcceptedImport } from './boundary-baseline-schema.js';
import type { BoundaryViolation, ForeignKeyViolation, ImportViolation } from './boundaries.js';

export type { AcceptedForeignKey, AcceptedImport };

/** Beside the config, committed with it: the boundary violations the team has accepted. */
export const BASELINE_FILE = 'sections.boundaries.json';

export interface BoundaryBaseline {
  /** Absolute path of `sections.boundaries.json`. */
  readonly file: string;
  readonly exists: boolean;
  readonly foreignKeys: readonly AcceptedForeignKey[];
  /** `file` and `imports` relative to the config's folder, with `/`. */
  readonly imports: readonly AcceptedImport[];
}

export type BaselineEntry = ({ readonly kind: 'foreign-key' } & AcceptedForeignKey) | ({ readonly kind: 'import' } & AcceptedImport);

/** Each violation found, accepted by an entry (with its reason) or new; and the entries nothing matched any more. */
export interface BaselineVerdict {
  readonly accepted: readonly { readonly violation: BoundaryViolation; readonly reason: string | null }[];
  readonly fresh: readonly BoundaryViolation[];
  readonly stale: readonly BaselineEntry[];
}

export type BoundarySeverities = ResolvedConfig['boundaries'];

export async function readBoundaryBaseline(rootDir: string): Promise<BoundaryBaseline> {
  const file = join(rootDir, BASELINE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, exists: false, foreignKeys: [], imports: [] };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${BASELINE_FILE}: not valid JSON (${(error as Error).message}); fix it, or delete it and run \`sections check --update-baseline\``);
  }
  // Loaded only now: a check answered by the generation stamp in a project without a baseline skips zod.
  const [{ baselineSchema }, { describeConfigIssues }] = await Promise.all([import('./boundary-baseline-schema.js'), import('../config/config-schema.js')]);
  const parsed = baselineSchema.safeParse(json);
  if (!parsed.success) {
    const [first, ...rest] = describeConfigIssues(parsed.error).map((issue) => `${BASELINE_FILE}: ${issue}`);
    throw new UserError(first!, rest);
  }
  return { file, exists: true, foreignKeys: parsed.data.foreignKeys ?? [], imports: parsed.data.imports ?? [] };
}

/** The one identity a violation and its entry share: kind, section, and the table and constraint or the two files. */
function violationKey(violation: BoundaryViolation, rootDir: string): string {
  return violation.kind === 'foreign-key'
    ? JSON.stringify(['foreign-key', violation.section, violation.table, violation.constraint])
    : JSON.stringify(['import', violation.section, projectPath(rootDir, violation.file), projectPath(rootDir, violation.imports)]);
}

function entryKey(entry: BaselineEntry): string {
  return entry.kind === 'foreign-key'
    ? JSON.stringify(['foreign-key', entry.section, entry.table, entry.constraint])
    : JSON.stringify(['import', entry.section, normalize(entry.file), normalize(entry.imports)]);
}

function entries(baseline: BoundaryBaseline): BaselineEntry[] {
  return [...baseline.foreignKeys.map((entry) => ({ kind: 'foreign-key' as const, ...entry })), ...baseline.imports.map((entry) => ({ kind: 'import' as const, ...entry }))];
}

export const severityOf = (severities: BoundarySeverities, kind: BoundaryViolation['kind']): BoundarySeverity => (kind === 'foreign-key' ? severities.foreignKeys : severities.imports);

/**
 * Sorts the violations found by the rules that are on into accepted and new. An entry of a rule
 * that is on but matching nothing is stale: kept, it would silently accept the violation if it
 * came back. Entries of a rule that is off are neither used nor stale.
 */
export function matchBaseline(baseline: BoundaryBaseline, violations: readonly BoundaryViolation[], severities: BoundarySeverities, rootDir: string): BaselineVerdict {
  const reasons = new Map(entries(baseline).map((entry) => [entryKey(entry), entry.reason ?? null]));
  const matched = new Set<string>();
  const accepted: { violation: BoundaryViolation; reason: string | null }[] = [];
  const fresh: BoundaryViolation[] = [];
  for (const violation of violations) {
    if (severityOf(severities, violation.kind) === 'off') continue;
    const key = violationKey(violation, rootDir);
    if (reasons.has(key)) {
      matched.add(key);
      accepted.push({ violation, reason: reasons.get(key)! });
    } else fresh.push(violation);
  }
  const stale = entries(baseline).filter((entry) => severityOf(severities, entry.kind) !== 'off' && !matched.has(entryKey(entry)));
  return { accepted, fresh, stale };
}

/**
 * The baseline accepting exactly the violations found now: reasons kept by identity, entries of a
 * rule that is off kept as they are (nothing was looked at), sorted so that its diff shows only what changed.
 */
export function renderBaseline(baseline: BoundaryBaseline, violations: readonly BoundaryViolation[], severities: BoundarySeverities, rootDir: string): string {
  const reasons = new Map(entries(baseline).map((entry) => [entryKey(entry), entry.reason]));
  const withReason = <T extends object>(entry: T, key: string): T & { reason?: string } => {
    const kept = reasons.get(key);
    return kept === undefined ? entry : { ...entry, reason: kept };
  };
  const unique = <T>(items: readonly T[], key: (item: T) => string): T[] => [...new Map(items.map((item) => [key(item), item])).values()].sort((a, b) => compare(key(a), key(b)));

  const key = (violation: BoundaryViolation) => violationKey(violation, rootDir);
  const recorded = <V extends BoundaryViolation, E extends object>(kind: V['kind'], kept: readonly (E & { reason?: string })[], entryOf: (violation: V) => E) =>
    severityOf(severities, kind) === 'off'
      ? [...kept]
      : unique(violations.filter((violation): violation is V => violation.kind === kind), key).map((violation) => withReason(entryOf(violation), key(violation)));

  const foreignKeys = recorded<ForeignKeyViolation, Omit<AcceptedForeignKey, 'reason'>>('foreign-key', baseline.foreignKeys, (violation) => ({
    section: violation.section,
    table: violation.table,
    constraint: violation.constraint,
  }));
  const imports = recorded<ImportViolation, Omit<AcceptedImport, 'reason'>>('import', baseline.imports, (violation) => ({
    section: violation.section,
    file: projectPath(rootDir, violation.file),
    imports: projectPath(rootDir, violation.imports),
  }));
  return `${JSON.stringify({ foreignKeys, imports }, null, 2)}\n`;
}

/** How a stale entry is named in check's output. */
export function describeEntry(entry: BaselineEntry): string {
  return entry.kind === 'foreign-key'
    ? `foreign key "${entry.constraint}" of table "${entry.table}" (section "${entry.section}")`
    : `the import of ${entry.imports} in ${entry.file} (section "${entry.section}")`;
}

/** Paths in the file are the config folder's, with `/` on every platform: the file is committed. */
function projectPath(rootDir: string, file: string): string {
  const path = relative(rootDir, file);
  return isAbsolute(path) ? resolve(file).split(sep).join('/') : path.split(sep).join('/');
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
