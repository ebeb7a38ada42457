import { UserError } from '../errors.js';
import { MAX_IDENTIFIER_BYTES, sectionNameProblem } from '../model/name-rules.js';
import { POSTGRES_RESERVED_WORDS } from './reserved-words.js';

const SQL_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * A table or column name we are willing to create: lowercase snake_case, not reserved, and short
 * enough that PostgreSQL keeps it whole. `what` names it in the message, e.g. `table "x"`.
 */
export function assertSqlName(name: string, what: string): void {
  if (!SQL_NAME.test(name)) {
    throw new UserError(`${what}: use a lowercase letter, then lowercase letters, digits or _ (^[a-z][a-z0-9_]*$)`);
  }
  if (POSTGRES_RESERVED_WORDS.has(name)) {
    throw new UserError(`${what}: "${name}" is a reserved word in PostgreSQL; pick another name`);
  }
  assertIdentifierLength(name, what);
}

/** Also for names PostgreSQL derives (constraints, sequences), which must stay distinct too. */
export function assertIdentifierLength(name: string, what: string): void {
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new UserError(`${what}: "${name}" is ${bytes} bytes; PostgreSQL keeps only ${MAX_IDENTIFIER_BYTES} and would truncate it`);
  }
}

/** `vendor_profile` → `vendorProfile`: the example's export and property names. */
export function camelCase(name: string): string {
  return name.replace(/_+([a-z0-9])/g, (_, char: string) => char.toUpperCase()).replace(/_+$/, '');
}

/** A section name `init` and `add-section` accept: the rules every section's name is held to. */
export function assertSectionName(name: string): void {
  const problem = sectionNameProblem(name);
  if (problem) throw new UserError(problem);
}
