ALTER TYPE "public"."stock_movement_kind" ADD VALUE 'shipped';--> statement-breakpoint
CREATE TABLE "ship_batch_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"shipment_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"outcome" text,
	"message" text,
	"claimed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ship_batch_items_batch_shipment_unique" UNIQUE("batch_id","shipment_id"),
	CONSTRAINT "ship_batch_items_status" CHECK ("ship_batch_items"."status" in ('pending', 'working', 'done', 'skipped')),
	CONSTRAINT "ship_batch_items_outcome" CHECK ("ship_batch_items"."outcome" is null or "ship_batch_items"."outcome" in ('shipped', 'payment_failed', 'charging', 'skipped')),
	CONSTRAINT "ship_batch_items_done" CHECK (("ship_batch_items"."status" in ('done', 'skipped')) = ("ship_batch_items"."outcome" is not null))
);
--> statement-breakpoint
CREATE TABLE "ship_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_key" text NOT NULL,
	"created_by" text NOT NULL,
	"total" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "ship_batches_requestKey_unique" UNIQUE("request_key")
);
--> statement-breakpoint
CREATE TABLE "shipment_refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"shipment_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"shipping_cents" integer DEFAULT 0 NOT NULL,
	"lines" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"stripe_refund_id" text,
	"failure_message" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipment_refunds_stripeRefundId_unique" UNIQUE("stripe_refund_id"),
	CONSTRAINT "shipment_refunds_status" CHECK ("shipment_refunds"."status" in ('pending', 'succeeded', 'failed')),
	CONSTRAINT "shipment_refunds_amount" CHECK ("shipment_refunds"."amount_cents" > 0 and "shipment_refunds"."shipping_cents" >= 0 and "shipment_refunds"."shipping_cents" <= "shipment_refunds"."amount_cents")
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_messages_kind";--> statement-breakpoint
ALTER TABLE "order_events" DROP CONSTRAINT "order_events_shipment_id_shipments_id_fk";
--> statement-breakpoint
ALTER TABLE "shipment_lines" ADD COLUMN "refunded_quantity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "charge_attempt" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "charging_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "carrier" text;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "tracking_number" text;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "charged_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "refunded_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "stripe_payment_intent_id" text;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "failure_code" text;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "failure_message" text;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "shipped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "shipped_by" text;--> statement-breakpoint
ALTER TABLE "ship_batch_items" ADD CONSTRAINT "ship_batch_items_batch_id_ship_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."ship_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ship_batch_items" ADD CONSTRAINT "ship_batch_items_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_refunds" ADD CONSTRAINT "shipment_refunds_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ship_batch_items_queue_idx" ON "ship_batch_items" USING btree ("status","batch_id","position");--> statement-breakpoint
CREATE INDEX "shipment_refunds_shipment_idx" ON "shipment_refunds" USING btree ("shipment_id","created_at");--> statement-breakpoint
CREATE INDEX "shipment_refunds_pending_idx" ON "shipment_refunds" USING btree ("created_at") WHERE "shipment_refunds"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "shipments_charging_idx" ON "shipments" USING btree ("charging_since") WHERE "shipments"."status" = 'charging';--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_payment_intent_unique" ON "shipments" USING btree ("stripe_payment_intent_id") WHERE "shipments"."stripe_payment_intent_id" is not null;--> statement-breakpoint
ALTER TABLE "shipment_lines" ADD CONSTRAINT "shipment_lines_refunded" CHECK ("shipment_lines"."refunded_quantity" >= 0 and "shipment_lines"."refunded_quantity" <= "shipment_lines"."quantity");--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_charged" CHECK ("shipments"."charged_cents" >= 0 and "shipments"."refunded_cents" >= 0 and "shipments"."refunded_cents" <= "shipments"."charged_cents");--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_shipped" CHECK (("shipments"."status" = 'shipped') = ("shipments"."shipped_at" is not null));--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_charging" CHECK (("shipments"."status" = 'charging') = ("shipments"."charging_since" is not null));--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_charge_attempt" CHECK ("shipments"."charge_attempt" >= 0);--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_kind" CHECK ("outbox_messages"."kind" in ('order_received', 'back_in_stock', 'date_changed', 'preorder_released', 'preorder_reminder', 'order_cancelled', 'shipment_shipped', 'payment_action_needed', 'shipment_refunded'));