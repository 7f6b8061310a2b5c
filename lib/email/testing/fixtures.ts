import 'server-only';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { outboxMessages, type OutboxMessage } from '@/db/schema';
import { siteUrl } from '@/lib/site';
import type { BackInStockPayload, OrderReceivedPayload } from '../messages';
import { enqueueEmails, type OutgoingEmail } from '../outbox';

/**
 * Helpers for tests of the outbox and the worker against a real database. Not used by the app.
 */

export function backInStockEmail(to: string, overrides: Partial<BackInStockPayload> = {}): OutgoingEmail {
  const base = siteUrl();
  return {
    kind: 'back_in_stock',
    to,
    payload: {
      productTitle: 'Enamel kettle',
      variantTitle: 'Sage',
      title: 'Enamel kettle — Sage',
      productUrl: `${base}/products/enamel-kettle`,
      priceCents: 6800,
      currency: 'USD',
      offer: { state: 'in_stock', date: null },
      writtenOn: '2026-12-02',
      unsubscribeUrl: `${base}/unsubscribe/tok_${to}`,
      oneClickUnsubscribeUrl: `${base}/api/unsubscribe/tok_${to}`,
      ...overrides,
    },
  };
}

export function orderReceivedEmail(to: string, overrides: Partial<OrderReceivedPayload> = {}): OutgoingEmail {
  return {
    kind: 'order_received',
    to,
    payload: {
      orderNumber: 1042,
      orderUrl: `${siteUrl()}/orders/Zq3x_VfLkT0-9aBcDeFgHiJkLmNoPqRsTuVwXyZ0123`,
      fullName: 'Ada Lovelace',
      shipTo: ['Ada Lovelace', '12 Elm Road', 'Portland, OR 97201', 'United States'],
      currency: 'USD',
      itemsCents: 7900,
      shippingCents: 500,
      totalCents: 8400,
      card: { brand: 'visa', last4: '4242' },
      placedOn: '2026-12-02',
      shipments: [
        {
          sequence: 1,
          kind: 'now',
          date: null,
          lines: [{ title: 'Cast-iron skillet — 10 inch', quantity: 1, amountCents: 2900 }],
          itemsCents: 2900,
          shippingCents: 500,
          amountCents: 3400,
        },
        {
          sequence: 2,
          kind: 'backorder',
          date: '2027-01-13',
          lines: [{ title: 'Linen apron — Rust', quantity: 2, amountCents: 5000 }],
          itemsCents: 5000,
          shippingCents: 0,
          amountCents: 5000,
        },
      ],
      ...overrides,
    },
  };
}

/** Writes emails in a transaction of their own, as a change would. */
export async function enqueueCommitted(db: Database, emails: OutgoingEmail[]): Promise<string[]> {
  return db.transaction((tx) => enqueueEmails(tx, emails));
}

export async function outboxRows(db: Database, ids: readonly string[]): Promise<OutboxMessage[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(outboxMessages)
    .where(inArray(outboxMessages.id, [...ids]));
}

/**
 * The test files of one run share a database, and earlier files (orders placed, the admin's list)
 * leave pending outbox rows behind, some with payloads no template renders. A worker started by a
 * later file would deliver those first (oldest first), which makes its timing and its "the first
 * message accepted" unpredictable. Earlier files are finished (files run one at a time), so their
 * leftovers are cancelled before a worker starts; rows in `keep` are left alone.
 */
export async function cancelLeftoverEmails(db: Database, keep: readonly string[] = []): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ status: 'cancelled', lastError: 'Cancelled by a worker test: left pending by an earlier test file.' })
    .where(and(eq(outboxMessages.status, 'pending'), keep.length > 0 ? notInArray(outboxMessages.id, [...keep]) : sql`true`));
}
