import { OperationError } from '../errors.js';
import { renderDot } from './render-dot.js';
import type { SectionGraph } from './section-graph.js';

/**
 * The DOT laid out by Graphviz itself, compiled to WebAssembly: no system install, and imported
 * only here, so that the other formats (and every other command) never load its megabytes.
 */
export async function renderSvg(graph: SectionGraph): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  const result = viz.render(renderDot(graph), { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    throw new OperationError(`Graphviz could not lay out the section map: ${result.errors.map((error) => error.message).join('; ')}`);
  }
  return result.output;
}
