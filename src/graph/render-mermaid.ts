import { VIOLATION_STYLE, worstStatus } from './graph-style.js';
import { assignNodeIds } from './node-ids.js';
import type { GraphEdge, SectionGraph } from './section-graph.js';

/**
 * A Mermaid flowchart (it renders in GitHub READMEs, issues and pull requests): a subgraph per
 * section, a node per table, a solid arrow per foreign key and a dashed one per public-id
 * reference. A foreign key into another section is a thick amber arrow labelled `accepted` when
 * sections.boundaries.json lists it and a thicker red one labelled `new` when not; the tables
 * holding them get the `acceptedViolation` / `newViolation` class. A file importing another
 * section's types or connection is an arrow between the two sections, styled the same way.
 */
export function renderMermaid(graph: SectionGraph): string {
  const ids = assignNodeIds(graph);
  const lines = ['flowchart LR'];
  for (const section of graph.sections) {
    lines.push(`  subgraph ${ids.section(section.name)}["${mermaidText(section.name)}"]`);
    for (const table of section.tables) lines.push(`    ${ids.table(table.key)}["${mermaidText(table.label)}"]`);
    lines.push('  end');
  }
  graph.edges.forEach((edge) => lines.push(`  ${ids.table(edge.from)} ${arrow(edge)} ${ids.table(edge.to)}`));
  // An import joins sections, not tables: an edge between the two subgraphs.
  for (const edge of graph.imports) {
    const label = `${edge.files.length === 1 ? 'imports' : `${edge.files.length} files import`}, ${VIOLATION_STYLE[edge.boundary].label}`;
    lines.push(`  ${ids.section(edge.from)} ${edge.boundary === 'new' ? '==>' : '-->'}|"${mermaidText(label)}"| ${ids.section(edge.to)}`);
  }

  const violating = [
    ...graph.edges.flatMap((edge, index) => (edge.boundary === 'none' ? [] : [{ index, style: VIOLATION_STYLE[edge.boundary] }])),
    ...graph.imports.map((edge, index) => ({ index: graph.edges.length + index, style: VIOLATION_STYLE[edge.boundary] })),
  ];
  if (violating.length > 0) {
    for (const style of Object.values(VIOLATION_STYLE)) lines.push(`  classDef ${style.className} fill:${style.fill},stroke:${style.stroke},stroke-width:${style.width}px`);
    for (const [status, style] of Object.entries(VIOLATION_STYLE)) {
      const tables = graph.sections.flatMap((section) =>
        section.tables.filter((table) => worstStatus(graph.edges.filter((edge) => edge.from === table.key).map((edge) => edge.boundary)) === status).map((table) => ids.table(table.key)),
      );
      if (tables.length > 0) lines.push(`  class ${tables.join(',')} ${style.className}`);
    }
    // Mermaid styles edges by their position in the source; edge classes are newer than GitHub's renderer.
    for (const { index, style } of violating) lines.push(`  linkStyle ${index} stroke:${style.stroke},stroke-width:${style.width}px`);
  }
  return `${lines.join('\n')}\n`;
}

function arrow(edge: GraphEdge): string {
  if (edge.kind === 'public-id') return `-.->|"${mermaidText(edge.columns.join(', '))}"|`;
  switch (edge.boundary) {
    case 'none':
      return '-->';
    case 'accepted':
      return `-->|"${VIOLATION_STYLE.accepted.label}"|`;
    case 'new':
      return `==>|"${VIOLATION_STYLE.new.label}"|`;
  }
}

const ENTITIES: Readonly<Record<string, string>> = { '"': '#quot;', '#': '#35;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '`': '#96;' };

/**
 * Text inside a quoted Mermaid label: quotes, `#` (Mermaid's entity marker), markup and backticks
 * (which would start a markdown string) become Mermaid's `#…;` entities; a line break, a space.
 */
export function mermaidText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/["#<>&`]/g, (character) => ENTITIES[character]!);
}
