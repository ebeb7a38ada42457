import { VIOLATION_STYLE, worstStatus } from './graph-style.js';
import { assignNodeIds } from './node-ids.js';
import type { GraphEdge, SectionGraph } from './section-graph.js';

/**
 * Graphviz DOT with the same meaning as the Mermaid: a cluster per section, a node per table, a
 * solid edge per foreign key and a dashed one per public-id reference, and violations of the
 * boundary rules in the shared amber (accepted) and red (new) styles, an import between sections
 * as a dotted edge between their clusters. Each node and edge carries
 * a `class`, which Graphviz writes into the SVG.
 */
export function renderDot(graph: SectionGraph): string {
  const ids = assignNodeIds(graph);
  const lines = [
    'digraph sections {',
    `  graph [rankdir=LR, fontname="Helvetica", fontsize=14, nodesep=0.3, ranksep=0.8${graph.imports.length > 0 ? ', compound=true' : ''}];`,
    '  node [shape=box, style="rounded,filled", fillcolor="#f8fafc", color="#475569", fontname="Helvetica", fontsize=12];',
    '  edge [color="#475569", fontname="Helvetica", fontsize=10];',
  ];
  for (const section of graph.sections) {
    lines.push(`  subgraph ${dotString(`cluster_${ids.section(section.name)}`)} {`);
    lines.push(`    label=${dotString(section.name)};`);
    lines.push('    style="rounded"; color="#94a3b8";');
    for (const table of section.tables) {
      const status = worstStatus(graph.edges.filter((edge) => edge.from === table.key).map((edge) => edge.boundary));
      const style = status === 'none' ? '' : `, class=${dotString(VIOLATION_STYLE[status].className)}, fillcolor="${VIOLATION_STYLE[status].fill}", color="${VIOLATION_STYLE[status].stroke}", penwidth=${VIOLATION_STYLE[status].width}`;
      lines.push(`    ${dotString(ids.table(table.key))} [label=${dotString(table.label)}${style}];`);
    }
    lines.push('  }');
  }
  for (const edge of graph.edges) lines.push(`  ${dotString(ids.table(edge.from))} -> ${dotString(ids.table(edge.to))} [${edgeAttributes(edge)}];`);
  // Graphviz joins nodes only: an import between sections runs between a table of each, clipped at the clusters.
  const anchor = (name: string) => ids.table(graph.sections.find((section) => section.name === name)!.tables[0]!.key);
  for (const edge of graph.imports) {
    const style = VIOLATION_STYLE[edge.boundary];
    const label = `${edge.files.length === 1 ? 'imports' : `${edge.files.length} files import`}, ${style.label}`;
    lines.push(
      `  ${dotString(anchor(edge.from))} -> ${dotString(anchor(edge.to))} [class=${dotString(style.className)}, ltail=${dotString(`cluster_${ids.section(edge.from)}`)}, lhead=${dotString(`cluster_${ids.section(edge.to)}`)}, style=dotted, color="${style.stroke}", fontcolor="${style.stroke}", penwidth=${style.width}, label=${dotString(label)}];`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function edgeAttributes(edge: GraphEdge): string {
  if (edge.kind === 'public-id') return `class="publicIdReference", style=dashed, label=${dotString(edge.columns.join(', '))}`;
  if (edge.boundary === 'none') return 'class="foreignKey"';
  const style = VIOLATION_STYLE[edge.boundary];
  return `class=${dotString(style.className)}, color="${style.stroke}", fontcolor="${style.stroke}", penwidth=${style.width}, label=${dotString(style.label)}`;
}

/** A DOT quoted string: backslashes (DOT's escapes, `\N`, `\l`) and quotes escaped, a line break a space. */
export function dotString(text: string): string {
  return `"${text.replace(/[\r\n]+/g, ' ').replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}
