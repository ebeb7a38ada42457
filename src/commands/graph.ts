import { dirname, resolve } from 'node:path';
import { loadLocatedConfig, locateConfig } from '../config/load-config.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { ModuleLoader } from '../config/module-loader.js';
import type { GraphFormat } from '../graph/graph-format.js';
import { renderDot } from '../graph/render-dot.js';
import { renderMermaid } from '../graph/render-mermaid.js';
import { sectionGraphOf, type SectionGraph } from '../graph/section-graph.js';
import type { LockOptions } from '../lock-file.js';
import { findForeignKeyViolations } from '../model/boundaries.js';
import { loadProjectModel } from '../model/load-project-model.js';
import { applyPlan } from '../plan/apply-plan.js';
import { assertOutputPaths } from '../plan/output-paths.js';
import { withProjectLock, type ProjectLock } from '../plan/project-lock.js';
import type { FileStatus } from '../planned-file.js';
import { boundaryVerdict } from './check-boundaries.js';


export interface GraphOptions {
  readonly cwd: string;
  readonly config?: string | undefined;
  readonly format: GraphFormat;
  /** Write the picture to this file (relative to cwd) instead of returning it for stdout. */
  readonly output?: string | undefined;
  /** How long to wait for a command writing the project, and what to say meanwhile. */
  readonly lock?: LockOptions;
}

export interface GraphResult {
  readonly format: GraphFormat;
  readonly graph: SectionGraph;
  /** The Mermaid, DOT or SVG source. */
  readonly text: string;
  /** With `output`: the file and what became of it. */
  readonly output?: { readonly file: string; readonly status: FileStatus };
}

/**
 * `sections graph`: the section map (sections, their tables, foreign keys and public-id
 * references, accepted and new boundary violations) as Mermaid, DOT or an SVG laid out by
 * Graphviz. Reads the schemas and sections.boundaries.json; writes only the `output` file.
 */
export async function graph(options: GraphOptions): Promise<GraphResult> {
  const location = await locateConfig({ cwd: options.cwd, configFile: options.config });
  return withProjectLock(dirname(location.configFile), 'graph', options.lock, async (lock) => {
    const { config, loader } = await loadLocatedConfig(location);
    try {
      return await graphWith(config, loader, options, lock);
    } finally {
      loader.dispose();
    }
  });
}

async function graphWith(config: ResolvedConfig, loader: ModuleLoader, options: GraphOptions, lock: ProjectLock): Promise<GraphResult> {
  const model = await loadProjectModel(config, options.cwd, loader);
  const file = options.output === undefined ? undefined : resolve(options.cwd, options.output);
  // Generate's outputs are claimed first, so that a graph written over a types file is refused as well.
  const typesFiles = model.sections.map((section) => ({ path: section.config.typesFile, kind: 'types', section: section.name }));
  if (file) assertOutputPaths(config, [...typesFiles, { path: file, kind: 'graph' }], loader.loadedFiles(), options.cwd, 'graph');
  const verdict = await boundaryVerdict(config, findForeignKeyViolations(model));
  const sectionGraph = sectionGraphOf(model, verdict);
  const text = await renderGraph(sectionGraph, options.format);
  if (!file) return { format: options.format, graph: sectionGraph, text };
  const [outcome] = await applyPlan({ files: [{ path: file, content: text, ownership: 'generated', kind: 'graph' }] }, { lock });
  return { format: options.format, graph: sectionGraph, text, output: { file, status: outcome!.status } };
}

/** The one switch from format to renderer; the SVG renderer (and Graphviz) loads only when asked for. */
async function renderGraph(sectionGraph: SectionGraph, format: GraphFormat): Promise<string> {
  switch (format) {
    case 'mermaid':
      return renderMermaid(sectionGraph);
    case 'dot':
      return renderDot(sectionGraph);
    case 'svg':
      return (await import('../graph/render-svg.js')).renderSvg(sectionGraph);
  }
}
