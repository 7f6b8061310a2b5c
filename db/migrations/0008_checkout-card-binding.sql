CREATE TABLE "rate_limits" (
	"bucket" text NOT NULL,
	"key" text NOT NULL,
	"hits" integer NOT NULL,
	"resets_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_limits_bucket_key_pk" PRIMARY KEY("bucket","key"),
	CONSTRAINT "rate_limits_hits_positive" CHECK ("rate_limits"."hits" > 0)
);
--> statement-breakpoint
ALTER TABLE "payment_customers" DROP CONSTRAINT "payment_customers_mode_email_unique";--> statement-breakpoint
-- Customers made before this migration were found by email from any checkout: none is a staff
-- Customer, so no lookup by email reaches them any more.
ALTER TABLE "payment_customers" ADD COLUMN "kind" text NOT NULL DEFAULT 'checkout';--> statement-breakpoint
ALTER TABLE "payment_customers" ALTER COLUMN "kind" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "carts" ADD COLUMN "stripe_customer_id" text;--> statement-breakpoint
ALTER TABLE "carts" ADD COLUMN "stripe_setup_intent_id" text;--> statement-breakpoint
ALTER TABLE "carts" ADD COLUMN "card_setup_email" text;--> statement-breakpoint
CREATE INDEX "rate_limits_resets_idx" ON "rate_limits" USING btree ("resets_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_customers_staff_email_unique" ON "payment_customers" USING btree ("mode","email") WHERE "payment_customers"."kind" = 'staff';--> statement-breakpoint
ALTER TABLE "payment_customers" ADD CONSTRAINT "payment_customers_kind" CHECK ("payment_customers"."kind" in ('checkout', 'staff'));--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_card_setup_complete" CHECK (("carts"."stripe_customer_id" is null) = ("carts"."stripe_setup_intent_id" is null) and ("carts"."stripe_setup_intent_id" is null) = ("carts"."card_setup_email" is null));