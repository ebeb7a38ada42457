import { ownerOf, type ProjectModel, type TableModel } from '../model/project-model.js';
import { findPublicIdReferences } from '../scaffold/public-id-references.js';
import type { LintProject, PublicIdReferrer } from './rule.js';
import type { TableRef } from './sql-names.js';

/** What lint needs of the project model: ownership, and references by public id between sections. */
export function lintProjectOf(model: ProjectModel): LintProject {
  return {
    sectionOfTable: (table) => ownerOf(model, table.name, table.schema)?.name ?? null,
    sectionOfType: (type) => model.sections.find((section) => section.enums.some((each) => each.name === type.name && each.schema === type.schema))?.name ?? null,
    publicIdReferrers: (table) => publicIdReferrers(model, table),
  };
}

/**
 * The columns of other sections that name this table's public ids. The model is the schema after
 * the change, where a dropped table (or its public_id) no longer is: so the table is put back, with
 * a public_id, in its section (or, once dropped, in each section in turn) and the same naming rules
 * as the scaffolded services decide.
 */
function publicIdReferrers(model: ProjectModel, table: TableRef): PublicIdReferrer[] {
  const owner = ownerOf(model, table.name, table.schema)?.name;
  const found = new Map<string, PublicIdReferrer>();
  for (const section of model.sections.filter((candidate) => !owner || candidate.name === owner)) {
    const real = section.tables.find((candidate) => candidate.name === table.name && candidate.schema === table.schema);
    const restored: TableModel = {
      name: table.name,
      schema: table.schema,
      exportName: real?.exportName ?? table.name,
      section: section.name,
      columns: [...(real?.columns ?? []).filter((column) => column.name !== 'public_id'), { name: 'public_id', sqlType: 'uuid', notNull: true, hasDefault: true, primaryKey: false, unique: true }],
      primaryKey: real?.primaryKey ?? [],
      foreignKeys: real?.foreignKeys ?? [],
    };
    const withTable: ProjectModel = {
      ...model,
      sections: model.sections.map((each) => (each === section ? { ...each, tables: [...each.tables.filter((candidate) => candidate !== real), restored] } : each)),
    };
    for (const other of withTable.sections.filter((each) => each.name !== section.name)) {
      for (const referencing of other.tables) {
        for (const reference of findPublicIdReferences(withTable, referencing).filter((each) => each.table === restored)) {
          found.set(`${referencing.name}.${reference.column}`, { section: other.name, table: referencing.name, column: reference.column });
        }
      }
    }
  }
  return [...found.values()];
}
