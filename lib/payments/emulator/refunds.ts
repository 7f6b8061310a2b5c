import 'server-only';
import { z } from 'zod';
import type { EmulatorContext } from './context';
import { cleanMetadata } from './customers';
import { invalidRequest, type EmulatorResult } from './errors';
import { recordEvent } from './events';
import type { FormObject } from './form';
import { newId, nowSeconds } from './ids';
import { expandObject } from './intent-common';
import { listObject, refundObject } from './objects';
import { expandParam, idParam, intParam, metadataParam, parseParams } from './params';
import { getObject, insertObject, listPage, saveObject, type StoredObject } from './store';

/**
 * Refunds of card charges, as Stripe makes them: against a PaymentIntent (its successful
 * charge) or a charge, for part or all of what is left, any number of times until nothing is.
 * A card refund succeeds at once; the charge's amount_refunded and refunded follow, and
 * refund.created and charge.refunded are sent, as Stripe does (API 2024-10-28 and later).
 */

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

const createSchema = z.strictObject({
  payment_intent: idParam.optional(),
  charge: idParam.optional(),
  amount: intParam.optional(),
  reason: z.enum(REASONS, { error: 'must be one of duplicate, fraudulent or requested_by_customer' }).optional(),
  metadata: metadataParam.optional(),
  expand: expandParam.optional(),
});

const retrieveSchema = z.strictObject({ expand: expandParam.optional() });

const listSchema = z.strictObject({
  payment_intent: idParam.optional(),
  charge: idParam.optional(),
  limit: intParam.refine((n) => n >= 1 && n <= 100, 'must be between 1 and 100').optional(),
  starting_after: idParam.optional(),
});

/** Amounts in Stripe's messages: "$25.00" (the currency's own minor unit). */
function formatAmount(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

function noSuccessfulCharge(paymentIntentId: string): never {
  throw invalidRequest(`This PaymentIntent (${paymentIntentId}) does not have a successful charge to refund.`, { param: 'payment_intent' });
}

/** The charge a refund request names, locked: two refunds of one charge never both see the same remainder. */
async function chargeToRefund(ctx: EmulatorContext, input: { payment_intent?: string; charge?: string }): Promise<StoredObject> {
  if (!input.payment_intent && !input.charge) {
    throw invalidRequest('You must provide either a charge or a payment_intent to create a refund.', { param: 'payment_intent' });
  }
  let chargeId = input.charge;
  if (input.payment_intent) {
    const pi = await getObject(ctx.tx, 'payment_intent', input.payment_intent, 'payment_intent');
    if (pi.body.status !== 'succeeded' || typeof pi.body.latest_charge !== 'string') noSuccessfulCharge(pi.id);
    if (chargeId && chargeId !== pi.body.latest_charge) {
      throw invalidRequest(`The charge ${chargeId} does not belong to the PaymentIntent ${pi.id}.`, { param: 'charge' });
    }
    chargeId = pi.body.latest_charge;
  }
  const charge = await getObject(ctx.tx, 'charge', chargeId!, 'charge', { forUpdate: true });
  // Stripe names the PaymentIntent even when the refund asked for a failed charge by its id.
  if (charge.body.status !== 'succeeded') noSuccessfulCharge(String(charge.body.payment_intent));
  return charge;
}

/** POST /v1/refunds */
export async function createRefund(ctx: EmulatorContext, params: FormObject): Promise<EmulatorResult> {
  const input = parseParams(createSchema, params);
  if (input.amount !== undefined && input.amount < 1) {
    throw invalidRequest('Invalid positive integer', { param: 'amount', code: 'parameter_invalid_integer' });
  }
  const charge = await chargeToRefund(ctx, input);
  const total = charge.body.amount as number;
  const refunded = charge.body.amount_refunded as number;
  const currency = String(charge.body.currency);
  const left = total - refunded;
  if (left <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
  const amount = input.amount ?? left;
  if (amount > left) {
    // Stripe's two wordings: before any refund it compares with the charge, after one with what is left.
    const limit = refunded === 0 ? `charge amount (${formatAmount(total, currency)})` : `unrefunded amount on charge (${formatAmount(left, currency)})`;
    throw invalidRequest(`Refund amount (${formatAmount(amount, currency)}) is greater than ${limit}`, { param: 'amount' });
  }

  const refund = refundObject({
    id: newId('re'),
    created: nowSeconds(ctx.now),
    amount,
    charge: charge.body,
    reason: input.reason ?? null,
    metadata: cleanMetadata(input.metadata),
  });
  await insertObject(ctx.tx, 'refund', refund);
  const previous = { amount_refunded: refunded, ...(refunded + amount === total ? { refunded: false } : {}) };
  charge.body.amount_refunded = refunded + amount;
  charge.body.refunded = refunded + amount === total;
  await saveObject(ctx.tx, charge.body);
  await recordEvent(ctx, 'refund.created', refund);
  await recordEvent(ctx, 'charge.refunded', charge.body, previous);
  return { status: 200, body: await expandObject(ctx, refund, input.expand) };
}

/** GET /v1/refunds/:id */
export async function retrieveRefund(ctx: EmulatorContext, id: string, params: FormObject): Promise<EmulatorResult> {
  const input = parseParams(retrieveSchema, params);
  const refund = await getObject(ctx.tx, 'refund', id, 'refund');
  return { status: 200, body: await expandObject(ctx, refund.body, input.expand) };
}

/** GET /v1/refunds?payment_intent=…|charge=…, newest first, with Stripe's limit and starting_after. */
export async function listRefunds(ctx: EmulatorContext, params: FormObject): Promise<EmulatorResult> {
  const input = parseParams(listSchema, params);
  if (input.payment_intent && input.charge) {
    throw invalidRequest('You can filter refunds by charge or by payment_intent, not both.', { param: 'charge' });
  }
  // An unknown filter id is a 404, as at Stripe, rather than an empty list.
  if (input.payment_intent) await getObject(ctx.tx, 'payment_intent', input.payment_intent, 'payment_intent');
  if (input.charge) await getObject(ctx.tx, 'charge', input.charge, 'charge');
  const where = input.payment_intent
    ? { field: 'payment_intent', value: input.payment_intent }
    : input.charge
      ? { field: 'charge', value: input.charge }
      : undefined;
  const page = await listPage(ctx.tx, 'refund', { where, limit: input.limit ?? 10, startingAfter: input.starting_after });
  return { status: 200, body: listObject('/v1/refunds', page.data, page.hasMore) };
}

/** GET /v1/charges/:id: what a refund changed, and what the charge.refunded webhook re-fetches. */
export async function retrieveCharge(ctx: EmulatorContext, id: string, params: FormObject): Promise<EmulatorResult> {
  const input = parseParams(retrieveSchema, params);
  const charge = await getObject(ctx.tx, 'charge', id, 'id');
  return { status: 200, body: await expandObject(ctx, charge.body, input.expand) };
}
