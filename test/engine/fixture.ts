/** What drizzle-kit writes for an enum, serials, a uuid default, an array and a foreign key. */
export const MIGRATION_SQL = `CREATE TYPE "public"."vendor_status" AS ENUM('active', 'suspended');--> statement-breakpoint
CREATE TABLE "vendor_profile" (
\t"id" serial PRIMARY KEY NOT NULL,
\t"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
\t"business_name" varchar(200) NOT NULL,
\t"status" "vendor_status" DEFAULT 'active' NOT NULL,
\t"tags" text[],
\tCONSTRAINT "vendor_profile_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "vendor_inventory" (
\t"id" serial PRIMARY KEY NOT NULL,
\t"vendor_id" integer NOT NULL,
\t"location" varchar(100)
);
--> statement-breakpoint
ALTER TABLE "vendor_inventory" ADD CONSTRAINT "vendor_inventory_vendor_id_vendor_profile_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendor_profile"("id") ON DELETE no action ON UPDATE no action;`;
