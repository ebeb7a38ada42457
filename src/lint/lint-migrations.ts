import { lineOfLocation, type ParsedMigration, type ParsedStatement } from './parsed-migration.js';
import type { LintProject, RuleHit, RuleInfo, Severity, StatementContext } from './rule.js';
import { RULES, SYNTAX_ERROR } from './rule-catalogue.js';
import type { RuleId, RuleSetting } from './rule-ids.js';
import { showTable, tableKey, type TableRef } from './sql-names.js';
import { createdIndex, createdTable, createdType, renamedTable } from './statements.js';

export interface LintFinding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly file: string;
  /** The 1-based line of the statement (or of the column or constraint it is about) in the file. */
  readonly line: number;
  /** The migration's tag, e.g. `0004_add_rating`. */
  readonly migration: string;
  readonly section: string | null;
  readonly table: string | null;
  readonly statement: string;
  /** One line: what the statement does and why that is unsafe. */
  readonly reason: string;
  /** The safe way to make the same change. */
  readonly recipe: string;
}

/** A finding a `-- sections:allow` directive accepted, kept for the record. */
export interface AllowedFinding {
  readonly rule: RuleId;
  readonly file: string;
  readonly line: number;
  readonly migration: string;
  /** The directive's reason. */
  readonly because: string;
}

export interface LintOutcome {
  readonly findings: readonly LintFinding[];
  readonly allowed: readonly AllowedFinding[];
}

export type RuleSettings = Readonly<Partial<Record<RuleId, RuleSetting>>>;

/** Column types by table (`public.user`) and column, as a drizzle-kit snapshot spells them. */
export type ColumnTypes = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * Runs every rule over the migrations in scope, oldest first. Pure: the parsed migrations, what
 * the project says about ownership and the config's rule settings in; findings out.
 */
export function lintMigrations(
  migrations: readonly ParsedMigration[],
  project: LintProject,
  settings: RuleSettings,
  /** By migration tag: the column types of the snapshot before it. */
  typesBefore: ReadonlyMap<string, ColumnTypes> = new Map(),
): LintOutcome {
  const severityOf = (rule: RuleInfo): Severity | null => {
    const setting = settings[rule.id];
    if (setting === 'off') return null;
    return setting === 'warn' ? 'warning' : setting === 'error' ? 'error' : rule.severity;
  };
  const scoped = migrations.flatMap((migration) => migration.statements.map((statement, index) => ({ migration, statement, index })));
  const created = creationPositions(scoped.map(({ statement }) => statement));
  const findings: LintFinding[] = [];
  const allowed: AllowedFinding[] = [];

  const report = (rule: RuleInfo, migration: ParsedMigration, statement: ParsedStatement, hit: RuleHit, section: string | null) => {
    const severity = severityOf(rule);
    if (!severity) return;
    const line = lineOfLocation(migration, statement, hit.location);
    const directive = statement.allow.find((each) => each.rule === rule.id);
    if (directive) {
      allowed.push({ rule: rule.id, file: migration.file, line, migration: migration.tag, because: directive.reason });
      return;
    }
    findings.push({
      rule: rule.id,
      severity,
      file: migration.file,
      line,
      migration: migration.tag,
      section,
      table: hit.table ? showTable(hit.table) : null,
      statement: statement.text,
      reason: hit.message,
      recipe: rule.recipe,
    });
  };

  let position = 0;
  for (const migration of migrations) {
    if (migration.syntaxError) {
      const severity = severityOf(SYNTAX_ERROR);
      if (severity) {
        findings.push({ rule: SYNTAX_ERROR.id, severity, file: migration.file, line: migration.syntaxError.line, migration: migration.tag, section: null, table: null, statement: '', reason: migration.syntaxError.message, recipe: SYNTAX_ERROR.recipe });
      }
    }
    const contexts: StatementContext[] = migration.statements.map((statement, index) => {
      const at = position + index;
      const existsAt = (map: ReadonlyMap<string, number>) => (ref: TableRef) => !((map.get(tableKey(ref)) ?? Infinity) < at);
      return {
        statement,
        migration,
        index,
        earlier: () => scoped.slice(0, at).map((entry) => entry.statement),
        isExisting: existsAt(created.tables),
        isExistingIndex: existsAt(created.indexes),
        isExistingType: existsAt(created.types),
        columnTypeBefore: (table, column) => typesBefore.get(migration.tag)?.[tableKey(table)]?.[column],
        project,
      };
    });
    position += migration.statements.length;
    for (const rule of RULES) {
      if ('statement' in rule) {
        for (const context of contexts) {
          for (const hit of rule.statement(context)) report(rule, migration, context.statement, hit, hit.table ? project.sectionOfTable(hit.table) : null);
        }
      } else {
        for (const hit of rule.migration(contexts)) report(rule, migration, hit.statement, hit, hit.section ?? (hit.table ? project.sectionOfTable(hit.table) : null));
      }
    }
  }
  const order = new Map(migrations.map((migration, index) => [migration.file, index]));
  findings.sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.line - b.line);
  return { findings, allowed };
}

/** Where in the scoped statements each table, index and type was created (a renamed new table stays new). */
function creationPositions(statements: readonly ParsedStatement[]): { tables: Map<string, number>; indexes: Map<string, number>; types: Map<string, number> } {
  const tables = new Map<string, number>();
  const indexes = new Map<string, number>();
  const types = new Map<string, number>();
  const record = (map: Map<string, number>, ref: TableRef | null, at: number) => {
    if (ref && !map.has(tableKey(ref))) map.set(tableKey(ref), at);
  };
  statements.forEach(({ node }, at) => {
    record(tables, createdTable(node), at);
    record(indexes, createdIndex(node), at);
    record(types, createdType(node), at);
    const renamed = renamedTable(node);
    if (renamed && tables.has(tableKey(renamed.from))) record(tables, renamed.to, at);
  });
  return { tables, indexes, types };
}
