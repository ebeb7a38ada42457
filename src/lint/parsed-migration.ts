import type { Node } from 'libpg-query';
import type { RuleId } from './rule-ids.js';

/** `-- sections:allow <rule-id> <reason>` on the line(s) right above a statement. */
export interface AllowDirective {
  readonly rule: RuleId;
  readonly reason: string;
  readonly line: number;
}

/** A token of a statement, as PostgreSQL's scanner sees it (byte offsets into the statement's text). */
export interface SqlToken {
  readonly start: number;
  readonly end: number;
  /** The keyword in upper case, or `null` for identifiers, literals and punctuation. */
  readonly keyword: string | null;
}

export interface ParsedStatement {
  /** The statement's node as PostgreSQL's parser builds it. */
  readonly node: Node;
  /** Its SQL text, without the terminating semicolon. */
  readonly text: string;
  /** The 1-based line of its first token in the file. */
  readonly line: number;
  /**
   * Where `text` starts in the file, in bytes (the parser's locations are byte offsets into what
   * it parsed). `null` for a statement inside a `DO` block, whose locations are the block's own.
   */
  readonly byteOffset: number | null;
  readonly tokens: readonly SqlToken[];
  readonly allow: readonly AllowDirective[];
}

export interface SyntaxErrorAt {
  readonly message: string;
  readonly line: number;
}

/** One migration file, parsed. */
export interface ParsedMigration {
  readonly tag: string;
  readonly file: string;
  /** The first line is `-- sections:no-transaction`: migrate runs it statement by statement, outside a transaction. */
  readonly noTransaction: boolean;
  readonly statements: readonly ParsedStatement[];
  /** PostgreSQL's parser refused the file: no statement of it is linted. */
  readonly syntaxError: SyntaxErrorAt | null;
  /** Byte offset of each line's start, to place a node's location on a line. */
  readonly lineStarts: readonly number[];
}

/** The 1-based line holding a byte offset of the file. */
export function lineAt(migration: Pick<ParsedMigration, 'lineStarts'>, byteOffset: number): number {
  let low = 0;
  let high = migration.lineStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (migration.lineStarts[middle]! <= byteOffset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** The line of a node's location inside a statement; the statement's own line when it cannot be placed. */
export function lineOfLocation(migration: ParsedMigration, statement: ParsedStatement, location: number | undefined): number {
  if (statement.byteOffset === null || location === undefined || location < 0) return statement.line;
  return lineAt(migration, location);
}
