CREATE TYPE "public"."inventory_policy" AS ENUM('deny', 'backorder', 'preorder');--> statement-breakpoint
CREATE TYPE "public"."ship_date_source" AS ENUM('fixed_date', 'lead_time');--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"image_path" text,
	"image_alt" text DEFAULT '' NOT NULL,
	"option_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "product_variants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"title" text NOT NULL,
	"option_values" text[] DEFAULT '{}'::text[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" char(3) DEFAULT 'USD' NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"committed" integer DEFAULT 0 NOT NULL,
	"waiting" integer DEFAULT 0 NOT NULL,
	"inventory_policy" "inventory_policy" DEFAULT 'deny' NOT NULL,
	"waiting_limit" integer,
	"ship_date_source" "ship_date_source",
	"fixed_ship_date" date,
	"lead_time_days" integer,
	"release_date" date,
	"low_stock_threshold" integer DEFAULT 3 NOT NULL,
	"safety_stock" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_variants_sku_unique" UNIQUE("sku"),
	CONSTRAINT "product_variants_price_nonnegative" CHECK ("product_variants"."price_cents" >= 0),
	CONSTRAINT "product_variants_on_hand_nonnegative" CHECK ("product_variants"."on_hand" >= 0),
	CONSTRAINT "product_variants_committed_range" CHECK ("product_variants"."committed" >= 0 and "product_variants"."committed" <= "product_variants"."on_hand"),
	CONSTRAINT "product_variants_waiting_nonnegative" CHECK ("product_variants"."waiting" >= 0),
	CONSTRAINT "product_variants_waiting_limit_nonnegative" CHECK ("product_variants"."waiting_limit" is null or "product_variants"."waiting_limit" >= 0),
	CONSTRAINT "product_variants_lead_time_positive" CHECK ("product_variants"."lead_time_days" is null or "product_variants"."lead_time_days" > 0),
	CONSTRAINT "product_variants_low_stock_nonnegative" CHECK ("product_variants"."low_stock_threshold" >= 0),
	CONSTRAINT "product_variants_safety_stock_nonnegative" CHECK ("product_variants"."safety_stock" >= 0),
	CONSTRAINT "product_variants_ship_date_source" CHECK (("product_variants"."ship_date_source" is distinct from 'fixed_date' or "product_variants"."fixed_ship_date" is not null)
        and ("product_variants"."ship_date_source" is distinct from 'lead_time' or "product_variants"."lead_time_days" is not null))
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"variant_id" uuid NOT NULL,
	"change" integer NOT NULL,
	"on_hand_after" integer NOT NULL,
	"reason" text NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_change_nonzero" CHECK ("stock_movements"."change" <> 0),
	CONSTRAINT "stock_movements_on_hand_after_nonnegative" CHECK ("stock_movements"."on_hand_after" >= 0)
);
--> statement-breakpoint
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_variants_product_idx" ON "product_variants" USING btree ("product_id","position");--> statement-breakpoint
CREATE INDEX "stock_movements_variant_idx" ON "stock_movements" USING btree ("variant_id","created_at");