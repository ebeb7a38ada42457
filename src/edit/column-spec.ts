import { UserError } from '../errors.js';
import { suggestType } from './type-suggestion.js';

export type ScalarType = 'serial' | 'integer' | 'bigint' | 'smallint' | 'text' | 'boolean' | 'uuid' | 'date' | 'timestamp' | 'timestamptz' | 'jsonb';

export type ColumnType =
  | { readonly kind: ScalarType }
  | { readonly kind: 'varchar'; readonly length: number }
  | { readonly kind: 'numeric'; readonly precision: number | undefined; readonly scale: number | undefined }
  /** Any other name: one of the section's own enums, checked against the model later. */
  | { readonly kind: 'enum'; readonly name: string };

export interface ColumnReference {
  readonly table: string;
  readonly column: string;
}

/** One `--column name:type[:modifier]...` as plain data; names are not validated here. */
export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly notNull: boolean;
  readonly unique: boolean;
  /** The literal after `default=`, as typed. */
  readonly default: string | undefined;
  readonly references: ColumnReference | undefined;
}

const SCALAR_TYPES: readonly ScalarType[] = ['serial', 'integer', 'bigint', 'smallint', 'text', 'boolean', 'uuid', 'date', 'timestamp', 'timestamptz', 'jsonb'];

/** The types `--column` knows besides the section's enums, as its help and messages name them. */
export const BUILT_IN_TYPES: readonly string[] = [...SCALAR_TYPES, 'varchar(n)', 'numeric(p,s)'];

/** `; did you mean integer?` when an unknown type is probably one of these, else nothing. */
export function didYouMean(unknown: string, known: readonly string[]): string {
  const suggestion = suggestType(unknown, known);
  return suggestion ? `; did you mean ${suggestion}?` : '';
}

const VARCHAR = /^varchar\((\d+)\)$/;
const NUMERIC = /^numeric(?:\((\d+)(?:,\s*(\d+))?\))?$/;
const TYPE_NAME = /^[a-z_][a-z0-9_]*$/;
const REFERENCE = /^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$/;

/**
 * Parses `amount:numeric(12,2):notnull` or `vendor_id:integer:notnull:references=vendor_profile.id`.
 * A default literal may itself contain `:` (`default=12:30`): segments after `default=` that are no
 * modifier belong to it.
 */
export function parseColumnSpec(spec: string): ColumnSpec {
  const fail = (why: string): never => {
    throw new UserError(`--column '${spec}': ${why}`);
  };
  const [name = '', typeText = '', ...modifiers] = spec.split(':');
  if (name === '' || typeText === '') fail('expected <name>:<type>[:modifier]..., e.g. amount:numeric(12,2):notnull');

  let notNull = false;
  let unique = false;
  let defaultValue: string | undefined;
  let references: ColumnReference | undefined;
  let last: 'default' | 'other' = 'other';
  for (const modifier of modifiers) {
    if (modifier === 'notnull') {
      notNull = true;
      last = 'other';
    } else if (modifier === 'unique') {
      unique = true;
      last = 'other';
    } else if (modifier.startsWith('default=')) {
      if (defaultValue !== undefined) fail('default= given twice');
      defaultValue = modifier.slice('default='.length);
      last = 'default';
    } else if (modifier.startsWith('references=')) {
      const match = REFERENCE.exec(modifier.slice('references='.length));
      if (!match) fail(`${modifier}: expected references=<table>.<column>`);
      references = { table: match![1]!, column: match![2]! };
      last = 'other';
    } else if (last === 'default') {
      defaultValue = `${defaultValue}:${modifier}`;
    } else {
      fail(`unknown modifier "${modifier}" (known: notnull, unique, default=<literal>, references=<table>.<column>)`);
    }
  }
  return { name, type: parseType(typeText, fail), notNull, unique, default: defaultValue, references };
}

function parseType(text: string, fail: (why: string) => never): ColumnType {
  const scalar = SCALAR_TYPES.find((type) => type === text);
  if (scalar) return { kind: scalar };
  const varchar = VARCHAR.exec(text);
  if (varchar) {
    const length = Number(varchar[1]);
    if (length < 1 || length > 10_485_760) fail(`varchar length must be between 1 and 10485760, not ${length}`);
    return { kind: 'varchar', length };
  }
  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const precision = numeric[1] === undefined ? undefined : Number(numeric[1]);
    const scale = numeric[2] === undefined ? undefined : Number(numeric[2]);
    if (precision !== undefined && (precision < 1 || precision > 1000)) fail(`numeric precision must be between 1 and 1000, not ${precision}`);
    if (precision !== undefined && scale !== undefined && scale > precision) fail(`numeric scale ${scale} exceeds precision ${precision}`);
    return { kind: 'numeric', precision, scale };
  }
  if (text.startsWith('varchar')) fail(`type "${text}": write varchar(<length>)`);
  if (!TYPE_NAME.test(text)) {
    fail(`unknown type "${text}" (known: ${BUILT_IN_TYPES.join(', ')}, or one of the section's enums)${didYouMean(text, BUILT_IN_TYPES)}`);
  }
  return { kind: 'enum', name: text };
}
