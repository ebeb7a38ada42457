CREATE TYPE "public"."user_role" AS ENUM('admin', 'editor', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."vendor_order_status" AS ENUM('pending', 'confirmed', 'shipped', 'cancelled');--> statement-breakpoint
CREATE TABLE "body_style" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(60) NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "body_style_public_id_unique" UNIQUE("public_id"),
	CONSTRAINT "body_style_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "category_part" (
	"id" serial PRIMARY KEY NOT NULL,
	"category_id" integer NOT NULL,
	"part_id" integer NOT NULL,
	CONSTRAINT "category_part_unique" UNIQUE("category_id","part_id")
);
--> statement-breakpoint
CREATE TABLE "color" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(60) NOT NULL,
	"hex" varchar(7),
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "color_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "file" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"uploaded_by_id" integer,
	"path" text NOT NULL,
	"mime_type" varchar(120) NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "file_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "manufacturer" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(120) NOT NULL,
	"country" varchar(2),
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "manufacturer_public_id_unique" UNIQUE("public_id"),
	CONSTRAINT "manufacturer_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "model_variation_category" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(120) NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "model_variation_category_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "model_variation_to_category" (
	"model_variation_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	CONSTRAINT "model_variation_to_category_model_variation_id_category_id_pk" PRIMARY KEY("model_variation_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "model_variation" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"model_id" integer NOT NULL,
	"body_style_id" integer,
	"color_id" integer,
	"year_from" integer NOT NULL,
	"year_to" integer,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "model_variation_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "model" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"manufacturer_id" integer NOT NULL,
	"name" varchar(120) NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "model_public_id_unique" UNIQUE("public_id"),
	CONSTRAINT "model_manufacturer_name_unique" UNIQUE("manufacturer_id","name")
);
--> statement-breakpoint
CREATE TABLE "part_alternative" (
	"id" serial PRIMARY KEY NOT NULL,
	"part_id" integer NOT NULL,
	"alternative_part_id" integer NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "part_category" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(120) NOT NULL,
	"parent_id" integer,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "part_category_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "part_name" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(200) NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "part_name_public_id_unique" UNIQUE("public_id"),
	CONSTRAINT "part_name_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "part_tag" (
	"id" serial PRIMARY KEY NOT NULL,
	"part_id" integer NOT NULL,
	"tag" varchar(60) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "part" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"part_name_id" integer NOT NULL,
	"model_variation_id" integer,
	"oem_number" varchar(64),
	"specs" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "part_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "user" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" varchar(255) NOT NULL,
	"display_name" varchar(120),
	"role" "user_role" DEFAULT 'viewer' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "user_public_id_unique" UNIQUE("public_id"),
	CONSTRAINT "user_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "vin_prefix" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"prefix" varchar(11) NOT NULL,
	"model_variation_id" integer NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "vin_prefix_public_id_unique" UNIQUE("public_id"),
	CONSTRAINT "vin_prefix_prefix_unique" UNIQUE("prefix")
);
--> statement-breakpoint
CREATE TABLE "vendor_analytics" (
	"id" serial PRIMARY KEY NOT NULL,
	"vendor_id" integer NOT NULL,
	"day" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"revenue" numeric(12, 2) DEFAULT '0' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendor_inventory" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"vendor_id" integer NOT NULL,
	"core_part_public_id" uuid NOT NULL,
	"quantity" integer DEFAULT 0 NOT NULL,
	"price" varchar(20) NOT NULL,
	"location" varchar(100),
	"is_available" boolean DEFAULT true NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_inventory_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "vendor_orders" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"vendor_id" integer NOT NULL,
	"inventory_id" integer NOT NULL,
	"customer_order_public_id" uuid,
	"status" "vendor_order_status" DEFAULT 'pending' NOT NULL,
	"total" numeric(12, 2) NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_orders_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "vendor_profile" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"business_name" varchar(200) NOT NULL,
	"business_type" varchar(50) NOT NULL,
	"contact_email" varchar(255) NOT NULL,
	"is_verified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_profile_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "customer_orders" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" integer NOT NULL,
	"total" numeric(12, 2) NOT NULL,
	"placed_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "customer_orders_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "customer_profile" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"first_name" varchar(100) NOT NULL,
	"last_name" varchar(100) NOT NULL,
	"email" varchar(255) NOT NULL,
	"phone" varchar(50),
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "customer_profile_public_id_unique" UNIQUE("public_id"),
	CONSTRAINT "customer_profile_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "shopping_cart" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" integer NOT NULL,
	"vendor_inventory_public_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"price_at_add" varchar(20) NOT NULL,
	"added_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "shopping_cart_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "wishlist" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" integer NOT NULL,
	"core_part_public_id" uuid NOT NULL,
	"added_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "wishlist_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
ALTER TABLE "category_part" ADD CONSTRAINT "category_part_category_id_part_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."part_category"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "category_part" ADD CONSTRAINT "category_part_part_id_part_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."part"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_uploaded_by_id_user_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_variation_to_category" ADD CONSTRAINT "model_variation_to_category_model_variation_id_model_variation_id_fk" FOREIGN KEY ("model_variation_id") REFERENCES "public"."model_variation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_variation_to_category" ADD CONSTRAINT "model_variation_to_category_category_id_model_variation_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."model_variation_category"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_variation" ADD CONSTRAINT "model_variation_model_id_model_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."model"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_variation" ADD CONSTRAINT "model_variation_body_style_id_body_style_id_fk" FOREIGN KEY ("body_style_id") REFERENCES "public"."body_style"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_variation" ADD CONSTRAINT "model_variation_color_id_color_id_fk" FOREIGN KEY ("color_id") REFERENCES "public"."color"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model" ADD CONSTRAINT "model_manufacturer_id_manufacturer_id_fk" FOREIGN KEY ("manufacturer_id") REFERENCES "public"."manufacturer"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_alternative" ADD CONSTRAINT "part_alternative_part_id_part_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."part"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_alternative" ADD CONSTRAINT "part_alternative_alternative_part_id_part_id_fk" FOREIGN KEY ("alternative_part_id") REFERENCES "public"."part"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_tag" ADD CONSTRAINT "part_tag_part_id_part_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."part"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part" ADD CONSTRAINT "part_part_name_id_part_name_id_fk" FOREIGN KEY ("part_name_id") REFERENCES "public"."part_name"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part" ADD CONSTRAINT "part_model_variation_id_model_variation_id_fk" FOREIGN KEY ("model_variation_id") REFERENCES "public"."model_variation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vin_prefix" ADD CONSTRAINT "vin_prefix_model_variation_id_model_variation_id_fk" FOREIGN KEY ("model_variation_id") REFERENCES "public"."model_variation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_analytics" ADD CONSTRAINT "vendor_analytics_vendor_id_vendor_profile_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendor_profile"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_inventory" ADD CONSTRAINT "vendor_inventory_vendor_id_vendor_profile_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendor_profile"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_orders" ADD CONSTRAINT "vendor_orders_vendor_id_vendor_profile_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendor_profile"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_orders" ADD CONSTRAINT "vendor_orders_inventory_id_vendor_inventory_id_fk" FOREIGN KEY ("inventory_id") REFERENCES "public"."vendor_inventory"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_orders" ADD CONSTRAINT "customer_orders_customer_id_customer_profile_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customer_profile"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shopping_cart" ADD CONSTRAINT "shopping_cart_customer_id_customer_profile_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customer_profile"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishlist" ADD CONSTRAINT "wishlist_customer_id_customer_profile_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customer_profile"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_variation_model_idx" ON "model_variation" USING btree ("model_id");--> statement-breakpoint
CREATE INDEX "part_oem_number_idx" ON "part" USING btree ("oem_number");