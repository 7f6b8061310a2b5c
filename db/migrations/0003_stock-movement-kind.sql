CREATE TYPE "public"."stock_movement_kind" AS ENUM('opening', 'received', 'sold', 'returned', 'damaged', 'count', 'other');--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "kind" "stock_movement_kind" DEFAULT 'other' NOT NULL;--> statement-breakpoint
CREATE INDEX "stock_movements_kind_idx" ON "stock_movements" USING btree ("kind","created_at");