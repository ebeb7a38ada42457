import { UserError } from '../errors.js';
import type { PatternSubject } from './table-pattern.js';
import type { ProjectModel, TableModel } from './project-model.js';

/**
 * `publicIdReferences` names tables and columns by hand; a typo would quietly scaffold a service
 * without its batched loader. Each entry must name a column of an existing table, and a table.
 */
export function findPublicIdReferenceProblems(references: Readonly<Record<string, string>>, tables: readonly TableModel[]): string[] {
  return Object.entries(references).flatMap(([key, target]) => {
    const [tableName, columnName] = key.split('.') as [string, string];
    const where = `publicIdReferences."${key}"`;
    const table = tables.find((candidate) => candidate.name === tableName);
    if (!table) return [`${where}: no section exports a table "${tableName}"`];
    if (!table.columns.some((column) => column.name === columnName)) return [`${where}: table "${tableName}" (section "${table.section}") has no column "${columnName}"`];
    if (!tables.some((candidate) => candidate.name === target)) return [`${where}: no section exports the table "${target}" it references`];
    return [];
  });
}

/**
 * `extraTables` are tables hand-written migrations create; one that the migrations do not create
 * (a typo, a dropped table) would silently be in nobody's types.
 */
export function assertExtraTablesCreated(model: ProjectModel, migrated: readonly PatternSubject[]): void {
  const [first, ...rest] = model.sections.flatMap((section) =>
    section.extraTables
      .filter((name) => !migrated.some((table) => table.name === name && table.schema === 'public'))
      .map((name) => `section "${section.name}": extraTables lists "${name}", but no migration creates that table`),
  );
  if (first) throw new UserError(first, rest);
}
