import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// ---------------------------------------------------------------------------------------------
// The Stripe emulator's state (lib/payments/emulator). Kept in PostgreSQL so it survives
// restarts and is shared by every app process. Only lib/payments/emulator reads or writes them
// (lib/payments/emulator-boundary.test.ts checks it).
// ---------------------------------------------------------------------------------------------

/** Stripe objects (customer, setup_intent, payment_method, payment_intent, charge) as served. */
export const stripeEmulatorObjects = pgTable(
  'stripe_emulator_objects',
  {
    id: text().primaryKey(),
    type: text().notNull(),
    customerId: text(),
    /** The Stripe-shaped JSON object exactly as the API returns it. */
    body: jsonb().$type<Record<string, unknown>>().notNull(),
    /** Emulator-only state that Stripe does not show (the test card's behaviour, ...). */
    internal: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stripe_emulator_objects_customer_idx').on(t.type, t.customerId, t.createdAt)],
);

/**
 * Idempotency keys, as Stripe scopes them: per API key (a SHA-256 of it, never the key itself).
 * The first request with a key inserts its row, does its work and stores its response in one
 * transaction; a concurrent request with the same key and API key waits on the primary key and
 * then replays the stored response. Another API key with the same Idempotency-Key is another row.
 */
export const stripeEmulatorIdempotencyKeys = pgTable(
  'stripe_emulator_idempotency_keys',
  {
    apiKeyHash: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    method: text().notNull(),
    path: text().notNull(),
    responseStatus: integer(),
    responseBody: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyHash, t.key] })],
);

export const stripeEmulatorEvents = pgTable('stripe_emulator_events', {
  id: text().primaryKey(),
  type: text().notNull(),
  body: jsonb().$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One delivery of an event to the app's webhook route, retried with backoff until it gets a 2xx. */
export const stripeEmulatorWebhookDeliveries = pgTable(
  'stripe_emulator_webhook_deliveries',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    eventId: text()
      .notNull()
      .references(() => stripeEmulatorEvents.id, { onDelete: 'cascade' }),
    status: text().$type<WebhookDeliveryStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** A sender's lease: other processes skip the row until then, so one delivery is not sent twice at once. */
    lockedUntil: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stripe_emulator_webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    check('stripe_emulator_webhook_deliveries_status', sql`${t.status} in ('pending', 'delivered', 'failed')`),
  ],
);
