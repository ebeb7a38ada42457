import { sql, type Kysely } from 'kysely';
import { getDialect } from 'kysely-codegen';

/** What drizzle-kit writes for an enum, serials, a uuid default and a foreign key. */
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

/** kysely-codegen's view of the database, as plain data that can be compared across engines. */
export async function introspect(db: Kysely<any>) {
  // kysely-codegen is CJS and typed against kysely's CJS build; at runtime either build's instance works.
  const metadata = await getDialect('postgres', {}).introspector.introspect({ db: db as never });
  return {
    tables: metadata.tables
      .map((table) => ({
        schema: table.schema,
        name: table.name,
        columns: table.columns.map(({ name, dataType, enumValues, hasDefaultValue, isArray, isAutoIncrementing, isNullable }) => ({
          name,
          dataType,
          enumValues,
          hasDefaultValue,
          isArray,
          isAutoIncrementing,
          isNullable,
        })),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    enums: metadata.enums.enums,
  };
}

export async function foreignKeys(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ conname: string }>`select conname from pg_constraint where contype = 'f' order by conname`.execute(db);
  return rows.map((row) => row.conname);
}
