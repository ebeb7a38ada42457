import { join, relative, sep } from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { BaselineVerdict } from '../model/boundary-baseline.js';
import type { BoundaryViolation, ForeignKeyViolation } from '../model/boundaries.js';
import { ownerOf, qualifiedName, type ProjectModel } from '../model/project-model.js';
import { parseTableName } from '../model/table-name.js';
import { findPublicIdReferences } from '../scaffold/public-id-references.js';

/** How a boundary rule sees an edge: inside one section (or the rule is off), or crossing into another. */
export type BoundaryStatus = 'none' | 'accepted' | 'new';

export interface GraphTable {
  /** `schema.name`: the one key edges name tables by. */
  readonly key: string;
  /** As people write it: schema-qualified outside `public`. */
  readonly label: string;
}

export interface GraphSection {
  readonly name: string;
  readonly tables: readonly GraphTable[];
}

export interface GraphEdge {
  readonly kind: 'foreign-key' | 'public-id';
  /** Table keys (`schema.name`). */
  readonly from: string;
  readonly to: string;
  /** The foreign key's columns, or the column holding the public id. */
  readonly columns: readonly string[];
  /** Always `none` for a public-id reference: that is the sanctioned way across. */
  readonly boundary: BoundaryStatus;
}

/**
 * Files of one section importing another section's types or connection, one edge per pair of
 * sections and verdict: the import rule is about files, so it joins the sections, not tables.
 */
export interface GraphImportEdge {
  readonly from: string;
  readonly to: string;
  /** The importing files, relative to the config's folder, with `/`. */
  readonly files: readonly string[];
  readonly boundary: Exclude<BoundaryStatus, 'none'>;
}

/** The section map as plain data: what every picture of it (Mermaid, DOT, SVG) is rendered from. */
export interface SectionGraph {
  readonly sections: readonly GraphSection[];
  readonly edges: readonly GraphEdge[];
  readonly imports: readonly GraphImportEdge[];
}

/** The label a table is shown with: its name, schema-qualified outside `public`. */
export function tableLabel(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`;
}

/**
 * The project's sections, their tables, every foreign key and public-id reference between tables;
 * a foreign key into another section, and a file importing another section's types or connection,
 * is `accepted` when the baseline lists it and `new` when not.
 */
export function sectionGraphOf(model: ProjectModel, verdict: Pick<BaselineVerdict, 'accepted' | 'fresh'>): SectionGraph {
  const identity = (section: string, table: string, constraint: string) => JSON.stringify([section, table, constraint]);
  const statusByKey = new Map<string, BoundaryStatus>();
  const foreignKeyViolations = (violations: readonly BoundaryViolation[]) => violations.filter((violation): violation is ForeignKeyViolation => violation.kind === 'foreign-key');
  for (const violation of foreignKeyViolations(verdict.accepted.map((entry) => entry.violation))) statusByKey.set(identity(violation.section, violation.table, violation.constraint), 'accepted');
  for (const violation of foreignKeyViolations(verdict.fresh)) statusByKey.set(identity(violation.section, violation.table, violation.constraint), 'new');

  const sections: GraphSection[] = model.sections.map((section) => ({
    name: section.name,
    tables: [
      ...section.tables.map((table) => ({ key: qualifiedName(table.schema, table.name), label: tableLabel(table.schema, table.name) })),
      ...section.extraTables.map((extra) => {
        const named = parseTableName(extra);
        return { key: qualifiedName(named.schema, named.name), label: tableLabel(named.schema, named.name) };
      }),
    ],
  }));

  const edges: GraphEdge[] = model.sections.flatMap((section) =>
    section.tables.flatMap((table) => {
      const from = qualifiedName(table.schema, table.name);
      const foreignKeys = table.foreignKeys.flatMap((foreignKey): GraphEdge[] => {
        if (!ownerOf(model, foreignKey.foreignTable, foreignKey.foreignSchema)) return [];
        const boundary = statusByKey.get(identity(section.name, tableLabel(table.schema, table.name), foreignKey.name)) ?? 'none';
        return [{ kind: 'foreign-key', from, to: qualifiedName(foreignKey.foreignSchema, foreignKey.foreignTable), columns: foreignKey.columns, boundary }];
      });
      const references = findPublicIdReferences(model, table).map(
        (reference): GraphEdge => ({ kind: 'public-id', from, to: qualifiedName(reference.table.schema, reference.table.name), columns: [reference.column], boundary: 'none' }),
      );
      return [...foreignKeys, ...references];
    }),
  );
  return { sections, edges, imports: importEdges(model.config, verdict) };
}

function importEdges(config: ResolvedConfig, verdict: Pick<BaselineVerdict, 'accepted' | 'fresh'>): GraphImportEdge[] {
  const stem = (path: string) => path.replace(/\.[cm]?[jt]sx?$/, '');
  const ownerOf = (file: string) =>
    config.sections.find((section) => stem(section.typesFile) === stem(file) || stem(join(config.connectionsDir, section.name)) === stem(file))?.name;
  const found = [
    ...verdict.accepted.map((entry) => ({ violation: entry.violation, boundary: 'accepted' as const })),
    ...verdict.fresh.map((violation) => ({ violation, boundary: 'new' as const })),
  ];
  const edges = new Map<string, { from: string; to: string; files: string[]; boundary: 'accepted' | 'new' }>();
  for (const { violation, boundary } of found) {
    if (violation.kind !== 'import') continue;
    const to = ownerOf(violation.imports);
    if (!to) continue;
    const key = JSON.stringify([violation.section, to, boundary]);
    const edge = edges.get(key) ?? { from: violation.section, to, files: [], boundary };
    const file = relative(config.rootDir, violation.file).split(sep).join('/');
    if (!edge.files.includes(file)) edge.files.push(file);
    edges.set(key, edge);
  }
  const position = (name: string) => config.sections.findIndex((section) => section.name === name);
  return [...edges.values()]
    .map((edge) => ({ ...edge, files: [...edge.files].sort() }))
    .sort((a, b) => position(a.from) - position(b.from) || position(a.to) - position(b.to) || (a.boundary === b.boundary ? 0 : a.boundary === 'accepted' ? -1 : 1));
}
