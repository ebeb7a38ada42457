import { OperationError, UserError } from '../errors.js';
import { tableKey, type PgSnapshot, type PgSnapshotTable } from './snapshot.js';

/** `--rename old_table=new_table` or `--rename table.old_column=new_column`. */
export type RenameSpec =
  | { readonly kind: 'table'; readonly from: string; readonly to: string }
  | { readonly kind: 'column'; readonly table: string; readonly from: string; readonly to: string };

const IDENTIFIER = '[A-Za-z_][A-Za-z0-9_$]*';
const TABLE_RENAME = new RegExp(`^(${IDENTIFIER})=(${IDENTIFIER})$`);
const COLUMN_RENAME = new RegExp(`^(${IDENTIFIER})\\.(${IDENTIFIER})=(${IDENTIFIER})$`);

export function parseRenameSpec(spec: string): RenameSpec {
  const column = COLUMN_RENAME.exec(spec);
  if (column) return { kind: 'column', table: column[1]!, from: column[2]!, to: column[3]! };
  const table = TABLE_RENAME.exec(spec);
  if (table) return { kind: 'table', from: table[1]!, to: table[2]! };
  throw new UserError(`--rename ${spec}: expected <table>.<old_column>=<new_column> or <old_table>=<new_table>`);
}

export function formatRenameSpec(spec: RenameSpec): string {
  return spec.kind === 'table' ? `${spec.from}=${spec.to}` : `${spec.table}.${spec.from}=${spec.to}`;
}

/** What drizzle-kit asks about when one disappears and another appears: a rename, or drop and create? */
export type RenameQuestionKind = 'table' | 'column' | 'enum' | 'view' | 'sequence' | 'schema' | 'role' | 'policy';

/**
 * A change drizzle-kit would ask about: something disappeared and something appeared where a
 * rename is possible. Without an answer we must not guess (drizzle-kit's API silently drops and
 * recreates, losing data; its CLI without a TTY exits 0 having written nothing).
 */
