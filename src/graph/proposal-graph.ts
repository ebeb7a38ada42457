import { parseTableName } from '../model/table-name.js';
import { tableLabel, type GraphEdge, type SectionGraph } from './section-graph.js';

/**
 * A proposed split as a section map: every foreign key between the tables, and those the split
 * cuts drawn as new violations, since no baseline accepts anything before the project is adopted.
 */
export function proposalGraph(sections: readonly { readonly name: string; readonly tables: readonly string[] }[], foreignKeys: readonly { readonly from: string; readonly to: string }[]): SectionGraph {
  const sectionOf = new Map(sections.flatMap((section) => section.tables.map((key) => [key, section.name] as const)));
  const label = (key: string) => {
    const named = parseTableName(key);
    return tableLabel(named.schema, named.name);
  };
  return {
    sections: sections.map((section) => ({ name: section.name, tables: section.tables.map((key) => ({ key, label: label(key) })) })),
    edges: foreignKeys
      .filter((edge) => sectionOf.has(edge.from) && sectionOf.has(edge.to))
      .map((edge): GraphEdge => ({ kind: 'foreign-key', from: edge.from, to: edge.to, columns: [], boundary: sectionOf.get(edge.from) === sectionOf.get(edge.to) ? 'none' : 'new' })),
    imports: [],
  };
}
