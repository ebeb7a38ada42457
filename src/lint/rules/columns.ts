import type { ColumnDef, Node } from 'libpg-query';
import type { ParsedStatement } from '../parsed-migration.js';
import type { Rule, RuleHit, StatementContext } from '../rule.js';
import { constraintsOf, hasConstraint, isSerial, showTable, spelledType, stringsOf, tableKey, typeNameOf, walkNodes, type TableRef } from '../sql-names.js';
import { addedColumns, addedConstraints, commandsOfType } from '../statements.js';

/** Functions PostgreSQL evaluates once for ADD COLUMN … DEFAULT: stable or immutable, so no rewrite. */
const NON_VOLATILE_FUNCTIONS = new Set(['now', 'transaction_timestamp', 'statement_timestamp', 'current_setting', 'lower', 'upper', 'make_date', 'make_interval', 'jsonb_build_object', 'jsonb_build_array', 'to_jsonb']);

export const addingRequiredField: Rule = {
  id: 'adding-required-field',
  severity: 'error',
  reason: 'Adding a NOT NULL column without a default fails on any table that already has rows.',
  recipe: 'Give the column a constant default (`.default(…)`), or add it nullable, backfill it, and make it NOT NULL in a later migration (see adding-not-nullable-field).',
  statement: (context) =>
    addedColumns(context.statement.node)
      .filter(({ table, column }) => context.isExisting(table) && isRequiredWithoutDefault(column))
      .map(({ table, column }) => ({
        table,
        location: column.location,
        message: `adds "${column.colname}" to "${showTable(table)}" as NOT NULL without a default: the statement fails as soon as the table has a row`,
      })),
};

function isRequiredWithoutDefault(column: ColumnDef): boolean {
  const required = column.is_not_null || hasConstraint(column, 'CONSTR_NOTNULL') || hasConstraint(column, 'CONSTR_PRIMARY');
  const filled = ['CONSTR_DEFAULT', 'CONSTR_IDENTITY', 'CONSTR_GENERATED'] as const;
  return required && !isSerial(column.typeName) && !filled.some((type) => hasConstraint(column, type));
}

export const addingFieldWithDefault: Rule = {
  id: 'adding-field-with-default',
  severity: 'error',
  reason: 'A column added with a volatile default (gen_random_uuid(), random(), a serial) makes PostgreSQL rewrite every row under an ACCESS EXCLUSIVE lock.',
  recipe: 'Add the column without a default, SET DEFAULT in a second statement (new rows only), backfill existing rows in batches, then add NOT NULL if needed. A constant or now() default is fine.',
  statement: (context) =>
    addedColumns(context.statement.node).flatMap(({ table, column }): RuleHit[] => {
      if (!context.isExisting(table) || hasConstraint(column, 'CONSTR_PRIMARY')) return [];
      const volatile = isSerial(column.typeName) ? `${typeNameOf(column.typeName)} (nextval())` : volatileFunctionIn(column);
      if (!volatile) return [];
      return [{ table, location: column.location, message: `adds "${column.colname}" to "${showTable(table)}" with the volatile default ${volatile}: PostgreSQL rewrites every row under an ACCESS EXCLUSIVE lock` }];
    }),
};

function volatileFunctionIn(column: ColumnDef): string | null {
  let found: string | null = null;
  for (const constraint of constraintsOf(column).filter((each) => each.contype === 'CONSTR_DEFAULT')) {
    walkNodes(constraint.raw_expr, (key, value) => {
      if (key !== 'FuncCall' || found) return;
      const name = stringsOf(value.funcname as Node[]).at(-1) ?? '';
      if (!NON_VOLATILE_FUNCTIONS.has(name)) found = `${name}()`;
    });
  }
  return found;
}

export const addingSerialPrimaryKeyField: Rule = {
  id: 'adding-serial-primary-key-field',
  severity: 'error',
  reason: 'Adding a primary key to an existing table builds its index (and, for a serial, fills every row) under an ACCESS EXCLUSIVE lock.',
  recipe: 'Add the column without the key, backfill it, CREATE UNIQUE INDEX CONCURRENTLY in a `-- sections:no-transaction` migration, then ADD CONSTRAINT … PRIMARY KEY USING INDEX.',
  statement: (context) => {
    const { node } = context.statement;
    const columns = addedColumns(node)
      .filter(({ table, column }) => context.isExisting(table) && hasConstraint(column, 'CONSTR_PRIMARY'))
      .map(({ table, column }) => ({ table, location: column.location, message: `adds the primary key "${column.colname}" to "${showTable(table)}": its index is built (and a serial's values written) under an ACCESS EXCLUSIVE lock` }));
    const constraints = addedConstraints(node)
      .filter(({ table, constraint }) => context.isExisting(table) && constraint.contype === 'CONSTR_PRIMARY' && !constraint.indexname)
      .map(({ table, constraint }) => ({ table, location: constraint.location, message: `adds a primary key to "${showTable(table)}": its index is built under an ACCESS EXCLUSIVE lock that blocks reads and writes` }));
    return [...columns, ...constraints];
  },
};

