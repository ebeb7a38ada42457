import { toKyselyCamelCase, toKyselyPascalCase } from './kysely-case.js';
import { nameWords } from './name-words.js';
import { SECTION_NAME } from '../config/config-schema.js';
import type { ResolvedSection } from '../config/resolved-config.js';
import type { EnumModel, TableModel } from './project-model.js';

/** PostgreSQL's NAMEDATALEN - 1: a longer identifier is silently truncated, so two names can collide. */
export const MAX_IDENTIFIER_BYTES = 63;

/** The connection modules every section shares beside its own `connections/<section>.ts`. */
const CONNECTION_MODULES: readonly string[] = ['pool', 'transaction'];

/** Folder names a section may not take: `node_modules` (tools skip it, git ignores it), and names Windows reserves for devices. */
const RESERVED_SECTION_NAMES = new Set(['node_modules', 'con', 'prn', 'aux', 'nul', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`com${n}`, `lpt${n}`])]);

/** Why a section name cannot be used (it names folders, files and variables), or undefined. */
export function sectionNameProblem(name: string): string | undefined {
  if (/[/\\\0]/.test(name) || name.includes('..')) return `section name "${name}": no path separators, ".." or NUL; it names the section's folders`;
  if (!SECTION_NAME.test(name)) return `section name "${name}": use an identifier: a lowercase letter, then letters, digits or _`;
  if (CONNECTION_MODULES.includes(name)) return `section name "${name}": connections/${name}.ts is shared by every section; pick another name`;
  if (RESERVED_SECTION_NAMES.has(name.toLowerCase())) return `section name "${name}": reserved (it would name the folder or file of something else); pick another name`;
  return undefined;
}

/**
 * A table's stub folder and file names, in kebab-case: `vendor_inventory`, `VendorInventory` and
 * `vendorInventory` are all `vendor-inventory`. The example's folders drop the section's own prefix:
 * vendor_inventory in vendor → `inventory/`. A table of another schema than public starts with its
 * schema (`auth.users` → `auth-users/`), so `public.users` and `auth.users` never share a folder.
 */
export function entityName(section: string, table: Pick<TableModel, 'schema' | 'name'>): string {
  const kebab = (name: string) => nameWords(name).join('-');
  const full = kebab(table.name);
  const prefix = `${kebab(section)}-`;
  const bare = full.startsWith(prefix) && full.length > prefix.length ? full.slice(prefix.length) : full;
  return table.schema === 'public' ? bare : `${kebab(table.schema)}-${bare}`;
}

/**
 * The type name kysely-codegen gives a table (`AuthUsers` for `auth.users`), which the stubs use for
 * their classes too: two schemas' tables of one name stay two names.
 */
export function entityTypeName(table: Pick<TableModel, 'schema' | 'name'>): string {
  const qualified = table.schema === 'public' ? table.name : `${table.schema}.${table.name}`;
  return toKyselyPascalCase(qualified.replace(/[^\w$]/g, '_'));
}

/**
 * The names a schema module declares must be safe to turn into files and TypeScript: a table
 * name becomes its stubs' folder and file names, its key and interface in the types file and its
 * classes in the stubs. Every problem names the section and the table.
 */
export function findNameProblems(section: ResolvedSection, tables: readonly TableModel[], enums: readonly EnumModel[]): string[] {
  const where = `section "${section.name}"`;
  const problems: string[] = [];
  for (const table of tables) {
    const what = `${where}: table "${displayName(table)}"`;
    if (/[/\\\0]/.test(table.name) || table.name.includes('..') || /^\.*$/.test(table.name)) {
      problems.push(`${what}: a table name cannot hold a path separator, ".." or NUL, nor be only dots (its stubs are files named after it)`);
    }
    problems.push(...lengthProblem(table.name, what), ...lengthProblem(table.schema, `${what}: its schema "${table.schema}"`));
    for (const column of table.columns) problems.push(...lengthProblem(column.name, `${what}: column "${column.name}"`));
  }
  for (const entity of enums) problems.push(...lengthProblem(entity.name, `${where}: enum "${entity.name}"`));
  problems.push(...findDuplicates(where, tables), ...findCollisions(section, tables, enums));
  return problems;
}

function lengthProblem(name: string, what: string): string[] {
  const bytes = Buffer.byteLength(name, 'utf8');
  return bytes > MAX_IDENTIFIER_BYTES ? [`${what} is ${bytes} bytes; PostgreSQL keeps only ${MAX_IDENTIFIER_BYTES} and would truncate it`] : [];
}

/** Two table objects with one name in one section: drizzle-kit would keep one of them silently. */
function findDuplicates(where: string, tables: readonly TableModel[]): string[] {
  const seen = new Map<string, TableModel>();
  const problems: string[] = [];
  for (const table of tables) {
    const key = `${table.schema}.${table.name}`;
    const first = seen.get(key);
    if (first) problems.push(`${where}: table "${displayName(table)}" is defined twice (exports ${first.exportName} and ${table.exportName}); keep one`);
    else seen.set(key, table);
  }
  return problems;
}

/**
 * Names derived from different tables that come out the same: `x_item_1` and `x_item1` are both
 * `xItem1` / `XItem1`, and the types file would not compile. File names are compared without
 * case, as macOS and Windows do.
 */
function findCollisions(section: ResolvedSection, tables: readonly TableModel[], enums: readonly EnumModel[]): string[] {
  const rules: { readonly what: string; readonly of: (table: TableModel) => string }[] = [
    { what: 'their stub folder', of: (table) => entityName(section.name, table).toLowerCase() },
    { what: 'their key in the types file', of: (table) => typesKey(section.codegen.camelCase, table) },
    { what: 'their type name in the types file and stubs', of: (table) => entityTypeName(table) },
  ];
  const problems: string[] = [];
  for (const rule of rules) {
    const byName = new Map<string, TableModel>();
    for (const table of tables) {
      const name = rule.of(table);
      const other = byName.get(name);
      if (other && !sameTable(other, table)) {
        problems.push(`section "${section.name}": tables "${displayName(other)}" and "${displayName(table)}" both become ${name.replace(/^public\./, '')}, ${rule.what}; rename one`);
      } else byName.set(name, table);
    }
  }
  const typeNames = new Map(tables.map((table) => [entityTypeName(table), table]));
  for (const entity of enums) {
    const table = typeNames.get(toKyselyPascalCase(entity.name));
    if (table) problems.push(`section "${section.name}": enum "${entity.name}" and table "${displayName(table)}" both become type ${toKyselyPascalCase(entity.name)} in the types file; rename one`);
  }
  return problems;
}

/** A table's key in its section's types file, exactly as kysely-codegen writes it (`auth.userProfile`). */
export function typesKey(camelCase: boolean, table: Pick<TableModel, 'schema' | 'name'>): string {
  const qualified = table.schema === 'public' ? table.name : `${table.schema}.${table.name}`;
  return camelCase ? toKyselyCamelCase(qualified) : qualified;
}

function sameTable(a: TableModel, b: TableModel): boolean {
  return a.schema === b.schema && a.name === b.name;
}

function displayName(table: Pick<TableModel, 'schema' | 'name'>): string {
  return table.schema === 'public' ? table.name : `${table.schema}.${table.name}`;
}