export interface RenameQuestion {
  readonly kind: RenameQuestionKind;
  /** For columns and a table's policies: the table. */
  readonly table?: string;
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

/**
 * An answer to a rename question: this thing that appeared is new, not a renamed one (what is
 * removed then is dropped). Named as the question names it (`schema.name` outside public).
 */
export interface CreatedEntity {
  readonly kind: RenameQuestionKind;
  /** For columns and a table's policies: the table. */
  readonly table?: string;
  readonly name: string;
}

/** Everything a user answered: renames, and what appeared as new. */
export interface RenameAnswers {
  readonly renames: readonly RenameSpec[];
  readonly created: readonly CreatedEntity[];
}

export interface ResolvedRenames {
  /** The previous snapshot with the renames already applied, to diff against the current one. */
  readonly previous: PgSnapshot;
  /** The rename statements, in drizzle-kit's own SQL form, to run before the diff's statements. */
  readonly statements: readonly string[];
  /** The renames applied (answered ones that no longer fit are not). */
  readonly applied: readonly RenameSpec[];
}

/**
 * Applies the user's renames to the previous snapshot; refuses renames that do not fit the change.
 * `answered` renames (a prompt's answers, kept by a watch session across saves) that no longer fit
 * are skipped instead: the schemas moved on since they were given.
 */
export function applyRenames(previous: PgSnapshot, current: PgSnapshot, renames: readonly RenameSpec[], answered: readonly RenameSpec[] = []): ResolvedRenames {
  const next = structuredClone(previous);
  const statements: string[] = [];
  const applied: RenameSpec[] = [];
  for (const [rename, strict] of [...renames.map((rename) => [rename, true] as const), ...answered.map((rename) => [rename, false] as const)]) {
    const problem = renameProblem(next, current, rename);
    if (problem !== undefined) {
      if (strict) throw new UserError(`--rename ${formatRenameSpec(rename)}: ${problem}`);
      continue;
    }
    applied.push(rename);
    if (rename.kind === 'table') {
      const from = findTable(next, rename.from)!;
      renameTable(next, from, rename.to);
      const schema = from.table.schema;
      statements.push(`ALTER TABLE ${schema ? `"${schema}".` : ''}"${rename.from}" RENAME TO "${rename.to}";\n`);
    } else {
      const found = findTable(next, rename.table)!;
      renameColumn(next, found.key, rename.from, rename.to);
      const schema = found.table.schema;
      statements.push(`ALTER TABLE ${schema ? `"${schema}".` : ''}"${rename.table}" RENAME COLUMN "${rename.from}" TO "${rename.to}";\n`);
    }
  }
  return { previous: next, statements, applied };
}

function renameProblem(previous: PgSnapshot, current: PgSnapshot, rename: RenameSpec): string | undefined {
  if (rename.kind === 'table') {
    if (!findTable(previous, rename.from)) return `there is no table "${rename.from}" in the last migration's snapshot`;
    if (!findTable(current, rename.to)) return `no section's schema exports a table "${rename.to}"`;
    if (findTable(current, rename.from)) return `table "${rename.from}" still exists in the schemas`;
    return undefined;
  }
  const found = findTable(previous, rename.table);
  if (!found) return `there is no table "${rename.table}" in the last migration's snapshot`;
  const currentTable = findTable(current, rename.table);
  if (!found.table.columns[rename.from]) return `table "${rename.table}" had no column "${rename.from}"`;
  if (!currentTable?.table.columns[rename.to]) return `table "${rename.table}" in the schemas has no column "${rename.to}"`;
  if (currentTable.table.columns[rename.from]) return `column "${rename.table}.${rename.from}" still exists in the schemas`;
  return undefined;
}

/**
 * What drizzle-kit would prompt about between two snapshots (after the given renames): every kind
 * its differ has a resolver for, so none of its prompts is ever reached. What the user said is
 * new (`created`) is no longer a candidate.
 */
export function findRenameQuestions(previous: PgSnapshot, current: PgSnapshot, created: readonly CreatedEntity[] = []): RenameQuestion[] {
  const questions: RenameQuestion[] = [];
  const isCreated = (kind: RenameQuestionKind, table: string | undefined, name: string) =>
    created.some((entity) => entity.kind === kind && entity.table === table && entity.name === name);
  const ask = (kind: RenameQuestionKind, before: Record<string, unknown>, after: Record<string, unknown>, name: (entry: unknown, key: string) => string, table?: string) => {
    const removed = Object.keys(before).filter((key) => !(key in after));
    const added = Object.keys(after)
      .filter((key) => !(key in before))
      .map((key) => name(after[key], key))
      .filter((added) => !isCreated(kind, table, added));
    if (removed.length > 0 && added.length > 0) {
      questions.push({ kind, ...(table ? { table } : {}), removed: removed.map((key) => name(before[key], key)), added });
    }
  };
  const byName = (entry: unknown, key: string) => (entry as { name?: string } | undefined)?.name ?? key;
  const qualified = (entry: unknown, key: string) => {
    const { name, schema } = (entry ?? {}) as { name?: string; schema?: string };
    return name === undefined ? key : schema && schema !== 'public' ? `${schema}.${name}` : name;
  };
  ask('schema', namedEntities(previous, 'schemas'), namedEntities(current, 'schemas'), byName);
  ask('enum', previous.enums, current.enums, qualified);
  ask('sequence', namedEntities(previous, 'sequences'), namedEntities(current, 'sequences'), qualified);
  ask('role', namedEntities(previous, 'roles'), namedEntities(current, 'roles'), byName);
  ask('policy', namedEntities(previous, 'policies'), namedEntities(current, 'policies'), byName);
  ask('table', previous.tables, current.tables, qualified);
  for (const [key, before] of Object.entries(previous.tables)) {
    const after = current.tables[key];
    if (!after) continue;
    ask('column', before.columns, after.columns, byName, before.name);
    ask('policy', tablePolicies(before), tablePolicies(after), byName, before.name);
  }
  ask('view', namedEntities(previous, 'views'), namedEntities(current, 'views'), qualified);
  return questions;
}

const namedEntities = (snapshot: PgSnapshot, category: (typeof NAMED_ENTITIES)[number]) => (snapshot[category] ?? {}) as Record<string, unknown>;
const tablePolicies = (table: PgSnapshotTable) => (table['policies'] ?? {}) as Record<string, unknown>;

const PLURAL: Readonly<Record<Exclude<RenameQuestionKind, 'table' | 'column'>, string>> = {
  enum: 'enums',
  view: 'views',
  sequence: 'sequences',
  schema: 'schemas',
  role: 'roles',
  policy: 'policies',
};

/**
 * Unanswered rename questions (exit 1): every candidate and how to answer on the command line, and
 * the questions as data, so a terminal front end can ask them and run again with the answers.
 */
export class RenameQuestionsError extends OperationError {
  readonly questions: readonly RenameQuestion[];

