CREATE TABLE "back_in_stock_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant_id" uuid NOT NULL,
	"email" text NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"unsubscribe_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"notified_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone,
	CONSTRAINT "back_in_stock_signups_unsubscribeToken_unique" UNIQUE("unsubscribe_token"),
	CONSTRAINT "back_in_stock_signups_status" CHECK ("back_in_stock_signups"."status" in ('waiting', 'notified', 'unsubscribed')),
	CONSTRAINT "back_in_stock_signups_notified" CHECK (("back_in_stock_signups"."status" = 'notified') = ("back_in_stock_signups"."notified_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "dev_mailbox_messages" (
	"message_id" text PRIMARY KEY NOT NULL,
	"from_address" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"headers" jsonb NOT NULL,
	"deliveries" integer DEFAULT 1 NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_delivered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dev_mailbox_messages_deliveries" CHECK ("dev_mailbox_messages"."deliveries" >= 1)
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"kind" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"payload" jsonb NOT NULL,
	"message_id" text NOT NULL,
	"html" text,
	"text" text,
	"headers" jsonb,
	"order_id" uuid,
	"back_in_stock_signup_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"enqueued_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "outbox_messages_seq_unique" UNIQUE("seq"),
	CONSTRAINT "outbox_messages_messageId_unique" UNIQUE("message_id"),
	CONSTRAINT "outbox_messages_kind" CHECK ("outbox_messages"."kind" in ('order_received', 'back_in_stock')),
	CONSTRAINT "outbox_messages_status" CHECK ("outbox_messages"."status" in ('pending', 'sent', 'failed', 'cancelled')),
	CONSTRAINT "outbox_messages_sent_at" CHECK (("outbox_messages"."status" = 'sent') = ("outbox_messages"."sent_at" is not null)),
	CONSTRAINT "outbox_messages_attempts" CHECK ("outbox_messages"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "back_in_stock_signups" ADD CONSTRAINT "back_in_stock_signups_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_back_in_stock_signup_id_back_in_stock_signups_id_fk" FOREIGN KEY ("back_in_stock_signup_id") REFERENCES "public"."back_in_stock_signups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "back_in_stock_signups_waiting_unique" ON "back_in_stock_signups" USING btree ("variant_id","email") WHERE "back_in_stock_signups"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "back_in_stock_signups_variant_idx" ON "back_in_stock_signups" USING btree ("variant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "back_in_stock_signups_email_idx" ON "back_in_stock_signups" USING btree ("email");--> statement-breakpoint
CREATE INDEX "dev_mailbox_messages_received_idx" ON "dev_mailbox_messages" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_created_idx" ON "outbox_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_undispatched_idx" ON "outbox_messages" USING btree ("seq") WHERE "outbox_messages"."status" = 'pending' and "outbox_messages"."enqueued_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_messages_order_idx" ON "outbox_messages" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "outbox_messages_to_idx" ON "outbox_messages" USING btree ("to_address","created_at");