import { UserError } from '../errors.js';
import type { PatternSubject } from './table-pattern.js';
import type { ProjectModel, TableModel } from './project-model.js';
import { parseTableName, type ConfiguredTable } from './table-name.js';

/** A `publicIdReferences` key: `<table>.<column>` or `<schema>.<table>.<column>`. */
function parseColumnKey(key: string): ConfiguredTable & { readonly column: string } {
  const dot = key.lastIndexOf('.');
  return { ...parseTableName(key.slice(0, dot)), column: key.slice(dot + 1) };
}

/** The table `publicIdReferences` says a table's column references, if it says so. */
export function configuredPublicIdReference(references: Readonly<Record<string, string>>, table: Pick<TableModel, 'schema' | 'name'>, column: string): ConfiguredTable | undefined {
  const entry = Object.entries(references).find(([key]) => {
    const parsed = parseColumnKey(key);
    return parsed.schema === table.schema && parsed.name === table.name && parsed.column === column;
  });
  return entry && parseTableName(entry[1]);
}

/**
 * `publicIdReferences` names tables and columns by hand; a typo would quietly scaffold a service
 * without its batched loader. Each entry must name a column of an existing table, and a table.
 */
export function findPublicIdReferenceProblems(references: Readonly<Record<string, string>>, tables: readonly TableModel[]): string[] {
  const find = (wanted: ConfiguredTable) => tables.find((candidate) => candidate.name === wanted.name && candidate.schema === wanted.schema);
  return Object.entries(references).flatMap(([key, value]) => {
    const { column: columnName, ...named } = parseColumnKey(key);
    const where = `publicIdReferences."${key}"`;
    const table = find(named);
    if (!table) return [`${where}: no section exports a table "${showTable(named)}"${caseHint(named, tables)}`];
    if (!table.columns.some((column) => column.name === columnName)) return [`${where}: table "${showTable(named)}" (section "${table.section}") has no column "${columnName}"`];
    const target = parseTableName(value);
    if (!find(target)) return [`${where}: no section exports the table "${showTable(target)}" it references${caseHint(target, tables)}`];
    return [];
  });
}

function showTable(table: ConfiguredTable): string {
  return table.schema === 'public' ? table.name : `${table.schema}.${table.name}`;
}

/** `user` for a table named `User`: names are compared exactly, as PostgreSQL compares quoted ones. */
function caseHint(wanted: ConfiguredTable, tables: readonly TableModel[]): string {
  const near = tables.find((candidate) => candidate.name.toLowerCase() === wanted.name.toLowerCase() && candidate.schema.toLowerCase() === wanted.schema.toLowerCase());
  return near ? ` (did you mean "${showTable(near)}"?)` : '';
}

/**
 * `extraTables` are tables hand-written migrations create; one that the migrations do not create
 * (a typo, a dropped table) would silently be in nobody's types.
 */
export function assertExtraTablesCreated(model: ProjectModel, migrated: readonly PatternSubject[]): void {
  const [first, ...rest] = model.sections.flatMap((section) =>
    section.extraTables
      .filter((extra) => {
        const wanted = parseTableName(extra);
        return !migrated.some((table) => table.name === wanted.name && table.schema === wanted.schema);
      })
      .map((name) => `section "${section.name}": extraTables lists "${name}", but no migration creates that table`),
  );
  if (first) throw new UserError(first, rest);
}