export const addingNotNullableField: Rule = {
  id: 'adding-not-nullable-field',
  severity: 'error',
  reason: 'SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock, and fails if a row holds NULL.',
  recipe: 'First ADD CONSTRAINT … CHECK ("c" IS NOT NULL) NOT VALID, backfill, VALIDATE CONSTRAINT (in a later migration); then SET NOT NULL uses the validated check and skips the scan.',
  statement: (context) =>
    commandsOfType(context.statement.node, 'AT_SetNotNull')
      .filter(({ table, command }) => context.isExisting(table) && !hasValidatedNotNullCheck(context, table, command.name ?? ''))
      .map(({ table, command }) => ({
        table,
        message: `sets "${command.name}" of "${showTable(table)}" NOT NULL: PostgreSQL scans the whole table under an ACCESS EXCLUSIVE lock (and fails if a row is NULL)`,
      })),
};

/** A `CHECK (column IS NOT NULL)` on the table, added validated or validated since, earlier in scope. */
function hasValidatedNotNullCheck(context: StatementContext, table: TableRef, column: string): boolean {
  const sameTable = (other: TableRef) => tableKey(other) === tableKey(table);
  const earlier = context.earlier();
  const checks = earlier.flatMap((statement) => addedConstraints(statement.node)).filter(({ table: other, constraint }) => sameTable(other) && constraint.contype === 'CONSTR_CHECK' && isNotNullTest(constraint.raw_expr, column));
  const validated = (name: string | undefined) =>
    earlier.some((statement: ParsedStatement) => commandsOfType(statement.node, 'AT_ValidateConstraint').some(({ table: other, command }) => sameTable(other) && command.name === name));
  return checks.some(({ constraint }) => !constraint.skip_validation || validated(constraint.conname));
}

function isNotNullTest(expression: Node | undefined, column: string): boolean {
  if (!expression || !('NullTest' in expression) || expression.NullTest.nulltesttype !== 'IS_NOT_NULL') return false;
  const argument = expression.NullTest.arg;
  return Boolean(argument && 'ColumnRef' in argument && stringsOf(argument.ColumnRef.fields).at(-1) === column);
}

export const changingColumnType: Rule = {
  id: 'changing-column-type',
  severity: 'error',
  reason: 'Changing a column\'s type rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock (not for a longer varchar, varchar to text or a wider numeric, which lint tells from drizzle-kit\'s previous snapshot).',
  recipe: 'Add a new column of the new type, write to both, backfill in batches, switch reads, then drop the old column in a later release.',
  statement: (context) =>
    commandsOfType(context.statement.node, 'AT_AlterColumnType').flatMap(({ table, command }): RuleHit[] => {
      if (!context.isExisting(table)) return [];
      const after = command.def && 'ColumnDef' in command.def ? spelledType(command.def.ColumnDef.typeName) : 'another type';
      const before = context.columnTypeBefore(table, command.name ?? '');
      if (before && !rewritesTable(before, after)) return [];
      return [{ table, message: `changes the type of "${command.name}" of "${showTable(table)}"${before ? ` from ${before}` : ''} to ${after}: PostgreSQL rewrites the table and its indexes under an ACCESS EXCLUSIVE lock` }];
    }),
};

/**
 * Whether PostgreSQL rewrites the table for this change of type: not for the binary-compatible
 * ones drizzle-kit writes when a length or precision grows (varchar(n) to varchar(m ≥ n) or text,
 * numeric(p, s) to numeric(q ≥ p, s) or numeric).
 */
export function rewritesTable(before: string, after: string): boolean {
  const from = typeParts(before);
  const to = typeParts(after);
  const atLeast = (index: number) => to.sizes[index] !== undefined && from.sizes[index] !== undefined && to.sizes[index]! >= from.sizes[index]!;
  if (from.name === to.name && from.sizes.join() === to.sizes.join()) return false;
  if (from.name === 'varchar' || from.name === 'text') {
    if (to.name === 'text') return false;
    if (to.name === 'varchar') return to.sizes.length > 0 && (from.name === 'text' || !atLeast(0));
  }
  if (from.name === 'numeric' && to.name === 'numeric') return to.sizes.length > 0 && !(atLeast(0) && to.sizes[1] === from.sizes[1]);
  return true;
}

/** `varchar(20)` → varchar, [20]; `character varying` → varchar; `numeric(12, 2)` → numeric, [12, 2]. */
function typeParts(type: string): { name: string; sizes: number[] } {
  const open = type.indexOf('(');
  const name = (open < 0 ? type : type.slice(0, open)).trim().toLowerCase();
  const sizes = open < 0 ? [] : type.slice(open + 1, type.indexOf(')', open)).split(',').map((size) => Number(size.trim()));
  return { name: name === 'character varying' ? 'varchar' : name === 'decimal' ? 'numeric' : name, sizes };
}

export const banDropNotNull: Rule = {
  id: 'ban-drop-not-null',
  severity: 'warning',
  reason: 'Dropping NOT NULL lets NULLs in that deployed code does not expect.',
  recipe: 'Deploy code that handles NULL in this column first, then ship the migration.',
  statement: (context) =>
    commandsOfType(context.statement.node, 'AT_DropNotNull')
      .filter(({ table }) => context.isExisting(table))
      .map(({ table, command }) => ({ table, message: `makes "${command.name}" of "${showTable(table)}" nullable: deployed code may read NULLs it does not expect` })),
};