  constructor(questions: readonly RenameQuestion[]) {
    super('the schema change is ambiguous: a rename or a drop and create? No migration was written.', describeQuestions(questions));
    this.questions = questions;
  }
}

function describeQuestions(questions: readonly RenameQuestion[]): string[] {
  const lines = questions.flatMap((question) => {
    const changed = `removed ${question.removed.join(', ')}; added ${question.added.join(', ')}`;
    if (question.kind !== 'table' && question.kind !== 'column') {
      const where = question.table ? `policies of "${question.table}"` : PLURAL[question.kind];
      return [`${where}: ${changed} (sections writes a ${question.kind} rename as drop and create: --no-rename)`];
    }
    const where = question.kind === 'table' ? 'tables' : `columns of "${question.table}"`;
    const candidates = question.removed.flatMap((removed) =>
      question.added.map((added) => `    --rename ${question.kind === 'table' ? '' : `${question.table}.`}${removed}=${added}`),
    );
    return [`${where}: ${changed}. Renames it could be:`, ...candidates];
  });
  return [...lines, 'Answer with --rename (repeatable), or pass --no-rename to drop and create.'];
}

const NAMED_ENTITIES = ['tables', 'enums', 'schemas', 'sequences', 'roles', 'policies', 'views'] as const;

/**
 * drizzle-kit's differ prompts whenever something is removed and something else added, even
 * through its API (without a TTY it throws). Accepting drop-and-create therefore goes in two
 * unambiguous steps: to a snapshot with the removed things gone, then on to the current one.
 */
export function withoutRemoved(previous: PgSnapshot, current: PgSnapshot): PgSnapshot {
  const next = structuredClone(previous);
  for (const category of NAMED_ENTITIES) {
    const before = (next[category] ?? {}) as Record<string, unknown>;
    const after = (current[category] ?? {}) as Record<string, unknown>;
    next[category] = Object.fromEntries(Object.entries(before).filter(([key]) => key in after)) as never;
  }
  for (const [key, table] of Object.entries(next.tables)) {
    const keptPolicies = tablePolicies(current.tables[key]!);
    table['policies'] = Object.fromEntries(Object.entries(tablePolicies(table)).filter(([name]) => name in keptPolicies));
    const kept = current.tables[key]!.columns;
    const has = (column: string) => column in kept;
    table.columns = Object.fromEntries(Object.entries(table.columns).filter(([name]) => has(name)));
    table.indexes = Object.fromEntries(Object.entries(table.indexes).filter(([, index]) => index.columns.every((column) => column.isExpression || has(column.expression))));
    table.foreignKeys = Object.fromEntries(Object.entries(table.foreignKeys).filter(([, foreignKey]) => foreignKey.columnsFrom.every(has)));
    table.compositePrimaryKeys = Object.fromEntries(Object.entries(table.compositePrimaryKeys).filter(([, primaryKey]) => primaryKey.columns.every(has)));
    table.uniqueConstraints = Object.fromEntries(Object.entries(table.uniqueConstraints).filter(([, unique]) => unique.columns.every(has)));
  }
  return next;
}

function findTable(snapshot: PgSnapshot, name: string): { key: string; table: PgSnapshotTable } | undefined {
  const entry = Object.entries(snapshot.tables).find(([, table]) => table.name === name);
  return entry ? { key: entry[0], table: entry[1] } : undefined;
}

function renameTable(snapshot: PgSnapshot, from: { key: string; table: PgSnapshotTable }, to: string): void {
  const { [from.key]: table, ...rest } = snapshot.tables;
  const renamed = { ...table!, name: to };
  snapshot.tables = { ...rest, [tableKey(renamed.schema, to)]: renamed };
  for (const other of Object.values(snapshot.tables)) {
    for (const foreignKey of Object.values(other.foreignKeys)) {
      if (foreignKey.tableTo === from.table.name && (foreignKey.schemaTo ?? '') === (from.table.schema ?? '')) foreignKey.tableTo = to;
    }
  }
}

function renameColumn(snapshot: PgSnapshot, key: string, from: string, to: string): void {
  const table = snapshot.tables[key]!;
  const swap = (column: string) => (column === from ? to : column);
  table.columns = Object.fromEntries(
    Object.entries(table.columns).map(([name, column]) => (name === from ? [to, { ...column, name: to }] : [name, column])),
  );
  for (const index of Object.values(table.indexes)) {
    for (const column of index.columns) if (!column.isExpression) column.expression = swap(column.expression);
  }
  for (const unique of Object.values(table.uniqueConstraints)) unique.columns = unique.columns.map(swap);
  for (const primaryKey of Object.values(table.compositePrimaryKeys)) primaryKey.columns = primaryKey.columns.map(swap);
  for (const foreignKey of Object.values(table.foreignKeys)) foreignKey.columnsFrom = foreignKey.columnsFrom.map(swap);
  for (const other of Object.values(snapshot.tables)) {
    for (const foreignKey of Object.values(other.foreignKeys)) {
      if (foreignKey.tableTo === table.name) foreignKey.columnsTo = foreignKey.columnsTo.map(swap);
    }
  }
}
