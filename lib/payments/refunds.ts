import 'server-only';
import Stripe from 'stripe';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { DEFAULT_CHARGE_TRIES, type ChargeOptions } from './charge-shipment';
import { PaymentsError } from './errors';
import { classifyStripeError } from './map-stripe-error';
import { paymentsClient, type PaymentsClient } from './stripe-client';

export const refundPaymentInput = z.object({
  paymentIntentId: z.string().regex(/^pi_[A-Za-z0-9]+$/),
  /** Read from the database by the caller, never from a request; at most what is left to refund. */
  amountCents: z.number().int().min(1).max(99_999_999),
  /** Stable per refund the app means to make (e.g. `refund:<order>:<n>`): a retry with it refunds once. */
  idempotencyKey: z.string().trim().min(1).max(255),
  /** Kept on the Stripe refund and handed back to onRefundsChanged (up to 50 keys, Stripe's limits). */
  metadata: z
    .record(z.string().min(1).max(40), z.string().max(500))
    .refine((m) => Object.keys(m).length <= 50, { message: 'At most 50 metadata keys.' })
    .optional(),
  reason: z.enum(['requested_by_customer', 'duplicate', 'fraudulent']).optional(),
});
export type RefundPaymentInput = z.input<typeof refundPaymentInput>;

/**
 * - succeeded: Stripe made the refund (`refundId`). A card refund Stripe still reports as
 *   `pending` counts too: the money is on its way, and onRefundsChanged reports its final status.
 * - failed / refused: Stripe said no, for good (more than is left, nothing paid, already
 *   refunded in full, or the refund itself failed): `message` is Stripe's. Read the current
 *   state before trying again, with a NEW key.
 * - failed / transient: the outcome is unknown (network, 5xx, 429): run the SAME key again later.
 */
export type RefundResult =
  { status: 'succeeded'; refundId: string; amountCents: number } | { status: 'failed'; code: 'refused' | 'transient'; message: string };

/** A refund's status as Stripe reports it (card refunds are `succeeded` almost always). */
export type RefundStatus = 'succeeded' | 'pending' | 'requires_action' | 'failed' | 'canceled';

/** What onRefundsChanged is told: a PaymentIntent's refunds as Stripe has them now. */
export interface RefundsState {
  paymentIntentId: string;
  /** Newest first, as Stripe lists them. */
  refunds: { refundId: string; amountCents: number; status: RefundStatus; metadata: Record<string, string> }[];
  /** The charge's amount_refunded: what succeeded or is pending; a failed refund no longer counts. */
  amountRefundedCents: number;
}

const STATUSES: readonly string[] = ['succeeded', 'pending', 'requires_action', 'failed', 'canceled'];
/** Stripe may add statuses; an unknown one is treated as not settled yet. */
export const refundStatusOf = (status: string | null): RefundStatus => (status && STATUSES.includes(status) ? (status as RefundStatus) : 'pending');

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** As chargeShipment's: 0.5 s, 1 s, 2 s ... with jitter. */
const backoffMs = (tryNumber: number) => Math.min(500 * 2 ** (tryNumber - 1), 8_000) * (0.75 + Math.random() * 0.5);

/**
 * Refunds part or all of a succeeded PaymentIntent, with the caller's idempotency key. However
 * often this runs with one key (job retries, crashes, concurrent workers) Stripe refunds at most
 * once: it replays the first answer for a key. Transient failures are retried here with the same
 * key (4 tries with backoff, as chargeShipment); if they keep failing the result is `transient`
 * and the same key must be used again later, since the refund may exist already.
 */
export async function refundPayment(
  input: RefundPaymentInput,
  database: Database = appDb,
  client: PaymentsClient = paymentsClient(database),
  options: ChargeOptions = {},
): Promise<RefundResult> {
  const parsed = refundPaymentInput.parse(input);
  const maxTries = options.maxTries ?? DEFAULT_CHARGE_TRIES;
  const sleep = options.sleep ?? defaultSleep;
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      const refund = await client.stripe.refunds.create(
        {
          payment_intent: parsed.paymentIntentId,
          amount: parsed.amountCents,
          ...(parsed.reason ? { reason: parsed.reason } : {}),
          ...(parsed.metadata ? { metadata: parsed.metadata } : {}),
        },
        // Our loop does the retrying, so that every try is counted and bounded here.
        { idempotencyKey: parsed.idempotencyKey, maxNetworkRetries: 0 },
      );
      const status = refundStatusOf(refund.status);
      if (status === 'failed' || status === 'canceled') {
        return {
          status: 'failed',
          code: 'refused',
          message: `Stripe's refund ${refund.id} is ${status}${refund.failure_reason ? ` (${refund.failure_reason})` : ''}.`,
        };
      }
      return { status: 'succeeded', refundId: refund.id, amountCents: refund.amount };
    } catch (err) {
      const classified = classifyStripeError(err);
      if (classified.kind === 'transient') {
        if (tryNumber < maxTries) {
          await sleep(backoffMs(tryNumber));
          continue;
        }
        return { status: 'failed', code: 'transient', message: classified.message };
      }
      if (classified.kind === 'not_found') {
        throw new PaymentsError('not_found', `Refunding ${parsed.paymentIntentId}: ${classified.message}`, { cause: err });
      }
      // A 400 about the payment (more than is left, not paid, already refunded) is Stripe's answer,
      // not a bug; the same key with other details, a bad key or the like is.
      if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 400) {
        return { status: 'failed', code: 'refused', message: err.message };
      }
      const message = 'failure' in classified ? classified.failure.message : classified.message;
      throw new PaymentsError('provider_rejected', `Refunding ${parsed.paymentIntentId}: ${message}`, { cause: err });
    }
  }
}
