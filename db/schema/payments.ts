import { sql } from 'drizzle-orm';
import { char, check, index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// ---------------------------------------------------------------------------------------------
// The app's own payment records. Written only by lib/payments (and its webhook route); the
// checkout and shipping issues read them and hang their orders and shipments on these ids.
// ---------------------------------------------------------------------------------------------

/** Which Stripe the ids belong to: the offline emulator, a test-mode account or a live one. */
export const PAYMENT_MODES = ['emulator', 'test', 'live'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

/**
 * Why a Customer was made: `checkout`, one per checkout (and email typed there), reachable only
 * from that checkout's cart; `staff`, one per email for the staff test-card saver at /admin/payments.
 */
export const PAYMENT_CUSTOMER_KINDS = ['checkout', 'staff'] as const;
export type PaymentCustomerKind = (typeof PAYMENT_CUSTOMER_KINDS)[number];

/**
 * Every Stripe Customer this app created (the webhook acts only for these). A shopper's checkout
 * never looks a Customer up by email (docs/payments.md, "Saving the card"): only staff Customers
 * are unique per email, so the test-card saver reuses one.
 */
export const paymentCustomers = pgTable(
  'payment_customers',
  {
    id: uuid().primaryKey().defaultRandom(),
    mode: text().$type<PaymentMode>().notNull(),
    kind: text().$type<PaymentCustomerKind>().notNull(),
    /** Lower-cased, trimmed. */
    email: text().notNull(),
    stripeCustomerId: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payment_customers_staff_email_unique')
      .on(t.mode, t.email)
      .where(sql`${t.kind} = 'staff'`),
    check('payment_customers_mode', sql`${t.mode} in ('emulator', 'test', 'live')`),
    check('payment_customers_kind', sql`${t.kind} in ('checkout', 'staff')`),
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

export type PaymentCustomer = typeof paymentCustomers.$inferSelect;
export type SavedCardRow = typeof savedCards.$inferSelect;
export type PaymentAttempt = typeof paymentAttempts.$inferSelect;
export type StripeWebhookEvent = typeof stripeWebhookEvents.$inferSelect;
