ALTER TABLE "shipments" DROP CONSTRAINT "shipments_status";--> statement-breakpoint
ALTER TABLE "waiting_queue" ALTER COLUMN "position" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "waiting_queue" ADD COLUMN "allocated_units" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "waiting_queue" ADD COLUMN "allocated_at" timestamp with time zone;--> statement-breakpoint
-- A 'now' shipment's units were all committed at placement: it is ready to ship.
UPDATE "shipments" SET "status" = 'ready_to_ship' WHERE "kind" = 'now' AND "status" = 'planned';--> statement-breakpoint
-- Entries out of the queue hold no place in it; allocated ones hold all their units.
UPDATE "waiting_queue" SET "position" = NULL WHERE "status" <> 'waiting';--> statement-breakpoint
UPDATE "waiting_queue" SET "allocated_units" = "units" WHERE "status" = 'allocated';--> statement-breakpoint
-- Checked at commit: allocating renumbers the entries behind inside one transaction.
ALTER TABLE "waiting_queue" DROP CONSTRAINT "waiting_queue_variant_position_unique";--> statement-breakpoint
ALTER TABLE "waiting_queue" ADD CONSTRAINT "waiting_queue_variant_position_unique" UNIQUE ("variant_id", "position") DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
-- The order history is append-only, like the stock ledger.
CREATE FUNCTION order_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'order_events is append-only: record a new event instead';
END
$$;--> statement-breakpoint
CREATE TRIGGER order_events_no_change
  BEFORE UPDATE OR DELETE ON order_events
  FOR EACH ROW EXECUTE FUNCTION order_events_append_only();--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_status" CHECK ("shipments"."status" in ('planned', 'ready_to_ship', 'charging', 'payment_failed', 'shipped', 'cancelled'));--> statement-breakpoint
ALTER TABLE "waiting_queue" ADD CONSTRAINT "waiting_queue_position_while_waiting" CHECK (("waiting_queue"."status" = 'waiting') = ("waiting_queue"."position" is not null));--> statement-breakpoint
ALTER TABLE "waiting_queue" ADD CONSTRAINT "waiting_queue_allocated_units" CHECK ("waiting_queue"."allocated_units" >= 0 and "waiting_queue"."allocated_units" <= "waiting_queue"."units" and ("waiting_queue"."status" <> 'allocated' or "waiting_queue"."allocated_units" = "waiting_queue"."units") and ("waiting_queue"."status" <> 'waiting' or "waiting_queue"."allocated_units" < "waiting_queue"."units"));