import { sql } from 'drizzle-orm';
import { bigserial, char, check, date, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { carts } from './cart';
import { variants } from './catalog';

// ---------------------------------------------------------------------------------------------
// Orders, their planned shipments and the queue of units waiting for stock. Written by
// lib/orders; every status change also writes an order_events row in the same transaction.
// ---------------------------------------------------------------------------------------------

export const ORDER_STATUSES = ['placed', 'partially_shipped', 'shipped', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const SHIPMENT_KINDS = ['now', 'backorder', 'preorder'] as const;
export type ShipmentKind = (typeof SHIPMENT_KINDS)[number];

/**
 * planned: some of its units still wait for stock; ready_to_ship: every unit is allocated (a 'now'
 * shipment is ready from placement, a later one once receiving has filled it); the shipping issue
 * moves them on (charging, shipped, ...); cancelled: every line in it was cancelled before it
 * shipped (its amount is then 0 and the shipping fee has moved to the next shipment).
 */
export const SHIPMENT_STATUSES = ['planned', 'ready_to_ship', 'charging', 'payment_failed', 'shipped', 'cancelled'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const QUEUE_ENTRY_STATUSES = ['waiting', 'allocated', 'cancelled'] as const;
export type QueueEntryStatus = (typeof QUEUE_ENTRY_STATUSES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const orders = pgTable(
  'orders',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The number shoppers and staff quote ("Order 1042"). */
    number: integer().notNull().unique().generatedAlwaysAsIdentity({ startWith: 1001 }),
    /** Long random token in the order page's link (/orders/<token>): the only key to it, no account needed. */
    publicToken: text().notNull().unique(),
    /** The checkout's key (carts.checkout_key): one order per checkout, whatever the retries. */
    idempotencyKey: text().notNull().unique(),
    cartId: uuid().references(() => carts.id, { onDelete: 'set null' }),
    status: text().$type<OrderStatus>().notNull().default('placed'),
    email: text().notNull(),
    fullName: text().notNull(),
    addressLine: text().notNull(),
    city: text().notNull(),
    /** State, province or county code where the country has one (lib/checkout/address-format.ts); null elsewhere. */
    region: text(),
    postalCode: text().notNull(),
    country: text().notNull(),
    currency: char({ length: 3 }).notNull(),
    itemsCents: integer().notNull(),
    shippingCents: integer().notNull(),
    totalCents: integer().notNull(),
    /** The consent the shopper ticked when some units ship later: its exact words, when, and from where. */
    consentText: text(),
    consentAt: timestamp({ withTimezone: true }),
    consentIp: text(),
    stripeCustomerId: text().notNull(),
    stripeSetupIntentId: text().notNull(),
    stripePaymentMethodId: text().notNull(),
    cardBrand: text().notNull(),
    cardLast4: char({ length: 4 }).notNull(),
    cardExpMonth: integer().notNull(),
    cardExpYear: integer().notNull(),
    placedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('orders_email_idx').on(t.email, t.placedAt),
    index('orders_placed_idx').on(t.placedAt),
    check('orders_status', sql`${t.status} in (${inList(ORDER_STATUSES)})`),
    check('orders_amounts', sql`${t.itemsCents} >= 0 and ${t.shippingCents} >= 0 and ${t.totalCents} = ${t.itemsCents} + ${t.shippingCents}`),
    check('orders_consent_complete', sql`(${t.consentText} is null) = (${t.consentAt} is null)`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'restrict' }),
    /** Snapshots at placement: later edits to the catalog do not rewrite an order. */
    productSlug: text().notNull(),
    productTitle: text().notNull(),
    variantTitle: text().notNull(),
    sku: text().notNull(),
    unitPriceCents: integer().notNull(),
    quantity: integer().notNull(),
    /** Units committed from stock at placement. */
    shipNowQuantity: integer().notNull(),
    /** Units queued for stock (backorder or pre-order). */
    laterQuantity: integer().notNull(),
    laterKind: text().$type<'backorder' | 'preorder'>(),
    /** The ship-by date (backorder) or release date (pre-order) promised at placement. */
    laterDate: date({ mode: 'string' }),
    lineTotalCents: integer().notNull(),
    /**
     * Units taken off the order before they shipped (lib/orders/cancel-lines.ts): never charged.
     * A line is cancelled whole, except for what has already shipped.
     */
    cancelledQuantity: integer().notNull().default(0),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('order_lines_order_position_unique').on(t.orderId, t.position),
    index('order_lines_variant_idx').on(t.variantId),
    check(
      'order_lines_quantities',
      sql`${t.shipNowQuantity} >= 0 and ${t.laterQuantity} >= 0 and ${t.quantity} = ${t.shipNowQuantity} + ${t.laterQuantity} and ${t.quantity} > 0`,
    ),
    check(
      'order_lines_later',
      sql`(${t.laterQuantity} = 0 and ${t.laterKind} is null and ${t.laterDate} is null) or (${t.laterQuantity} > 0 and ${t.laterKind} in ('backorder', 'preorder') and ${t.laterDate} is not null)`,
    ),
    check('order_lines_total', sql`${t.unitPriceCents} >= 0 and ${t.lineTotalCents} = ${t.unitPriceCents} * ${t.quantity}`),
    check(
      'order_lines_cancelled',
      sql`${t.cancelledQuantity} >= 0 and ${t.cancelledQuantity} <= ${t.quantity} and (${t.cancelledQuantity} = 0) = (${t.cancelledAt} is null)`,
    ),
  ],
);

/**
 * Planned shipments: one per ship-date group (now, each backorder date, each release date).
 * `amount_cents` is what the saved card is charged when the shipment ships: its lines, plus the
 * flat-rate shipping on the first shipment.
 */
export const shipments = pgTable(
  'shipments',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    sequence: integer().notNull(),
    kind: text().$type<ShipmentKind>().notNull(),
    /** Null for 'now'; the ship-by or release date otherwise. */
    expectedDate: date({ mode: 'string' }),
    status: text().$type<ShipmentStatus>().notNull().default('planned'),
    currency: char({ length: 3 }).notNull(),
    itemsCents: integer().notNull(),
    shippingCents: integer().notNull(),
    amountCents: integer().notNull(),
    /**
     * The charge attempt in flight or last made (payment_attempts.attempt, whose idempotency key is
     * `shipment:<id>:attempt:<n>`); 0 before the first. A new number only after a definite failure.
     */
    chargeAttempt: integer().notNull().default(0),
    /** When the current attempt began (status charging): the recovery sweep picks up old ones. */
    chargingSince: timestamp({ withTimezone: true }),
    carrier: text(),
    trackingNumber: text(),
    /** What the card was charged for this shipment (0 before shipping, and for a shipment of 0). */
    chargedCents: integer().notNull().default(0),
    refundedCents: integer().notNull().default(0),
    stripePaymentIntentId: text(),
    /** With payment_failed: why (authentication_required, card_declined, expired_card) and the bank's words. */
    failureCode: text(),
    failureMessage: text(),
    shippedAt: timestamp({ withTimezone: true }),
    /** Who pressed "Ship" (a staff email, or the bulk job on their behalf). */
    shippedBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('shipments_order_sequence_unique').on(t.orderId, t.sequence),
    index('shipments_status_idx').on(t.status, t.expectedDate),
    check('shipments_kind', sql`${t.kind} in (${inList(SHIPMENT_KINDS)})`),
    check('shipments_status', sql`${t.status} in (${inList(SHIPMENT_STATUSES)})`),
    check('shipments_date', sql`(${t.kind} = 'now') = (${t.expectedDate} is null)`),
    check('shipments_amounts', sql`${t.itemsCents} >= 0 and ${t.shippingCents} >= 0 and ${t.amountCents} = ${t.itemsCents} + ${t.shippingCents}`),
    check('shipments_charged', sql`${t.chargedCents} >= 0 and ${t.refundedCents} >= 0 and ${t.refundedCents} <= ${t.chargedCents}`),
    check('shipments_shipped', sql`(${t.status} = 'shipped') = (${t.shippedAt} is not null)`),
    check('shipments_charging', sql`(${t.status} = 'charging') = (${t.chargingSince} is not null)`),
    check('shipments_charge_attempt', sql`${t.chargeAttempt} >= 0`),
    index('shipments_charging_idx')
      .on(t.chargingSince)
      .where(sql`${t.status} = 'charging'`),
    // Partial: only charged shipments have one, and a full index would cost every other shipment
    // update (receiving readies thousands at once) an index entry of null.
    uniqueIndex('shipments_payment_intent_unique')
      .on(t.stripePaymentIntentId)
      .where(sql`${t.stripePaymentIntentId} is not null`),
  ],
);

export const shipmentLines = pgTable(
  'shipment_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    shipmentId: uuid()
      .notNull()
      .references(() => shipments.id, { onDelete: 'cascade' }),
    orderLineId: uuid()
      .notNull()
      .references(() => orderLines.id, { onDelete: 'cascade' }),
    quantity: integer().notNull(),
    amountCents: integer().notNull(),
    /**
     * The line's units in this shipment were cancelled before it shipped: kept for the record, no
     * longer counted in the shipment's amount.
     */
    cancelledAt: timestamp({ withTimezone: true }),
    /** Units refunded after shipping (reserved when the refund is asked for, given back if it fails). */
    refundedQuantity: integer().notNull().default(0),
  },
  (t) => [
    check('shipment_lines_refunded', sql`${t.refundedQuantity} >= 0 and ${t.refundedQuantity} <= ${t.quantity}`),
    unique('shipment_lines_shipment_line_unique').on(t.shipmentId, t.orderLineId),
    index('shipment_lines_order_line_idx').on(t.orderLineId),
    check('shipment_lines_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

/**
 * Per variant, the last queue position handed out. Bumped under the variant's row lock in the
 * transaction that inserts the queue entry, so positions have no gaps and no duplicates.
 */
export const variantQueueCounters = pgTable('variant_queue_counters', {
  variantId: uuid()
    .primaryKey()
    .references(() => variants.id, { onDelete: 'cascade' }),
  lastPosition: integer().notNull().default(0),
});

/**
 * Units sold past stock (backorders and pre-orders), first in, first out per variant: arriving
 * stock goes to the lowest waiting position first. One entry per order line with later units.
 */
export const waitingQueue = pgTable(
  'waiting_queue',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'restrict' }),
    orderLineId: uuid()
      .notNull()
      .unique()
      .references(() => orderLines.id, { onDelete: 'cascade' }),
    units: integer().notNull(),
    /** Units given to this line from arriving stock so far (they count as committed). */
    allocatedUnits: integer().notNull().default(0),
    /**
     * Place in the variant's queue, 1..n over its waiting entries with no gaps (null once allocated
     * or cancelled: allocating and cancelling close the queue up). The unique constraint is checked
     * at commit, so a renumbering inside a transaction does not trip over itself.
     */
    position: integer(),
    status: text().$type<QueueEntryStatus>().notNull().default('waiting'),
    /**
     * The date the line's waiting units are expected to ship now (the order line's later_date is
     * the promise made at placement). Null: nothing dates them any more (an indefinite delay).
     * Recomputed with every change to incoming stock or the variant's date (lib/orders/waiting-dates.ts).
     */
    expectedDate: date({ mode: 'string' }),
    /** Times the date moved later than the one the shopper last had. */
    delays: integer().notNull().default(0),
    /**
     * US FTC Mail Order Rule: 'needed' when a delay needs the shopper's agreement (more than 30
     * days past the promise, indefinite, or a second delay); 'agreed' once given.
     */
    agreement: text().$type<'needed' | 'agreed'>(),
    /** With agreement 'needed': the day the lines are cancelled without the shopper's answer. */
    answerBy: date({ mode: 'string' }),
    /** The latest date the shopper was told by a "date changed" email (null: only the promise). A move back up to it is no new delay. */
    notifiedDate: date({ mode: 'string' }),
    allocatedAt: timestamp({ withTimezone: true }),
    /** A pre-order line's release was processed (lib/orders/preorder-release.ts): once per line. */
    releasedAt: timestamp({ withTimezone: true }),
    /** The "ships in 3 days" reminder went out for this pre-order line: once per line. */
    remindedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // DEFERRABLE INITIALLY DEFERRED (migration 0011, which drizzle cannot express): allocation renumbers
    // the queue inside one transaction. Keep it so if this constraint is ever regenerated.
    unique('waiting_queue_variant_position_unique').on(t.variantId, t.position),
    index('waiting_queue_waiting_idx').on(t.variantId, t.status, t.position),
    // The daily sweep for delays nobody agreed to (lib/orders/unanswered-delays.ts).
    index('waiting_queue_answer_by_idx')
      .on(t.answerBy)
      .where(sql`${t.agreement} = 'needed'`),
    check('waiting_queue_units_positive', sql`${t.units} > 0`),
    check('waiting_queue_position_positive', sql`${t.position} > 0`),
    check('waiting_queue_position_while_waiting', sql`(${t.status} = 'waiting') = (${t.position} is not null)`),
    check(
      'waiting_queue_allocated_units',
      sql`${t.allocatedUnits} >= 0 and ${t.allocatedUnits} <= ${t.units} and (${t.status} <> 'allocated' or ${t.allocatedUnits} = ${t.units}) and (${t.status} <> 'waiting' or ${t.allocatedUnits} < ${t.units})`,
    ),
    check('waiting_queue_status', sql`${t.status} in (${inList(QUEUE_ENTRY_STATUSES)})`),
    check('waiting_queue_agreement', sql`${t.agreement} is null or ${t.agreement} in ('needed', 'agreed')`),
    check('waiting_queue_delays', sql`${t.delays} >= 0`),
  ],
);

/**
 * THE record of what happened to an order: every status change of an order or a shipment writes
 * one row here, in the same transaction as the change ('order.placed', 'shipment.shipped', ...).
 */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    /**
     * The shipment the event is about. Not a foreign key: a receipt that readies 10,000 shipments
     * writes 10,000 events, and a key check (a row lock on each shipment) for a reference that
     * cannot go wrong (events are written in the transaction that changes the shipment, and
     * shipments are never deleted but with their order) cost a third of that receipt.
     */
    shipmentId: uuid(),
    type: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.id), index('order_events_shipment_idx').on(t.shipmentId)],
);

export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type OrderLine = typeof orderLines.$inferSelect;
export type Shipment = typeof shipments.$inferSelect;
export type ShipmentLine = typeof shipmentLines.$inferSelect;
export type WaitingQueueEntry = typeof waitingQueue.$inferSelect;
export type OrderEvent = typeof orderEvents.$inferSelect;
