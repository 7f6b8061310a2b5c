import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { shipments } from './orders';

// ---------------------------------------------------------------------------------------------
// Bulk shipping ("Ship selected"): a batch of shipments that the worker ships one by one
// (lib/shipping/ship-batch.ts). The rows are the queue: each item is claimed with SKIP LOCKED, so
// several workers share a batch and a restarted one picks up where the last stopped.
// ---------------------------------------------------------------------------------------------

export const SHIP_BATCH_ITEM_STATUSES = ['pending', 'working', 'done', 'skipped'] as const;
export type ShipBatchItemStatus = (typeof SHIP_BATCH_ITEM_STATUSES)[number];

/** What shipping an item came to. 'charging': the provider had not answered; the shipment settles later. */
export const SHIP_BATCH_OUTCOMES = ['shipped', 'payment_failed', 'charging', 'skipped'] as const;
export type ShipBatchOutcome = (typeof SHIP_BATCH_OUTCOMES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const shipBatches = pgTable('ship_batches', {
  id: uuid().primaryKey().defaultRandom(),
  /** The form's one-time key: submitting the same form again finds this batch instead of starting another. */
  requestKey: text().notNull().unique(),
  createdBy: text().notNull(),
  total: integer().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** When the last item was done. */
  finishedAt: timestamp({ withTimezone: true }),
});

export const shipBatchItems = pgTable(
  'ship_batch_items',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    batchId: uuid()
      .notNull()
      .references(() => shipBatches.id, { onDelete: 'cascade' }),
    shipmentId: uuid()
      .notNull()
      .references(() => shipments.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    status: text().$type<ShipBatchItemStatus>().notNull().default('pending'),
    outcome: text().$type<ShipBatchOutcome>(),
    message: text(),
    /** When a worker took it (status working): a claim older than a few minutes is a dead worker's. */
    claimedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('ship_batch_items_batch_shipment_unique').on(t.batchId, t.shipmentId),
    index('ship_batch_items_queue_idx').on(t.status, t.batchId, t.position),
    check('ship_batch_items_status', sql`${t.status} in (${inList(SHIP_BATCH_ITEM_STATUSES)})`),
    check('ship_batch_items_outcome', sql`${t.outcome} is null or ${t.outcome} in (${inList(SHIP_BATCH_OUTCOMES)})`),
    check('ship_batch_items_done', sql`(${t.status} in ('done', 'skipped')) = (${t.outcome} is not null)`),
  ],
);

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * A refund of a shipped shipment, whole or some of its lines (lib/shipping/refund-shipment.ts).
 * Written, with what it refunds reserved on the shipment, before the provider is asked (its
 * idempotency key is `refund:<id>`), so a crash or a retry can never refund twice or past the
 * charge. pending: the provider's answer is not known yet; failed: it refused, and the
 * reservation was given back.
 */
export const shipmentRefunds = pgTable(
  'shipment_refunds',
  {
    id: uuid().primaryKey().defaultRandom(),
    shipmentId: uuid()
      .notNull()
      .references(() => shipments.id, { onDelete: 'cascade' }),
    amountCents: integer().notNull(),
    /** The part of the amount that is the shipping fee (only a refund of the whole shipment returns it). */
    shippingCents: integer().notNull().default(0),
    lines: jsonb().$type<{ orderLineId: string; quantity: number; amountCents: number }[]>().notNull(),
    status: text().$type<RefundStatus>().notNull().default('pending'),
    stripeRefundId: text().unique(),
    failureMessage: text(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('shipment_refunds_shipment_idx').on(t.shipmentId, t.createdAt),
    index('shipment_refunds_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'pending'`),
    check('shipment_refunds_status', sql`${t.status} in (${inList(REFUND_STATUSES)})`),
    check('shipment_refunds_amount', sql`${t.amountCents} > 0 and ${t.shippingCents} >= 0 and ${t.shippingCents} <= ${t.amountCents}`),
  ],
);

export type ShipmentRefund = typeof shipmentRefunds.$inferSelect;
export type ShipBatch = typeof shipBatches.$inferSelect;
export type ShipBatchItem = typeof shipBatchItems.$inferSelect;
