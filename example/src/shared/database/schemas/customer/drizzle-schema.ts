// Customer section. Rows of other sections are referenced by public id, never by foreign key.
import { sql } from 'drizzle-orm';
import { integer, numeric, pgTable, serial, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export const customerProfiles = pgTable('customer_profile', {
  id: serial('id').primaryKey(),
  publicId: uuid('public_id').notNull().unique().default(sql`gen_random_uuid()`),
  firstName: varchar('first_name', { length: 100 }).notNull(),
  lastName: varchar('last_name', { length: 100 }).notNull(),
  email: varchar('email', { length: 255 }).notNull().unique(),
  phone: varchar('phone', { length: 50 }),
  createdAt: timestamp('created_at').defaultNow().notNull(),
  updatedAt: timestamp('updated_at').defaultNow().notNull(),
});

export const shoppingCarts = pgTable('shopping_cart', {
  id: serial('id').primaryKey(),
  publicId: uuid('public_id').notNull().unique().default(sql`gen_random_uuid()`),
  customerId: integer('customer_id').references(() => customerProfiles.id).notNull(),
  // A vendor's inventory row, by public id.
  vendorInventoryPublicId: uuid('vendor_inventory_public_id').notNull(),
  quantity: integer('quantity').notNull(),
  priceAtAdd: varchar('price_at_add', { length: 20 }).notNull(),
  addedAt: timestamp('added_at').defaultNow().notNull(),
});

export const customerOrders = pgTable('customer_orders', {
  id: serial('id').primaryKey(),
  publicId: uuid('public_id').notNull().unique().default(sql`gen_random_uuid()`),
  customerId: integer('customer_id').references(() => customerProfiles.id).notNull(),
  total: numeric('total', { precision: 12, scale: 2 }).notNull(),
  placedAt: timestamp('placed_at').defaultNow().notNull(),
});

export const wishlist = pgTable('wishlist', {
  id: serial('id').primaryKey(),
  publicId: uuid('public_id').notNull().unique().default(sql`gen_random_uuid()`),
  customerId: integer('customer_id').references(() => customerProfiles.id).notNull(),
  // A core part, by public id.
  corePartPublicId: uuid('core_part_public_id').notNull(),
  addedAt: timestamp('added_at').defaultNow().notNull(),
});
