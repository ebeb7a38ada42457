/** One foreign key between two tables, by their keys; a key to its own table is no edge. */
export interface ForeignKeyEdge {
  readonly from: string;
  readonly to: string;
}

/** Tables grouped into clusters: each an array of table keys, every table in exactly one. */
export type Clusters = readonly (readonly string[])[];

/**
 * Groups tables by their foreign keys so that few keys cross groups: greedy modularity
 * agglomeration (Clauset–Newman–Moore) from one table per group, then single-table moves that
 * raise modularity (the Kernighan–Lin idea without swaps). Modularity, rather than the bare count
 * of crossing keys, is what is optimised: cutting the fewest keys alone would put every table
 * together, or split off the tables nobody references.
 *
 * With `count`, merging continues until exactly that many groups remain (or as few as there are
 * tables); without, it stops where no merge raises modularity, the number the graph itself
 * suggests. Deterministic: ties go to the pair (or move) that sorts first by table key.
 */
export function clusterByForeignKeys(tables: readonly string[], edges: readonly ForeignKeyEdge[], count?: number): Clusters {
  const nodes = [...new Set(tables)].sort();
  if (nodes.length === 0) return [];
  const graph = weightedGraph(nodes, edges);
  let clusters: number[][] = nodes.map((_, index) => [index]);
  const target = count === undefined ? undefined : Math.max(1, Math.min(count, nodes.length));

  while (clusters.length > (target ?? 1)) {
    const best = bestMerge(graph, clusters);
    if (target === undefined && !(best.gain > 1e-12)) break;
    const [a, b] = [best.a, best.b];
    clusters = clusters.flatMap((cluster, index) => (index === a ? [[...cluster, ...clusters[b]!].sort((x, y) => x - y)] : index === b ? [] : [cluster]));
  }
  clusters = refineByMoves(graph, clusters);
  return clusters
    .map((cluster) => cluster.map((index) => nodes[index]!).sort())
    .sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));
}

/** How many foreign keys join tables of different clusters (keys to tables in none are not counted). */
export function countCrossingEdges(clusters: Clusters, edges: readonly ForeignKeyEdge[]): number {
  const clusterOf = new Map<string, number>();
  clusters.forEach((cluster, index) => cluster.forEach((table) => clusterOf.set(table, index)));
  return edges.filter((edge) => {
    const [from, to] = [clusterOf.get(edge.from), clusterOf.get(edge.to)];
    return from !== undefined && to !== undefined && from !== to;
  }).length;
}

interface WeightedGraph {
  /** weights[i][j]: foreign keys between tables i and j, both directions counted once each. */
  readonly weights: readonly (readonly number[])[];
  readonly degrees: readonly number[];
  /** Twice the number of edges (the sum of the degrees); 0 for a graph without keys. */
  readonly total: number;
}

function weightedGraph(nodes: readonly string[], edges: readonly ForeignKeyEdge[]): WeightedGraph {
  const index = new Map(nodes.map((node, position) => [node, position]));
  const weights = nodes.map(() => nodes.map(() => 0));
  for (const edge of edges) {
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    weights[from]![to]! += 1;
    weights[to]![from]! += 1;
  }
  const degrees = weights.map((row) => row.reduce((sum, weight) => sum + weight, 0));
  return { weights, degrees, total: degrees.reduce((sum, degree) => sum + degree, 0) };
}

function between(graph: WeightedGraph, a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (const i of a) for (const j of b) sum += graph.weights[i]![j]!;
  return sum;
}

function degreeOf(graph: WeightedGraph, cluster: readonly number[]): number {
  return cluster.reduce((sum, node) => sum + graph.degrees[node]!, 0);
}

/**
 * The change in modularity Q = Σ_c (e_c/m − (d_c/2m)²) when clusters a and b merge:
 * e_ab/m − d_a·d_b/(2m²). Without keys every merge is worth 0, and the smallest clusters merge first
 * so that a forced count still gives groups of even size.
 */
function mergeGain(graph: WeightedGraph, a: readonly number[], b: readonly number[]): number {
  if (graph.total === 0) return 0;
  const m = graph.total / 2;
  return between(graph, a, b) / m - (degreeOf(graph, a) * degreeOf(graph, b)) / (2 * m * m);
}

function bestMerge(graph: WeightedGraph, clusters: readonly (readonly number[])[]): { a: number; b: number; gain: number } {
  let best = { a: 0, b: 1, gain: -Infinity, size: Infinity };
  for (let a = 0; a < clusters.length; a += 1) {
    for (let b = a + 1; b < clusters.length; b += 1) {
      const gain = mergeGain(graph, clusters[a]!, clusters[b]!);
      const size = clusters[a]!.length + clusters[b]!.length;
      if (gain > best.gain + 1e-12 || (Math.abs(gain - best.gain) <= 1e-12 && size < best.size)) best = { a, b, gain, size };
    }
  }
  return best;
}

/** Moves single tables to the cluster where modularity rises most, until none does; no cluster is emptied. */
function refineByMoves(graph: WeightedGraph, start: readonly (readonly number[])[]): number[][] {
  if (graph.total === 0) return start.map((cluster) => [...cluster]);
  const clusters = start.map((cluster) => [...cluster]);
  const m = graph.total / 2;
  for (let round = 0; round < 100; round += 1) {
    let moved = false;
    for (let node = 0; node < graph.degrees.length; node += 1) {
      const home = clusters.findIndex((cluster) => cluster.includes(node));
      if (clusters[home]!.length === 1) continue;
      const rest = clusters[home]!.filter((other) => other !== node);
      // Modularity contributed by joining `cluster` (without the node): e(node, c)/m − d(node)·d(c)/(2m²).
      const joinGain = (cluster: readonly number[]) => between(graph, [node], cluster) / m - (graph.degrees[node]! * degreeOf(graph, cluster)) / (2 * m * m);
      const stay = joinGain(rest);
      let best = { index: home, gain: stay };
      clusters.forEach((cluster, index) => {
        if (index === home) return;
        const gain = joinGain(cluster);
        if (gain > best.gain + 1e-12) best = { index, gain };
      });
      if (best.index !== home) {
        clusters[home] = rest;
        clusters[best.index]!.push(node);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return clusters.map((cluster) => cluster.sort((x, y) => x - y));
}
