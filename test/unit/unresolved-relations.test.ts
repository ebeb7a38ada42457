import { describe, expect, it } from 'vitest';
import { namesIdentifier } from '../../src/scaffold/unresolved-relations.js';

describe('whether a connection module names a relation', () => {
  it('finds the name as a whole identifier, never as part of a longer one', () => {
    const scaffolded = 'const { chatRelations: _chatRelations, ...ownSchema } = schema;';
    expect(namesIdentifier(scaffolded, 'chatRelations')).toBe(true);
    expect(namesIdentifier('drizzle(pool, { schema: { chatRelationsOld } })', 'chatRelations')).toBe(false);
    expect(namesIdentifier('drizzle(pool, { schema: { oldChatRelations } })', 'ChatRelations')).toBe(false);
  });

  it('finds names that hold a $, which a word boundary misses', () => {
    expect(namesIdentifier('const { $chatRelations: _chat, ...ownSchema } = schema;', '$chatRelations')).toBe(true);
    expect(namesIdentifier('const { chat$relations: _chat, ...ownSchema } = schema;', 'chat$relations')).toBe(true);
    expect(namesIdentifier('const { x$chatRelations } = schema;', '$chatRelations')).toBe(false);
  });
});
