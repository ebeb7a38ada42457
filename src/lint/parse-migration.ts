import type { RawStmt, ScanToken } from 'libpg-query';
import { UserError } from '../errors.js';
import { runsOutsideTransaction } from '../migrations/migration-sql.js';
import { lineAt, type AllowDirective, type ParsedMigration, type ParsedStatement, type SqlToken } from './parsed-migration.js';
import { isRuleId } from './rule-ids.js';

type Parser = typeof import('libpg-query');

export interface MigrationSource {
  readonly tag: string;
  readonly file: string;
  /** The file as messages show it. */
  readonly shownAs: string;
  readonly sql: string;
}

const ALLOW = 'sections:allow';

/**
 * PostgreSQL's own parser (libpg_query, compiled to WebAssembly), loaded on first use: a run with
 * no SQL in scope never pays for it.
 */
export async function loadParser(): Promise<Parser> {
  const parser = await import('libpg-query');
  await parser.loadModule();
  return parser;
}

/**
 * Parses a migration file with PostgreSQL's parser: every statement with its line, its tokens and
 * the `-- sections:allow` directives above it. The statements of a PL/pgSQL `DO` block (older
 * drizzle-kit wraps enums and foreign keys in one) are parsed too, at the block's lines.
 */
export function parseMigration(parser: Parser, source: MigrationSource): ParsedMigration {
  const bytes = Buffer.from(source.sql, 'utf8');
  const lineStarts = [0];
  for (let index = 0; index < bytes.length; index += 1) if (bytes[index] === 0x0a) lineStarts.push(index + 1);
  const base = { tag: source.tag, file: source.file, noTransaction: runsOutsideTransaction(source.sql), lineStarts };

  let rawStatements: readonly RawStmt[];
  let tokens: readonly ScanToken[];
  try {
    rawStatements = parser.parseSync(source.sql).stmts ?? [];
    tokens = parser.scanSync(source.sql).tokens;
  } catch (error) {
    const position = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails?.cursorPosition;
    const line = position === undefined ? 1 : lineAt(base, Math.max(0, position - 1));
    return { ...base, statements: [], syntaxError: { message: (error as Error).message, line } };
  }

  const directives = tokens.filter((token) => token.tokenName === 'SQL_COMMENT').map((token) => ({ token, line: lineAt(base, token.start) }));
  const statements: ParsedStatement[] = [];
  let previousEnd = 0;
  for (const raw of rawStatements) {
    const start = raw.stmt_location ?? 0;
    const end = raw.stmt_len ? start + raw.stmt_len : bytes.length;
    const line = lineAt(base, start);
    const allow = allowDirectivesAbove(directives.filter(({ token }) => token.start >= previousEnd && token.end <= start), line, source.shownAs);
    previousEnd = end;
    const statement: ParsedStatement = {
      node: raw.stmt!,
      text: bytes.subarray(start, end).toString('utf8'),
      line,
      byteOffset: start,
      tokens: tokens.filter((token) => token.start >= start && token.end <= end).map((token) => toSqlToken(token, start)),
      allow,
    };
    statements.push(statement, ...doBlockStatements(parser, statement, base));
  }
  return { ...base, statements, syntaxError: null };
}

function toSqlToken(token: ScanToken, offset: number): SqlToken {
  return { start: token.start - offset, end: token.end - offset, keyword: token.keywordName === 'NO_KEYWORD' ? null : token.text.toUpperCase() };
}

/** The directives in the run of comment lines that ends on the line right above the statement. */
function allowDirectivesAbove(comments: readonly { token: ScanToken; line: number }[], statementLine: number, shownAs: string): AllowDirective[] {
  const lines = new Set(comments.map((comment) => comment.line));
  let first = statementLine;
  while (lines.has(first - 1)) first -= 1;
  return comments
    .filter((comment) => comment.line >= first)
    .flatMap(({ token, line }) => {
      const words = token.text.replace(/^--/, '').trim().split(/\s+/);
      if (words[0] !== ALLOW) return [];
      const [, rule, ...reason] = words;
      if (!rule || reason.length === 0) {
        throw new UserError(`${shownAs}:${line}: "-- ${ALLOW}" needs a rule id and a reason, e.g. "-- ${ALLOW} ban-drop-column no code reads it since v2.3"`);
      }
      if (!isRuleId(rule)) throw new UserError(`${shownAs}:${line}: "-- ${ALLOW} ${rule}": no lint rule has that id (see \`sections lint --help\`)`);
      return [{ rule, reason: reason.join(' '), line }];
    });
}

/** The SQL statements a PL/pgSQL `DO` block executes, placed at their lines in the file. */
function doBlockStatements(parser: Parser, statement: ParsedStatement, migration: Pick<ParsedMigration, 'lineStarts'>): ParsedStatement[] {
  if (!('DoStmt' in statement.node)) return [];
  const options = (statement.node.DoStmt.args ?? []).flatMap((arg) => ('DefElem' in arg ? [arg.DefElem] : []));
  const language = options.find((option) => option.defname === 'language')?.arg;
  if (language && 'String' in language && language.String.sval !== 'plpgsql') return [];
  const body = options.find((option) => option.defname === 'as');
  if (body?.location === undefined || statement.byteOffset === null) return [];
  const bodyLine = lineAt(migration, body.location);
  let queries: { query: string; lineno: number }[];
  try {
    queries = collectExecSql(parser.parsePlPgSQLSync(statement.text));
  } catch {
    // PostgreSQL checks a DO block's body only when it runs it; so does this lint.
    return [];
  }
  return queries.flatMap(({ query, lineno }) => {
    let inner: readonly RawStmt[];
    try {
      inner = parser.parseSync(query).stmts ?? [];
    } catch {
      return [];
    }
    return inner.map((raw) => ({ node: raw.stmt!, text: query, line: bodyLine + Math.max(0, lineno - 1), byteOffset: null, tokens: [], allow: statement.allow }));
  });
}

function collectExecSql(tree: unknown): { query: string; lineno: number }[] {
  if (Array.isArray(tree)) return tree.flatMap(collectExecSql);
  if (!tree || typeof tree !== 'object') return [];
  const exec = (tree as { PLpgSQL_stmt_execsql?: { lineno?: number; sqlstmt?: { PLpgSQL_expr?: { query?: string } } } }).PLpgSQL_stmt_execsql;
  const query = exec?.sqlstmt?.PLpgSQL_expr?.query;
  if (exec && query) return [{ query, lineno: exec.lineno ?? 1 }];
  return Object.values(tree).flatMap(collectExecSql);
}

