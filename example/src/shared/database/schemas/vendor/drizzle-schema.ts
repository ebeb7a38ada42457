// Vendor section. Rows of other sections are referenced by public id, never by foreign key.
import { sql } from 'drizzle-orm';
import { boolean, date, integer, numeric, pgEnum, pgTable, serial, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export const vendorOrderStatus = pgEnum('vendor_order_status', ['pending', 'confirmed', 'shipped', 'cancelled']);

export const vendorProfiles = pgTable('vendor_profile', {
  id: serial('id').primaryKey(),
  publicId: uuid('public_id').notNull().unique().default(sql`gen_random_uuid()`),
  businessName: varchar('business_name', { length: 200 }).notNull(),
  businessType: varchar('business_type', { length: 50 }).notNull(),
  contactEmail: varchar('contact_email', { length: 255 }).notNull(),
  isVerified: boolean('is_verified').default(false).notNull(),
  createdAt: timestamp('created_at').defaultNow().notNull(),
  updatedAt: timestamp('updated_at').defaultNow().notNull(),
});

export const vendorInventory = pgTable('vendor_inventory', {
  id: serial('id').primaryKey(),
  publicId: uuid('public_id').notNull().unique().default(sql`gen_random_uuid()`),
  vendorId: integer('vendor_id').references(() => vendorProfiles.id).notNull(),
  // A core part, by public id (loose coupling across sections).
  corePartPublicId: uuid('core_part_public_id').notNull(),
  quantity: integer('quantity').default(0).notNull(),
  price: varchar('price', { length: 20 }).notNull(),
  location: varchar('location', { length: 100 }),
  isAvailable: boolean('is_available').default(true).notNull(),
  createdAt: timestamp('created_at').defaultNow().notNull(),
  updatedAt: timestamp('updated_at').defaultNow().notNull(),
});

export const vendorOrders = pgTable('vendor_orders', {
  id: serial('id').primaryKey(),
  publicId: uuid('public_id').notNull().unique().default(sql`gen_random_uuid()`),
  vendorId: integer('vendor_id').references(() => vendorProfiles.id).notNull(),
  inventoryId: integer('inventory_id').references(() => vendorInventory.id).notNull(),
  // The customer's order, by public id.
  customerOrderPublicId: uuid('customer_order_public_id'),
  status: vendorOrderStatus('status').default('pending').notNull(),
  total: numeric('total', { precision: 12, scale: 2 }).notNull(),
  createdAt: timestamp('created_at').defaultNow().notNull(),
  updatedAt: timestamp('updated_at').defaultNow().notNull(),
});

export const vendorAnalytics = pgTable('vendor_analytics', {
  id: serial('id').primaryKey(),
  vendorId: integer('vendor_id').references(() => vendorProfiles.id).notNull(),
  day: date('day').notNull(),
  views: integer('views').default(0).notNull(),
  orders: integer('orders').default(0).notNull(),
  revenue: numeric('revenue', { precision: 12, scale: 2 }).default('0').notNull(),
});
