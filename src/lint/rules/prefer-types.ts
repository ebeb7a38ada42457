import type { ColumnDef } from 'libpg-query';
import type { Rule, RuleInfo, StatementContext } from '../rule.js';
import { showTable, spelledType, typeNameOf } from '../sql-names.js';
import { declaredColumns } from '../statements.js';

/**
 * The style rules: each looks at the type of every column a statement declares (CREATE TABLE,
 * ADD COLUMN, SET DATA TYPE), new tables included, since that is where the type is chosen.
 */
function typeRule(info: RuleInfo, matches: (column: ColumnDef) => boolean, why: string): Rule {
  return {
    ...info,
    statement: (context: StatementContext) =>
      declaredColumns(context.statement.node)
        .filter(({ column }) => matches(column))
        .map(({ table, column }) => ({ table, location: column.location, message: `"${showTable(table)}"."${column.colname}" is ${spelledType(column.typeName)}: ${why}` })),
  };
}

const typeIs = (...names: string[]) => (column: ColumnDef) => names.includes(typeNameOf(column.typeName));

export const preferBigintOverInt = typeRule(
  {
    id: 'prefer-bigint-over-int',
    severity: 'warning',
    reason: 'A 32-bit (or 16-bit) integer key or counter runs out, and widening it later rewrites the table.',
    recipe: 'Use bigint (drizzle: `bigint(…, { mode: \'number\' })`, `bigserial`) or an identity column over bigint.',
  },
  typeIs('int4', 'int2', 'serial', 'serial4', 'smallserial', 'serial2'),
  'it can run out, and widening it later rewrites the table',
);

export const preferIdentity = typeRule(
  {
    id: 'prefer-identity',
    severity: 'warning',
    reason: 'serial columns own a separate sequence whose permissions and ownership are managed apart from the table.',
    recipe: 'Use an identity column (drizzle: `integer().generatedAlwaysAsIdentity()` or `bigint(…).generatedByDefaultAsIdentity()`).',
  },
  typeIs('serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2'),
  'prefer an identity column',
);

export const preferTextField = typeRule(
  {
    id: 'prefer-text-field',
    severity: 'warning',
    reason: 'Changing the length of a varchar(n) later takes an ACCESS EXCLUSIVE lock (shrinking it rewrites the table).',
    recipe: 'Use text, with a CHECK (char_length(c) <= n) constraint if the length matters.',
  },
  (column) => typeNameOf(column.typeName) === 'varchar' && (column.typeName?.typmods ?? []).length > 0,
  'prefer text with a CHECK on its length',
);

export const preferTimestamptz = typeRule(
  {
    id: 'prefer-timestamptz',
    severity: 'warning',
    reason: 'timestamp without time zone stores wall-clock time: instants become ambiguous across time zones and daylight-saving changes.',
    recipe: 'Use timestamptz (drizzle: `timestamp(…, { withTimezone: true })`).',
  },
  typeIs('timestamp'),
  'prefer timestamptz',
);

export const banCharField = typeRule(
  {
    id: 'ban-char-field',
    severity: 'warning',
    reason: 'char(n) pads with spaces, which comparisons and clients handle inconsistently, and is no faster than text.',
    recipe: 'Use text (or varchar), with a CHECK on the length if it matters.',
  },
  typeIs('bpchar', 'char'),
  'it pads with spaces; prefer text',
);
