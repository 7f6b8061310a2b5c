import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { paymentAttempts, type PaymentAttempt } from '@/db/schema';
import { isChargeableAmount, MIN_CHARGE_CENTS } from '@/lib/money/minimum-charge';
import { PaymentsError } from './errors';
import { classifyStripeError, failureFromLastPaymentError } from './map-stripe-error';
import { paymentsClient, type PaymentsClient } from './stripe-client';
import type { ChargeFailure, ChargeResult } from './types';

export const chargeShipmentInput = z.object({
  shipmentId: z.string().trim().min(1).max(100),
  attempt: z.number().int().min(1).max(1000),
  /** Read from the database by the caller, never from a request. */
  /** 0 ships without a charge; otherwise Stripe's minimum applies (the quote never plans 1-49). */
  amountCents: z
    .number()
    .int()
    .max(99_999_999)
    .refine(isChargeableAmount, { message: `Stripe charges at least ${MIN_CHARGE_CENTS} cents; a shipment of 0 ships without a charge.` }),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, { message: 'Use a three-letter currency code.' })
    .transform((c) => c.toLowerCase()),
  customerId: z.string().regex(/^cus_[A-Za-z0-9]+$/),
  paymentMethodId: z.string().regex(/^pm_[A-Za-z0-9]+$/),
});
export type ChargeShipmentInput = z.input<typeof chargeShipmentInput>;

