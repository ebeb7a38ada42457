import { createHash } from 'node:crypto';
import type { SectionGraph } from './section-graph.js';

/** The ids a graph's sections and tables go by in Mermaid and DOT source. */
export interface NodeIds {
  readonly section: (name: string) => string;
  /** By table key (`schema.name`). */
  readonly table: (key: string) => string;
}

/**
 * Ids made of `[A-Za-z0-9_]` only, so no table name can break the source it is written into: a
 * name with a dot, a space or a quote, or one Mermaid reads as a keyword (`end`) or an edge
 * (`o`, `x` after `--`), all get a prefix and, when characters were dropped, a hash of the exact
 * name. The same project always gives the same ids, so a diff of the output shows only what changed.
 */
export function assignNodeIds(graph: SectionGraph): NodeIds {
  const sections = uniqueIds(graph.sections.map((section) => section.name), 's_');
  const tables = uniqueIds(
    graph.sections.flatMap((section) => section.tables.map((table) => table.key)),
    't_',
    (key) => (key.startsWith('public.') ? key.slice('public.'.length) : key),
  );
  return {
    section: (name) => sections.get(name) ?? missing('section', name),
    table: (key) => tables.get(key) ?? missing('table', key),
  };
}

function uniqueIds(keys: readonly string[], prefix: string, shown: (key: string) => string = (key) => key): Map<string, string> {
  const hash = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 8);
  const candidate = new Map(
    keys.map((key) => {
      const safe = shown(key).replace(/[^A-Za-z0-9_]/g, '_');
      return [key, safe === shown(key) ? `${prefix}${safe}` : `${prefix}${safe}_${hash(key)}`];
    }),
  );
  const taken = new Map<string, number>();
  for (const id of candidate.values()) taken.set(id, (taken.get(id) ?? 0) + 1);
  // Two names that differ only in dropped characters (or that collide with such an id) are told apart by the hash alone.
  return new Map([...candidate].map(([key, id]) => [key, taken.get(id)! > 1 ? `${id}_${hash(key)}` : id]));
}

function missing(kind: string, key: string): never {
  throw new Error(`no graph node for ${kind} ${key}`);
}
