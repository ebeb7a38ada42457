import { describe, expect, it } from 'vitest';
import { clusterByForeignKeys, countCrossingEdges, type ForeignKeyEdge } from '../../src/edit/foreign-key-clusters.js';

const edges = (...pairs: string[]): ForeignKeyEdge[] => pairs.map((pair) => {
  const [from, to] = pair.split('>');
  return { from: from!, to: to! };
});

/** Two feature groups that each reference the central User table, and one key between the groups. */
const TABLES = ['User', 'Chat', 'Message', 'Vote', 'Document', 'Suggestion', 'Stream'];
const KEYS = edges(
  'Chat>User', 'Message>Chat', 'Vote>Message', 'Vote>Chat', 'Stream>Chat',
  'Document>User', 'Suggestion>Document', 'Suggestion>User',
  'Suggestion>Chat',
);

describe('clusterByForeignKeys', () => {
  it('splits into the requested number of groups along the fewest keys', () => {
    const clusters = clusterByForeignKeys(TABLES, KEYS, 2);
    expect(clusters).toEqual([
      ['Chat', 'Message', 'Stream', 'Vote'],
      ['Document', 'Suggestion', 'User'],
    ]);
    expect(countCrossingEdges(clusters, KEYS)).toBe(2);
  });

  it('without a count, stops where no merge raises modularity', () => {
    const clusters = clusterByForeignKeys(TABLES, KEYS);
    expect(clusters.length).toBe(2);
    expect(countCrossingEdges(clusters, KEYS)).toBe(2);
  });

  it('every table lands in exactly one group, tables without keys included, and a count above the tables is capped', () => {
    const tables = [...TABLES, 'AuditLog', 'Setting'];
    for (const count of [1, 2, 3, 4, 20]) {
      const clusters = clusterByForeignKeys(tables, KEYS, count);
      expect(clusters.length).toBe(Math.min(count, tables.length));
      expect(clusters.flat().sort()).toEqual([...tables].sort());
      for (const cluster of clusters) expect(cluster.length).toBeGreaterThan(0);
    }
    expect(countCrossingEdges(clusterByForeignKeys(tables, KEYS, 1), KEYS)).toBe(0);
  });

  it('is deterministic whatever the input order, and ignores self-references and unknown tables', () => {
    const withNoise = [...KEYS, ...edges('Chat>Chat', 'Ghost>User')];
    const forward = clusterByForeignKeys(TABLES, withNoise, 3);
    const backward = clusterByForeignKeys([...TABLES].reverse(), [...withNoise].reverse(), 3);
    expect(backward).toEqual(forward);
    expect(countCrossingEdges(forward, withNoise)).toBe(countCrossingEdges(forward, KEYS));
  });

  it('no tables, no groups; no keys, groups of even size', () => {
    expect(clusterByForeignKeys([], [], 3)).toEqual([]);
    const clusters = clusterByForeignKeys(['a', 'b', 'c', 'd'], [], 2);
    expect(clusters.map((cluster) => cluster.length)).toEqual([2, 2]);
  });
});
