import { describe, expect, it } from 'vitest';
import type { InventoryTable, SchemaExport, SchemaInventory } from '../../src/edit/drizzle-schema-inventory.js';
import { proposeSections } from '../../src/edit/section-proposal.js';

const table = (key: string, file: string, references: string[] = []): InventoryTable => ({
  key, schema: key.split('.')[0]!, name: key.split('.')[1]!, file, references, columns: [],
});

function inventory(tables: InventoryTable[], extra: SchemaExport[] = []): SchemaInventory {
  const exports: SchemaExport[] = [
    ...tables.map((entry): SchemaExport => ({ kind: 'table', file: entry.file, exportName: entry.name, table: entry.key, usedBy: [] })),
    ...extra,
  ];
  const files = new Map<string, string[]>();
  for (const entry of exports) files.set(entry.file, [...(files.get(entry.file) ?? []), entry.exportName]);
  return { tables, exports, files };
}

describe('proposeSections', () => {
  it('names sections validly and once: reserved names, leading digits, the same stem twice', () => {
    const proposal = proposeSections(
      inventory([
        table('public.pool', '/p/db/pool.ts'),
        table('public.2fa_codes', '/p/db/2fa.ts'),
        table('public.users', '/p/db/users.ts'),
        table('auth.users', '/p/auth/users.ts'),
      ]),
      { kind: 'per-file' },
    );
    expect(proposal.sections.map((section) => section.name)).toEqual(['users', 'section2fa', 'poolSection', 'users2']);
  });

  it('a shared enum goes with most of its tables, a sequence with its module\'s tables; a section then needs a module of its own', () => {
    const tables = [
      table('public.Chat', '/p/chat.ts', ['public.User']),
      table('public.Message', '/p/chat.ts', ['public.Chat']),
      table('public.Document', '/p/document.ts', ['public.User']),
      table('public.User', '/p/user.ts'),
    ];
    const proposal = proposeSections(
      inventory(tables, [
        { kind: 'enum', file: '/p/enums.ts', exportName: 'visibility', table: undefined, usedBy: ['public.Document'] },
        { kind: 'other', file: '/p/user.ts', exportName: 'userNumbers', table: undefined, usedBy: [] },
      ]),
      { kind: 'per-file' },
    );
    expect(proposal.sections.map(({ name, tables: owned, existingModule, exports }) => ({ name, owned, existingModule, exports: exports.map((entry) => entry.exportName) }))).toEqual([
      { name: 'chat', owned: ['public.Chat', 'public.Message'], existingModule: '/p/chat.ts', exports: ['Chat', 'Message'] },
      { name: 'document', owned: ['public.Document'], existingModule: undefined, exports: ['Document', 'visibility'] },
      { name: 'user', owned: ['public.User'], existingModule: '/p/user.ts', exports: ['User', 'userNumbers'] },
    ]);
    expect(proposal.crossSectionForeignKeys).toEqual([
      { from: 'public.Chat', to: 'public.User' },
      { from: 'public.Document', to: 'public.User' },
    ]);
  });
});
