import { describe, expect, it } from 'vitest';
import { parseColumnSpec } from '../../src/edit/column-spec.js';
import { appendTableToSchema } from '../../src/edit/schema-module-edit.js';
import type { ResolvedColumn, TableDefinition } from '../../src/edit/table-definition.js';

const column = (spec: string, extra: Partial<ResolvedColumn> = {}): ResolvedColumn => {
  const parsed = parseColumnSpec(spec);
  return { spec: parsed, key: parsed.name.replace(/_(.)/g, (_, c: string) => c.toUpperCase()), enumExport: undefined, defaultCall: undefined, reference: undefined, ...extra };
};

const payout: TableDefinition = {
  section: 'vendor',
  name: 'vendor_payout',
  exportName: 'vendorPayout',
  columns: [
    column('amount:numeric(12,2):notnull'),
    column('vendor_id:integer:notnull:references=vendor_profile.id', { reference: { exportName: 'vendorProfiles', columnKey: 'id' } }),
    column('paid:boolean:notnull:default=false', { defaultCall: '.default(false)' }),
  ],
};

const VENDOR_SCHEMA = `// src/shared/database/vendor/drizzle-schema.ts
import { pgTable, serial, uuid, varchar, timestamp, integer, boolean } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

// Vendor profile table
export const vendorProfiles = pgTable('vendor_profile', {
  id: serial('id').primaryKey(),
  publicId: uuid('public_id').notNull().unique().default(sql\`gen_random_uuid()\`),
  businessName: varchar('business_name', { length: 200 }).notNull(),
});
`;

const withoutImports = (text: string) => text.split('\n').filter((line) => !line.startsWith('import ')).join('\n');

describe('appendTableToSchema', () => {
  it('on an everyday schema file: merges the missing import, appends the table, and keeps every other byte', () => {
    const result = appendTableToSchema(VENDOR_SCHEMA, 'vendor/drizzle-schema.ts', payout);
    expect(withoutImports(result).startsWith(withoutImports(VENDOR_SCHEMA))).toBe(true);
    expect(result.split('\n')[1]).toBe("import { pgTable, serial, uuid, varchar, timestamp, integer, boolean, bigint, numeric } from 'drizzle-orm/pg-core';");
    expect(result.split('\n')[2]).toBe("import { sql } from 'drizzle-orm';");
    expect(result.slice(VENDOR_SCHEMA.length + ', bigint, numeric'.length)).toBe(`
export const vendorPayout = pgTable('vendor_payout', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  publicId: uuid('public_id').notNull().unique().default(sql\`gen_random_uuid()\`),
  amount: numeric('amount', { precision: 12, scale: 2 }).notNull(),
  vendorId: integer('vendor_id').references(() => vendorProfiles.id).notNull(),
  paid: boolean('paid').default(false).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).defaultNow().notNull(),
});
`);
  });

  it('adds `sql` from drizzle-orm after the last import when the file has none', () => {
    const text = "import { pgTable, serial } from 'drizzle-orm/pg-core';\n\nexport const a = pgTable('a', { id: serial('id') });\n";
    const result = appendTableToSchema(text, 's.ts', { ...payout, columns: [] });
    expect(result.startsWith("import { pgTable, serial, bigint, uuid, timestamp } from 'drizzle-orm/pg-core';\nimport { sql } from 'drizzle-orm';\n\nexport const a = pgTable('a', { id: serial('id') });\n\nexport const vendorPayout")).toBe(true);
  });

  it('keeps a multi-line import\'s layout and uses aliases and namespace imports as the file does', () => {
    const text = "import {\n  pgTable as table,\n  serial,\n} from 'drizzle-orm/pg-core';\nimport * as orm from 'drizzle-orm';\n";
    const result = appendTableToSchema(text, 's.ts', { ...payout, columns: [] });
    expect(result).toBe(`import {
  pgTable as table,
  serial,
  bigint,
  uuid,
  timestamp,
} from 'drizzle-orm/pg-core';
import * as orm from 'drizzle-orm';

export const vendorPayout = table('vendor_payout', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  publicId: uuid('public_id').notNull().unique().default(orm.sql\`gen_random_uuid()\`),
  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).defaultNow().notNull(),
});
`);
  });

  it('fills the empty schema file add-section creates, indenting with the file\'s tabs', () => {
    const text = "// Tables of section \"billing\".\nimport { pgTable } from 'drizzle-orm/pg-core';\n\nfunction x() {\n\treturn 1;\n}\n";
    const result = appendTableToSchema(text, 's.ts', { ...payout, columns: [] });
    expect(result).toContain("import { pgTable, bigint, uuid, timestamp } from 'drizzle-orm/pg-core';\nimport { sql } from 'drizzle-orm';\n");
    expect(result).toContain("\n\tid: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),\n");
  });

  it('refuses an export name the file already declares, and a needed import name the file uses for something else', () => {
    expect(() => appendTableToSchema(`${VENDOR_SCHEMA}export const vendorPayout = 1;\n`, 'vendor/drizzle-schema.ts', payout)).toThrow(
      'vendor/drizzle-schema.ts: already declares "vendorPayout", the export name of table "vendor_payout"',
    );
    expect(() => appendTableToSchema(`${VENDOR_SCHEMA}const numeric = 1;\n`, 'v.ts', payout)).toThrow(/declares its own "numeric"/);
  });
});
