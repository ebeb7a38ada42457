import { lintMigrations, type ColumnTypes, type LintOutcome, type RuleSettings } from '../../src/lint/lint-migrations.js';
import { loadParser, parseMigration } from '../../src/lint/parse-migration.js';
import type { LintProject, PublicIdReferrer } from '../../src/lint/rule.js';
import type { ParsedMigration } from '../../src/lint/parsed-migration.js';

/** Who owns what, as plain data: `{ user: 'core', vendor_profile: 'vendor' }`. */
export interface ProjectFacts {
  readonly owners?: Readonly<Record<string, string>>;
  readonly referrers?: Readonly<Record<string, readonly PublicIdReferrer[]>>;
}

export function projectOf(facts: ProjectFacts = {}): LintProject {
  return {
    sectionOfTable: (table) => facts.owners?.[table.name] ?? null,
    sectionOfType: (type) => facts.owners?.[type.name] ?? null,
    publicIdReferrers: (table) => facts.referrers?.[table.name] ?? [],
  };
}

export async function parse(sql: string, tag = '0001_change'): Promise<ParsedMigration> {
  return parseMigration(await loadParser(), { tag, file: `/project/migrations/${tag}.sql`, shownAs: `migrations/${tag}.sql`, sql });
}

/**
 * Lints the last of the given migrations' SQL texts, all of them in scope (oldest first), as the
 * unapplied set of a branch.
 */
export async function lintSql(sqls: string | readonly string[], options: { facts?: ProjectFacts; settings?: RuleSettings; typesBefore?: ColumnTypes } = {}): Promise<LintOutcome> {
  const texts = typeof sqls === 'string' ? [sqls] : sqls;
  const parsed = await Promise.all(texts.map((sql, index) => parse(sql, `000${index}_change`)));
  const typesBefore = new Map(parsed.map((migration) => [migration.tag, options.typesBefore ?? {}]));
  return lintMigrations(parsed, projectOf(options.facts), options.settings ?? {}, typesBefore);
}

export async function rulesFired(sqls: string | readonly string[], options: { facts?: ProjectFacts; settings?: RuleSettings } = {}): Promise<string[]> {
  return (await lintSql(sqls, options)).findings.map((finding) => finding.rule);
}
