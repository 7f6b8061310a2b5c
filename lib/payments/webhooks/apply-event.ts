import 'server-only';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { paymentAttempts, paymentCustomers, savedCards } from '@/db/schema';
import { callStripe } from '../call-stripe';
import type { Tx } from '@/db/client';
import { PaymentsError } from '../errors';
import { failureFromLastPaymentError } from '../map-stripe-error';
import { refundStatusOf, type RefundsState } from '../refunds';
import { savedCardFrom, upsertSavedCard } from '../saved-cards';
import type { PaymentsClient } from '../stripe-client';
import type { ChargeResult, SavedCard } from '../types';

/** A state change planned from re-fetched objects, applied in the event's transaction. */
export type Change = (tx: Tx) => Promise<void>;

/**
 * What the rest of the app does about an event, in the event's own transaction. lib/payments knows
 * charge attempts and cards; the shipments and orders they belong to are lib/shipping's, which the
 * webhook route passes in here.
 */
export interface PaymentHooks {
  /** An attempt's outcome became known (succeeded, or failed for good): its shipment can settle. */
  onChargeSettled?: (tx: Tx, settled: { shipmentId: string; attempt: number; result: ChargeResult }) => Promise<void>;
  /** A saved card changed (Stripe's card updater): what shows it elsewhere can follow. */
  onCardUpdated?: (tx: Tx, card: SavedCard) => Promise<void>;
  /**
   * A PaymentIntent's refunds changed (one was made, or one failed later): its refunds and the
   * charge's amount_refunded as Stripe has them NOW, so a late, repeated or out-of-order event
   * hands over the same state. Called for any refunded PaymentIntent; ignore those you do not know.
   */
  onRefundsChanged?: (tx: Tx, state: RefundsState) => Promise<void>;
}

export const HANDLED_EVENT_TYPES = [
  'setup_intent.succeeded',
  'setup_intent.setup_failed',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_method.automatically_updated',
  'payment_method.updated',
  'payment_method.detached',
  'charge.refunded',
  // A refund that changes after it was made (a pending one settling, a failure): Stripe sends
  // these for every refund since API 2024-10-28.
  'refund.updated',
  'refund.failed',
] as const;

async function refetch<T>(what: string, call: () => Promise<T>): Promise<T | null> {
  try {
    return await callStripe(what, call);
  } catch (err) {
    // Gone, or made in the other mode: nothing of ours can depend on it.
    if (err instanceof PaymentsError && err.code === 'not_found') return null;
    throw err;
  }
}

const idOf = (v: string | { id: string } | null) => (v === null ? null : typeof v === 'string' ? v : v.id);

/**
 * Re-fetches the object an event names and plans the change its CURRENT state calls for, so
 * events arriving late, twice or out of order all converge on the same records. Only records
 * this app created are touched: an event can never invent a customer or a charge attempt.
 */
export async function planChange(event: { type: string; objectId: string }, client: PaymentsClient, hooks: PaymentHooks = {}): Promise<Change | null> {
  const { stripe } = client;
  switch (event.type) {
    case 'setup_intent.succeeded':
    case 'setup_intent.setup_failed': {
      const si = await refetch('Re-reading the SetupIntent', () => stripe.setupIntents.retrieve(event.objectId, { expand: ['payment_method'] }));
      const customerId = si ? idOf(si.customer) : null;
      const pm = si?.payment_method;
      const card = si?.status === 'succeeded' && pm && typeof pm !== 'string' ? savedCardFrom(pm) : null;
      if (!si || !customerId || !card) return null; // a failed setup saves nothing; the browser already told the shopper
      return async (tx) => {
        const [known] = await tx.select({ id: paymentCustomers.id }).from(paymentCustomers).where(eq(paymentCustomers.stripeCustomerId, customerId));
        if (known) await upsertSavedCard(tx, { customerId, setupIntentId: si.id, card });
      };
    }
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed': {
      const pi = await refetch('Re-reading the PaymentIntent', () => stripe.paymentIntents.retrieve(event.objectId));
      if (!pi) return null;
      return (tx) => recordPaymentOutcome(tx, pi, hooks);
    }
    case 'payment_method.automatically_updated':
    case 'payment_method.updated':
    case 'payment_method.detached': {
      const pm = await refetch('Re-reading the PaymentMethod', () => stripe.paymentMethods.retrieve(event.objectId));
      if (!pm) return null;
      const card = savedCardFrom(pm);
      return async (tx) => {
        await tx
          .update(savedCards)
          .set({
            ...(card ? { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear } : {}),
            ...(pm.customer === null ? { status: 'detached' as const } : {}),
            updatedAt: sql`now()`,
          })
          .where(eq(savedCards.stripePaymentMethodId, pm.id));
        if (card) await hooks.onCardUpdated?.(tx, card);
      };
    }
    case 'charge.refunded':
    case 'refund.updated':
    case 'refund.failed': {
      if (!hooks.onRefundsChanged) return null;
      const state = await refundsState(client, event.type === 'charge.refunded' ? { chargeId: event.objectId } : { refundId: event.objectId });
      if (!state) return null;
      return (tx) => hooks.onRefundsChanged!(tx, state);
    }
    default:
      return null;
  }
}

