// Core section: the catalog, parts and system tables of the example marketplace.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, serial, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';

const publicId = () => uuid('public_id').notNull().unique().default(sql`gen_random_uuid()`);
const timestamps = {
  createdAt: timestamp('created_at').defaultNow().notNull(),
  updatedAt: timestamp('updated_at').defaultNow().notNull(),
};

export const userRole = pgEnum('user_role', ['admin', 'editor', 'viewer']);

export const manufacturers = pgTable('manufacturer', {
  id: serial('id').primaryKey(),
  publicId: publicId(),
  name: varchar('name', { length: 120 }).notNull().unique(),
  country: varchar('country', { length: 2 }),
  ...timestamps,
});

export const models = pgTable('model', {
  id: serial('id').primaryKey(),
  publicId: publicId(),
  manufacturerId: integer('manufacturer_id').references(() => manufacturers.id).notNull(),
  name: varchar('name', { length: 120 }).notNull(),
  ...timestamps,
}, (table) => [unique('model_manufacturer_name_unique').on(table.manufacturerId, table.name)]);

export const bodyStyles = pgTable('body_style', {
  id: serial('id').primaryKey(),
  publicId: publicId(),
  name: varchar('name', { length: 60 }).notNull().unique(),
  ...timestamps,
});

export const colors = pgTable('color', {
  id: serial('id').primaryKey(),
  publicId: publicId(),
  name: varchar('name', { length: 60 }).notNull(),
  hex: varchar('hex', { length: 7 }),
  ...timestamps,
});

export const modelVariations = pgTable('model_variation', {
  id: serial('id').primaryKey(),
  publicId: publicId(),
  modelId: integer('model_id').references(() => models.id).notNull(),
  bodyStyleId: integer('body_style_id').references(() => bodyStyles.id),
  colorId: integer('color_id').references(() => colors.id),
  yearFrom: integer('year_from').notNull(),
  yearTo: integer('year_to'),
  ...timestamps,
}, (table) => [index('model_variation_model_idx').on(table.modelId)]);

export const vinPrefixes = pgTable('vin_prefix', {
  id: serial('id').primaryKey(),
  publicId: publicId(),
  prefix: varchar('prefix', { length: 11 }).notNull().unique(),
  modelVariationId: integer('model_variation_id').references(() => modelVariations.id).notNull(),
  ...timestamps,
});

export const partNames = pgTable('part_name', {
  id: serial('id').primaryKey(),
  publicId: publicId(),
  name: varchar('name', { length: 200 }).notNull().unique(),
  ...timestamps,
});

export const partCategories = pgTable('part_category', {
  id: serial('id').primaryKey(),
  publicId: publicId(),
  name: varchar('name', { length: 120 }).notNull(),
  parentId: integer('parent_id'),
  ...timestamps,
});

export const modelVariationCategories = pgTable('model_variation_category', {
  id: serial('id').primaryKey(),
  publicId: publicId(),
  name: varchar('name', { length: 120 }).notNull(),
  ...timestamps,
});

export const modelVariationToCategory = pgTable('model_variation_to_category', {
  modelVariationId: integer('model_variation_id').references(() => modelVariations.id).notNull(),
  categoryId: integer('category_id').references(() => modelVariationCategories.id).notNull(),
}, (table) => [primaryKey({ columns: [table.modelVariationId, table.categoryId] })]);

export const parts = pgTable('part', {
  id: serial('id').primaryKey(),
  publicId: publicId(),
  partNameId: integer('part_name_id').references(() => partNames.id).notNull(),
  modelVariationId: integer('model_variation_id').references(() => modelVariations.id),
  oemNumber: varchar('oem_number', { length: 64 }),
  specs: jsonb('specs'),
  ...timestamps,
}, (table) => [index('part_oem_number_idx').on(table.oemNumber)]);

export const categoryParts = pgTable('category_part', {
  id: serial('id').primaryKey(),
  categoryId: integer('category_id').references(() => partCategories.id).notNull(),
  partId: integer('part_id').references(() => parts.id).notNull(),
}, (table) => [unique('category_part_unique').on(table.categoryId, table.partId)]);

export const partAlternatives = pgTable('part_alternative', {
  id: serial('id').primaryKey(),
  partId: integer('part_id').references(() => parts.id).notNull(),
  alternativePartId: integer('alternative_part_id').references(() => parts.id).notNull(),
  note: text('note'),
});

export const partTags = pgTable('part_tag', {
  id: serial('id').primaryKey(),
  partId: integer('part_id').references(() => parts.id).notNull(),
  tag: varchar('tag', { length: 60 }).notNull(),
});

export const users = pgTable('user', {
  id: serial('id').primaryKey(),
  publicId: publicId(),
  email: varchar('email', { length: 255 }).notNull().unique(),
  displayName: varchar('display_name', { length: 120 }),
  role: userRole('role').default('viewer').notNull(),
  isActive: boolean('is_active').default(true).notNull(),
  ...timestamps,
});

export const files = pgTable('file', {
  id: serial('id').primaryKey(),
  publicId: publicId(),
  uploadedById: integer('uploaded_by_id').references(() => users.id),
  path: text('path').notNull(),
  mimeType: varchar('mime_type', { length: 120 }).notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  ...timestamps,
});
