import type { ParsedMigration, ParsedStatement } from './parsed-migration.js';
import type { RuleId } from './rule-ids.js';
import type { TableRef } from './sql-names.js';

export type Severity = 'error' | 'warning';

/** What lint knows of the project: who owns what, and who references whose public ids. */
export interface LintProject {
  readonly sectionOfTable: (table: TableRef) => string | null;
  readonly sectionOfType: (type: TableRef) => string | null;
  /** Columns of other sections' tables that hold this table's public ids (no foreign key guards them). */
  readonly publicIdReferrers: (table: TableRef) => readonly PublicIdReferrer[];
}

export interface PublicIdReferrer {
  readonly section: string;
  readonly table: string;
  readonly column: string;
}

export interface StatementContext {
  readonly statement: ParsedStatement;
  readonly migration: ParsedMigration;
  /** The statement's index in `migration.statements`. */
  readonly index: number;
  /** Statements before this one in the migrations in scope, oldest first. */
  readonly earlier: () => readonly ParsedStatement[];
  /** False for a table an earlier statement in scope created: it has no rows and no readers yet. */
  readonly isExisting: (table: TableRef) => boolean;
  /** Likewise for an index (by schema and name) or a type. */
  readonly isExistingIndex: (index: TableRef) => boolean;
  readonly isExistingType: (type: TableRef) => boolean;
  /** The column's type as drizzle-kit's snapshot before this migration spells it (`varchar(20)`), if known. */
  readonly columnTypeBefore: (table: TableRef, column: string) => string | undefined;
  readonly project: LintProject;
}

export interface RuleHit {
  readonly table: TableRef | null;
  /** One line: what this statement does and why that is unsafe. */
  readonly message: string;
  /** A byte offset in the file (a node's `location`) when a line inside the statement is more exact. */
  readonly location?: number | undefined;
}

export interface MigrationHit extends RuleHit {
  readonly statement: ParsedStatement;
  /** Overrides the table's section, for findings about several. */
  readonly section?: string;
}

export interface RuleInfo {
  readonly id: RuleId;
  readonly severity: Severity;
  /** Why it is unsafe, in general. */
  readonly reason: string;
  /** The safe way to make the same change. */
  readonly recipe: string;
}

/** A rule looks at one statement at a time, or at a whole migration. Pure: same input, same hits. */
export type Rule =
  | (RuleInfo & { readonly statement: (context: StatementContext) => readonly RuleHit[] })
  | (RuleInfo & { readonly migration: (statements: readonly StatementContext[]) => readonly MigrationHit[] });
