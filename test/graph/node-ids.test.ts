import { describe, expect, it } from 'vitest';
import { assignNodeIds } from '../../src/graph/node-ids.js';
import { dotString, renderDot } from '../../src/graph/render-dot.js';
import { mermaidText, renderMermaid } from '../../src/graph/render-mermaid.js';
import type { SectionGraph } from '../../src/graph/section-graph.js';

const AWKWARD = ['public.User', 'public.end', 'public.o', 'auth.users', 'public.auth_users', 'public.order items', 'public.say "hi"', 'public.a#b<c>&`d`', 'public.back\\slash', 'public.Ünïcode'];

const graph: SectionGraph = {
  sections: [
    { name: 'core', tables: AWKWARD.map((key) => ({ key, label: key.replace(/^public\./, '') })) },
    { name: 'my section', tables: [{ key: 'public.other', label: 'other' }] },
  ],
  edges: [{ kind: 'foreign-key', from: 'public.order items', to: 'auth.users', columns: ['user id'], boundary: 'none' }],
  imports: [],
};

describe('graph node ids', () => {
  it('are [A-Za-z0-9_] only, prefixed, distinct, and the same on every run', () => {
    const ids = assignNodeIds(graph);
    const all = AWKWARD.map((key) => ids.table(key));
    for (const id of all) expect(id).toMatch(/^t_[A-Za-z0-9_]+$/);
    expect(new Set(all).size).toBe(all.length);
    expect(ids.table('public.User')).toBe('t_User');
    expect(ids.table('public.end')).toBe('t_end');
    expect(ids.table('auth.users')).toMatch(/^t_auth_users_[0-9a-f]{8}$/);
    expect(ids.table('public.auth_users')).toBe('t_auth_users');
    expect(ids.section('my section')).toMatch(/^s_my_section_[0-9a-f]{8}$/);
    expect(assignNodeIds(graph).table('public.say "hi"')).toBe(ids.table('public.say "hi"'));
  });

  it('tell apart two names that differ only in the characters they drop', () => {
    const ids = assignNodeIds({ sections: [{ name: 'core', tables: [{ key: 'public.a b', label: 'a b' }, { key: 'public.a-b', label: 'a-b' }, { key: 'public.a_b', label: 'a_b' }] }], edges: [], imports: [] });
    expect(new Set([ids.table('public.a b'), ids.table('public.a-b'), ids.table('public.a_b')]).size).toBe(3);
  });
});

describe('graph labels', () => {
  it('Mermaid: quotes, #, markup and backticks become entities', () => {
    expect(mermaidText('say "hi" #1 <b>&`x`')).toBe('say #quot;hi#quot; #35;1 #lt;b#gt;#amp;#96;x#96;');
    const text = renderMermaid(graph);
    expect(text).toContain('["say #quot;hi#quot;"]');
    expect(text).toContain('subgraph s_my_section_');
    // No raw quote inside any quoted label: each label line has exactly its two delimiting quotes.
    for (const line of text.split('\n').filter((each) => each.includes('["'))) expect(line.match(/"/g)).toHaveLength(2);
  });

  it('DOT: quotes and backslashes escaped, names kept exactly', () => {
    expect(dotString('say "hi" \\N')).toBe('"say \\"hi\\" \\\\N"');
    const text = renderDot(graph);
    expect(text).toContain('[label="back\\\\slash"]');
    expect(text).toContain('[label="Ünïcode"]');
    expect(text).toContain('label="my section";');
  });
});
