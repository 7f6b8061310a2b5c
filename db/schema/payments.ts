import { sql } from 'drizzle-orm';
import { bigserial, char, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

// ---------------------------------------------------------------------------------------------
// The app's own payment records. Written only by lib/payments (and its webhook route); the
// checkout and shipping issues read them and hang their orders and shipments on these ids.
// ---------------------------------------------------------------------------------------------

/** Which Stripe the ids belong to: the offline emulator, a test-mode account or a live one. */
export const PAYMENT_MODES = ['emulator', 'test', 'live'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

/**
 * One Stripe Customer per shopper email and Stripe account. Stripe does not keep emails unique,
 * so this table is what stops two checkouts from creating two Customers for one shopper.
 */
export const paymentCustomers = pgTable(
  'payment_customers',
  {
    id: uuid().primaryKey().defaultRandom(),
    mode: text().$type<PaymentMode>().notNull(),
    /** Lower-cased, trimmed. */
    email: text().notNull(),
    stripeCustomerId: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('payment_customers_mode_email_unique').on(t.mode, t.email),
    check('payment_customers_mode', sql`${t.mode} in ('emulator', 'test', 'live')`),
  ],
);

export const SAVED_CARD_STATUSES = ['active', 'detached'] as const;
export type SavedCardStatus = (typeof SAVED_CARD_STATUSES)[number];

/**
 * A card saved with a SetupIntent that the server verified (status succeeded, right customer).
 * Only brand, last4 and expiry are kept: card data never reaches our servers.
 */
export const savedCards = pgTable(
  'saved_cards',
  {
    id: uuid().primaryKey().defaultRandom(),
    stripeCustomerId: text().notNull(),
    stripePaymentMethodId: text().notNull().unique(),
    stripeSetupIntentId: text(),
    brand: text().notNull(),
    last4: char({ length: 4 }).notNull(),
    expMonth: integer().notNull(),
    expYear: integer().notNull(),
    status: text().$type<SavedCardStatus>().notNull().default('active'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('saved_cards_customer_idx').on(t.stripeCustomerId),
    check('saved_cards_status', sql`${t.status} in ('active', 'detached')`),
    check('saved_cards_exp_month', sql`${t.expMonth} between 1 and 12`),
  ],
);

export const PAYMENT_ATTEMPT_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type PaymentAttemptStatus = (typeof PAYMENT_ATTEMPT_STATUSES)[number];
export const CHARGE_FAILURE_CODES = ['authentication_required', 'card_declined', 'expired_card', 'transient'] as const;
export type ChargeFailureCode = (typeof CHARGE_FAILURE_CODES)[number];

/**
 * One off-session charge attempt for a shipment; `idempotency_key` is the Stripe key
 * `shipment:<id>:attempt:<n>`. 'pending' means the outcome is not known yet (before the call,
 * or after a transient failure): the attempt must be retried with the SAME key, never a new one.
 */
export const paymentAttempts = pgTable(
  'payment_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The shipment's id as text: shipments arrive with the shipping issue. */
    shipmentId: text().notNull(),
    attempt: integer().notNull(),
    idempotencyKey: text().notNull().unique(),
    amountCents: integer().notNull(),
    currency: char({ length: 3 }).notNull(),
    stripeCustomerId: text().notNull(),
    stripePaymentMethodId: text().notNull(),
    stripePaymentIntentId: text().unique(),
    status: text().$type<PaymentAttemptStatus>().notNull().default('pending'),
    failureCode: text().$type<ChargeFailureCode>(),
    declineCode: text(),
    failureMessage: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('payment_attempts_shipment_attempt_unique').on(t.shipmentId, t.attempt),
    check('payment_attempts_status', sql`${t.status} in ('pending', 'succeeded', 'failed')`),
    check(
      'payment_attempts_failure_code',
      sql`${t.failureCode} is null or ${t.failureCode} in ('authentication_required', 'card_declined', 'expired_card', 'transient')`,
    ),
    check('payment_attempts_amount_positive', sql`${t.amountCents} > 0`),
    check('payment_attempts_attempt_positive', sql`${t.attempt} >= 1`),
  ],
);

/**
 * Every Stripe event the webhook route has acted on. The row is written in the same transaction
 * as the change the event causes, so a second delivery of the same event changes nothing.
 */
export const stripeWebhookEvents = pgTable('stripe_webhook_events', {
  id: text().primaryKey(),
  type: text().notNull(),
  objectId: text(),
  receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

// ---------------------------------------------------------------------------------------------
// The Stripe emulator's state (lib/payments/emulator). Kept in PostgreSQL so it survives
// restarts and is shared by every app process. Never read by app code outside the emulator.
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
 * Idempotency keys: the first request with a key inserts its row, does its work and stores its
 * response in one transaction; a concurrent request with the same key waits on the primary key
 * and then replays the stored response.
 */
export const stripeEmulatorIdempotencyKeys = pgTable('stripe_emulator_idempotency_keys', {
  key: text().primaryKey(),
  requestHash: text().notNull(),
  method: text().notNull(),
  path: text().notNull(),
  responseStatus: integer(),
  responseBody: jsonb().$type<Record<string, unknown>>(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

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

export type PaymentCustomer = typeof paymentCustomers.$inferSelect;
export type SavedCardRow = typeof savedCards.$inferSelect;
export type PaymentAttempt = typeof paymentAttempts.$inferSelect;
export type StripeWebhookEvent = typeof stripeWebhookEvents.$inferSelect;