/** A PaymentIntent's refunds and amount refunded, re-read from Stripe, from its charge or one of its refunds. */
async function refundsState(client: PaymentsClient, from: { chargeId: string } | { refundId: string }): Promise<RefundsState | null> {
  const { stripe } = client;
  let chargeId: string | null;
  if ('refundId' in from) {
    const refund = await refetch('Re-reading the refund', () => stripe.refunds.retrieve(from.refundId));
    chargeId = refund ? idOf(refund.charge) : null;
  } else {
    chargeId = from.chargeId;
  }
  if (!chargeId) return null;
  const charge = await refetch('Re-reading the charge', () => stripe.charges.retrieve(chargeId));
  const paymentIntentId = charge ? idOf(charge.payment_intent) : null;
  if (!charge || !paymentIntentId) return null; // a charge without a PaymentIntent is none of this app's
  const refunds = await callStripe('Listing the refunds', () =>
    stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 }).autoPagingToArray({ limit: 10_000 }),
  );
  return {
    paymentIntentId,
    refunds: refunds.map((r) => ({ refundId: r.id, amountCents: r.amount, status: refundStatusOf(r.status), metadata: { ...r.metadata } })),
    amountRefundedCents: charge.amount_refunded,
  };
}

/**
 * Settles the charge attempt a PaymentIntent belongs to. Found by the PaymentIntent id, or (when
 * the charge call's answer was lost) by the shipment and attempt in its metadata, provided the
 * amount, currency, customer and card all match what this app asked for.
 */
async function recordPaymentOutcome(tx: Tx, pi: Stripe.PaymentIntent, hooks: PaymentHooks): Promise<void> {
  let [attempt] = await tx.select().from(paymentAttempts).where(eq(paymentAttempts.stripePaymentIntentId, pi.id)).for('update');
  if (!attempt) {
    const shipmentId = pi.metadata?.shipmentId;
    const number = Number(pi.metadata?.attempt);
    if (!shipmentId || !Number.isInteger(number)) return;
    [attempt] = await tx
      .select()
      .from(paymentAttempts)
      .where(
        and(
          eq(paymentAttempts.shipmentId, shipmentId),
          eq(paymentAttempts.attempt, number),
          eq(paymentAttempts.amountCents, pi.amount),
          eq(paymentAttempts.currency, pi.currency),
          eq(paymentAttempts.stripeCustomerId, idOf(pi.customer) ?? ''),
          eq(paymentAttempts.stripePaymentMethodId, idOf(pi.payment_method) ?? ''),
        ),
      )
      .for('update');
    if (!attempt || (attempt.stripePaymentIntentId && attempt.stripePaymentIntentId !== pi.id)) return;
  }
  if (pi.status === 'succeeded') {
    // A failed attempt can still be paid: the shopper authenticated the same PaymentIntent later.
    await tx
      .update(paymentAttempts)
      .set({ status: 'succeeded', stripePaymentIntentId: pi.id, failureCode: null, declineCode: null, failureMessage: null, updatedAt: sql`now()` })
      .where(and(eq(paymentAttempts.id, attempt.id), ne(paymentAttempts.status, 'succeeded')));
    await hooks.onChargeSettled?.(tx, { shipmentId: attempt.shipmentId, attempt: attempt.attempt, result: { status: 'succeeded', paymentIntentId: pi.id } });
    return;
  }
  const failure = pi.status === 'requires_payment_method' ? failureFromLastPaymentError(pi.last_payment_error) : null;
  if (!failure || failure.code === 'transient') return;
  // Success is final; a pending attempt learns its failure; a failed one keeps the latest reason.
  await tx
    .update(paymentAttempts)
    .set({
      status: 'failed',
      stripePaymentIntentId: pi.id,
      failureCode: failure.code,
      declineCode: failure.code === 'card_declined' ? failure.declineCode : null,
      failureMessage: failure.message,
      updatedAt: sql`now()`,
    })
    .where(and(eq(paymentAttempts.id, attempt.id), inArray(paymentAttempts.status, ['pending', 'failed'])));
  await hooks.onChargeSettled?.(tx, {
    shipmentId: attempt.shipmentId,
    attempt: attempt.attempt,
    result: { status: 'failed', paymentIntentId: pi.id, failure },
  });
}
