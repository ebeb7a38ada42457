import type { TempProject } from '../helpers/temp-project.js';

/** A small three-section project, as files, for generate/check tests that edit it. */
export const SAMPLE_CONFIG = `export default {
  migrations: './db/migrations',
  features: './features',
  sections: {
    core: { schema: './db/core/schema.ts', types: './db/core/types.ts' },
    vendor: { schema: './db/vendor/schema.ts', types: './db/vendor/types.ts', include: 'vendor_*' },
    customer: { schema: './db/customer/schema.ts', types: './db/customer/types.ts', include: 'customer_*|wishlist*' },
  },
};
`;

export const CORE_SCHEMA = `import { sql } from 'drizzle-orm';
import { integer, pgEnum, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['admin', 'member']);

export const users = pgTable('user', {
  id: serial('id').primaryKey(),
  publicId: uuid('public_id').notNull().unique().default(sql\`gen_random_uuid()\`),
  email: text('email').notNull(),
  role: userRole('role').notNull().default('member'),
  createdAt: timestamp('created_at').defaultNow().notNull(),
});

export const parts = pgTable('part', {
  id: serial('id').primaryKey(),
  publicId: uuid('public_id').notNull().unique().default(sql\`gen_random_uuid()\`),
  name: text('name').notNull(),
  ownerId: integer('owner_id').references(() => users.id),
});
`;

export const VENDOR_SCHEMA = `import { integer, numeric, pgTable, serial, text, uuid } from 'drizzle-orm/pg-core';

export const vendorProfiles = pgTable('vendor_profile', {
  id: serial('id').primaryKey(),
  businessName: text('business_name').notNull(),
});

export const vendorInventory = pgTable('vendor_inventory', {
  id: serial('id').primaryKey(),
  vendorId: integer('vendor_id').references(() => vendorProfiles.id).notNull(),
  corePartPublicId: uuid('core_part_public_id').notNull(),
  price: numeric('price', { precision: 12, scale: 2 }).notNull(),
});
`;

export const CUSTOMER_SCHEMA = `import { pgTable, serial, text, uuid } from 'drizzle-orm/pg-core';

export const customerProfiles = pgTable('customer_profile', {
  id: serial('id').primaryKey(),
  email: text('email').notNull().unique(),
});

export const wishlist = pgTable('wishlist', {
  id: serial('id').primaryKey(),
  corePartPublicId: uuid('core_part_public_id').notNull(),
});
`;

export function sampleFiles(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'sections.config.ts': SAMPLE_CONFIG,
    'db/core/schema.ts': CORE_SCHEMA,
    'db/vendor/schema.ts': VENDOR_SCHEMA,
    'db/customer/schema.ts': CUSTOMER_SCHEMA,
    ...overrides,
  };
}

/** Hand-written migrations after the generated ones, as `drizzle-kit generate --custom` lays them out. */
export function addCustomMigrations(project: TempProject, sqls: readonly string[]): void {
  const journal = JSON.parse(project.read('db/migrations/meta/_journal.json'));
  sqls.forEach((sql, offset) => {
    const idx = journal.entries.length;
    const prefix = (n: number) => String(n).padStart(4, '0');
    project.write(`db/migrations/${prefix(idx)}_custom.sql`, sql);
    project.write(`db/migrations/meta/${prefix(idx)}_snapshot.json`, project.read(`db/migrations/meta/${prefix(idx - 1)}_snapshot.json`));
    journal.entries.push({ idx, version: '7', when: Date.now() + offset, tag: `${prefix(idx)}_custom`, breakpoints: true });
  });
  project.write('db/migrations/meta/_journal.json', JSON.stringify(journal, null, 2));
}
