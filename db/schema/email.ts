import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orders } from './orders';
import { backInStockSignups } from './back-in-stock';

// ---------------------------------------------------------------------------------------------
// The transactional outbox: every email a customer-facing change sends is written here, in the
// same transaction as the change (lib/email/outbox.ts), and delivered by the worker
// (lib/email/worker). The dev mailbox is the transport used when SMTP_URL is not set.
// ---------------------------------------------------------------------------------------------

/** Add a kind here with its template (components/email) and its payload type (lib/email/messages). */
export const EMAIL_KINDS = [
  'order_received',
  'back_in_stock',
  'date_changed',
  'preorder_released',
  'preorder_reminder',
  'order_cancelled',
  'shipment_shipped',
  'payment_action_needed',
  'shipment_refunded',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/**
 * pending: not sent yet (queued or being retried); sent: the transport accepted it; failed: every
 * retry failed; cancelled: no longer wanted before it was sent (an unsubscribe in between).
 */
export const EMAIL_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Insertion order: the worker hands messages to the queue oldest first. */
    seq: bigserial({ mode: 'number' }).notNull().unique(),
    kind: text().$type<EmailKind>().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    /** Everything the template needs, as it stood when the change was made (a snapshot, not a reference). */
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    /** The RFC 5322 Message-ID, fixed when the row is written: a retry sends the same message again, recognisably. */
    messageId: text().notNull().unique(),
    /** The rendered message, stored before the first attempt, so every attempt sends (and the admin shows) the same thing. */
    html: text(),
    text: text(),
    /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post), stored with the rendering. */
    headers: jsonb().$type<Record<string, string>>(),
    orderId: uuid().references(() => orders.id, { onDelete: 'set null' }),
    backInStockSignupId: uuid().references(() => backInStockSignups.id, { onDelete: 'set null' }),
    status: text().$type<EmailStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    /** When the worker put it on the pg-boss queue; null until then. */
    enqueuedAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    index('outbox_messages_created_idx').on(t.createdAt),
    index('outbox_messages_undispatched_idx')
      .on(t.seq)
      .where(sql`${t.status} = 'pending' and ${t.enqueuedAt} is null`),
    index('outbox_messages_order_idx').on(t.orderId),
    index('outbox_messages_to_idx').on(t.toAddress, t.createdAt),
    check('outbox_messages_kind', sql`${t.kind} in (${inList(EMAIL_KINDS)})`),
    check('outbox_messages_status', sql`${t.status} in (${inList(EMAIL_STATUSES)})`),
    check('outbox_messages_sent_at', sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
    check('outbox_messages_attempts', sql`${t.attempts} >= 0`),
  ],
);

export type OutboxMessage = typeof outboxMessages.$inferSelect;

/**
 * The dev mailbox: what the dev transport "delivered", keyed by Message-ID so a message handed
 * over twice (a retry after a crash between acceptance and the outbox's mark) is stored once;
 * `deliveries` counts the hand-overs.
 */
export const devMailboxMessages = pgTable(
  'dev_mailbox_messages',
  {
    messageId: text().primaryKey(),
    fromAddress: text().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    headers: jsonb().$type<Record<string, string>>().notNull(),
    deliveries: integer().notNull().default(1),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastDeliveredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dev_mailbox_messages_received_idx').on(t.receivedAt), check('dev_mailbox_messages_deliveries', sql`${t.deliveries} >= 1`)],
);
