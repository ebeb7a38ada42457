/** What `sections graph --format` takes; a module of its own so that `--help` loads no renderer. */
export const GRAPH_FORMATS = ['mermaid', 'dot', 'svg'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];