export interface ChargeOptions {
  /** Tries per call for transient failures, all with the same idempotency key. */
  maxTries?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_CHARGE_TRIES = 4;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** 0.5 s, 1 s, 2 s ... with jitter, so retries from several jobs do not arrive together. */
const backoffMs = (tryNumber: number) => Math.min(500 * 2 ** (tryNumber - 1), 8_000) * (0.75 + Math.random() * 0.5);

/** What a call to Stripe can end in (an amount of 0 never calls it). */
type StripeOutcome = Exclude<ChargeResult, { status: 'not_charged' }>;

export function idempotencyKeyFor(shipmentId: string, attempt: number): string {
  return `shipment:${shipmentId}:attempt:${attempt}`;
}

function resultFromRow(row: PaymentAttempt): StripeOutcome | null {
  if (row.status === 'succeeded') return { status: 'succeeded', paymentIntentId: row.stripePaymentIntentId! };
  if (row.status !== 'failed' || !row.failureCode) return null;
  const message = row.failureMessage ?? 'The payment failed.';
  const failure: ChargeFailure =
    row.failureCode === 'card_declined'
      ? { code: 'card_declined', declineCode: row.declineCode ?? 'generic_decline', message }
      : ({ code: row.failureCode, message } as ChargeFailure);
  return { status: 'failed', paymentIntentId: row.stripePaymentIntentId, failure };
}

function resultFromIntent(pi: Stripe.PaymentIntent): StripeOutcome {
  if (pi.status === 'succeeded') return { status: 'succeeded', paymentIntentId: pi.id };
  const failure = failureFromLastPaymentError(pi.last_payment_error) ?? {
    // An off-session confirmation that stopped for 3DS without an error is still "needs the shopper".
    code: pi.status === 'requires_action' ? ('authentication_required' as const) : ('transient' as const),
    message: `The payment is ${pi.status}.`,
  };
  return { status: 'failed', paymentIntentId: pi.id, failure };
}

/**
 * Charges a saved card for one shipment, off-session, with the idempotency key
 * `shipment:<id>:attempt:<n>`. However often this runs for one attempt (job retries, crashes,
 * concurrent workers) Stripe makes at most one charge: it replays the first result for a key.
 *
 * payment_attempts keeps the outcome next to the key, so a crash between "charged" and
 * "marked shipped" is reconciled by running the same attempt again, never by charging twice.
 * A transient result leaves the attempt pending: run it again later with the SAME attempt
 * number. Use a new attempt number only after a definite failure (new card, authentication).
 */
export async function chargeShipment(
  input: ChargeShipmentInput,
  database: Database = appDb,
  client: PaymentsClient = paymentsClient(database),
  options: ChargeOptions = {},
): Promise<ChargeResult> {
  const parsed = chargeShipmentInput.parse(input);
  // Stripe refuses an amount of 0; there is nothing to collect, so nothing is sent or recorded.
  if (parsed.amountCents === 0) return { status: 'not_charged', reason: 'zero_amount', paymentIntentId: null };
  const key = idempotencyKeyFor(parsed.shipmentId, parsed.attempt);
  const maxTries = options.maxTries ?? DEFAULT_CHARGE_TRIES;
  const sleep = options.sleep ?? defaultSleep;

  await database
    .insert(paymentAttempts)
    .values({
      shipmentId: parsed.shipmentId,
      attempt: parsed.attempt,
      idempotencyKey: key,
      amountCents: parsed.amountCents,
      currency: parsed.currency,
      stripeCustomerId: parsed.customerId,
      stripePaymentMethodId: parsed.paymentMethodId,
    })
    .onConflictDoNothing();
  const [row] = await database.select().from(paymentAttempts).where(eq(paymentAttempts.idempotencyKey, key));
  if (
    !row ||
    row.amountCents !== parsed.amountCents ||
    row.currency !== parsed.currency ||
    row.stripeCustomerId !== parsed.customerId ||
    row.stripePaymentMethodId !== parsed.paymentMethodId
  ) {
    throw new PaymentsError(
      'attempt_mismatch',
      `Attempt ${parsed.attempt} of shipment ${parsed.shipmentId} was made with other details; use a new attempt number.`,
    );
  }
  const settled = resultFromRow(row);
  if (settled) return settled;

  let result: StripeOutcome | null = null;
  for (let tryNumber = 1; !result; tryNumber++) {
    try {
      const pi = await client.stripe.paymentIntents.create(
        {
          amount: parsed.amountCents,
          currency: parsed.currency,
          customer: parsed.customerId,
          payment_method: parsed.paymentMethodId,
          off_session: true,
          confirm: true,
          metadata: { shipmentId: parsed.shipmentId, attempt: String(parsed.attempt) },
        },
        // Our loop does the retrying, so that every try is counted and bounded here.
        { idempotencyKey: key, maxNetworkRetries: 0 },
      );
      result = resultFromIntent(pi);
    } catch (err) {
      const classified = classifyStripeError(err);
      if (classified.kind === 'card') {
        result = { status: 'failed', paymentIntentId: classified.paymentIntentId, failure: classified.failure };
      } else if (classified.kind === 'transient') {
        if (tryNumber < maxTries) await sleep(backoffMs(tryNumber));
        else result = { status: 'failed', paymentIntentId: null, failure: { code: 'transient', message: classified.message } };
      } else {
        throw new PaymentsError(
          classified.kind === 'not_found' ? 'not_found' : 'provider_rejected',
          `Charging shipment ${parsed.shipmentId}: ${classified.message}`,
          {
            cause: err,
          },
        );
      }
    }
  }

  await recordOutcome(database, key, result);
  return result;
}

/**
 * Stores a charge outcome on its attempt. Conditional on the row still being open, so a result
 * the webhook recorded first (or a success) is never overwritten by an older view.
 */
async function recordOutcome(database: Database, key: string, result: StripeOutcome): Promise<void> {
  const transient = result.status === 'failed' && result.failure.code === 'transient';
  await database
    .update(paymentAttempts)
    .set({
      status: transient ? 'pending' : result.status,
      stripePaymentIntentId: result.paymentIntentId ?? sql`${paymentAttempts.stripePaymentIntentId}`,
      failureCode: result.status === 'failed' ? result.failure.code : null,
      declineCode: result.status === 'failed' && result.failure.code === 'card_declined' ? result.failure.declineCode : null,
      failureMessage: result.status === 'failed' ? result.failure.message : null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(paymentAttempts.idempotencyKey, key), eq(paymentAttempts.status, 'pending')));
}
