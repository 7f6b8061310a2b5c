ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_messages_kind";--> statement-breakpoint
ALTER TABLE "waiting_queue" ADD COLUMN "expected_date" date;--> statement-breakpoint
ALTER TABLE "waiting_queue" ADD COLUMN "delays" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "waiting_queue" ADD COLUMN "agreement" text;--> statement-breakpoint
-- Until now the date a line had was the one promised at placement.
UPDATE "waiting_queue" w SET "expected_date" = l."later_date" FROM "order_lines" l WHERE l."id" = w."order_line_id";--> statement-breakpoint
ALTER TABLE "waiting_queue" ADD COLUMN "answer_by" date;--> statement-breakpoint
ALTER TABLE "waiting_queue" ADD COLUMN "notified_date" date;--> statement-breakpoint
ALTER TABLE "waiting_queue" ADD CONSTRAINT "waiting_queue_agreement" CHECK ("waiting_queue"."agreement" is null or "waiting_queue"."agreement" in ('needed', 'agreed'));--> statement-breakpoint
ALTER TABLE "waiting_queue" ADD CONSTRAINT "waiting_queue_delays" CHECK ("waiting_queue"."delays" >= 0);--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_kind" CHECK ("outbox_messages"."kind" in ('order_received', 'back_in_stock', 'date_changed'));