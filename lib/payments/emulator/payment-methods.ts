import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { EmulatorContext } from './context';
import { invalidRequest, resourceMissing, type EmulatorResult } from './errors';
import { recordEvent } from './events';
import type { FormObject } from './form';
import { newId, nowSeconds } from './ids';
import { listObject, paymentMethodObject, type PaymentMethodInternal } from './objects';
import { expandParam, idParam, intParam, parseParams } from './params';
import { findObject, getObject, insertObject, listByCustomer, saveObject, type StoredObject } from './store';
import { lookupTestCard, testCardByToken, type CardFailure, type TestCard } from './test-cards';

export type StoredPaymentMethod = StoredObject<PaymentMethodInternal>;

/** Card details as Stripe.js posts them: payment_method_data[card][number] and so on. */
export const cardDetailsParam = z.strictObject({
  number: z.string().max(30),
  exp_month: intParam,
  exp_year: intParam,
  cvc: z.string().max(10).optional(),
});

export const paymentMethodDataParam = z.strictObject({
  type: z.literal('card'),
  card: cardDetailsParam,
  billing_details: z
    .strictObject({ name: z.string().max(256).optional(), email: z.string().max(512).optional(), phone: z.string().max(40).optional() })
    .optional(),
  allow_redisplay: z.enum(['always', 'limited', 'unspecified']).optional(),
});

export type CardSource = { token: string } | { details: z.output<typeof cardDetailsParam> };

function fingerprintOf(number: string): string {
  return createHash('sha256').update(`inbound-emulator:${number}`).digest('base64url').slice(0, 16);
}

export function isCardExpired(expMonth: number, expYear: number, now: Date): boolean {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return expYear < year || (expYear === year && expMonth < month);
}

function checkDetails(details: z.output<typeof cardDetailsParam>, now: Date): { card: TestCard; expYear: number } | CardFailure {
  const lookup = lookupTestCard(details.number);
  if (!lookup.ok) return lookup.failure;
  if (details.exp_month < 1 || details.exp_month > 12) {
    return { code: 'invalid_expiry_month', declineCode: null, message: "Your card's expiration month is invalid." };
  }
  // Stripe.js sends two-digit years as typed; the API takes both.
  const expYear = details.exp_year < 100 ? 2000 + details.exp_year : details.exp_year;
  if (isCardExpired(details.exp_month, expYear, now) || expYear > now.getUTCFullYear() + 50) {
    return { code: 'invalid_expiry_year', declineCode: null, message: "Your card's expiration year is invalid." };
  }
  if (details.cvc !== undefined && !/^\d{3,4}$/.test(details.cvc)) {
    return { code: 'invalid_cvc', declineCode: null, message: "Your card's security code is invalid." };
  }
  return { card: lookup.card, expYear };
}

/**
 * Creates the PaymentMethod for a confirmation: from card details, from a test token such as
 * pm_card_visa (Stripe makes a fresh PaymentMethod for each use of one), or returns the problem
 * with the card as a card error.
 */
export async function createCardPaymentMethod(
  ctx: EmulatorContext,
  source: CardSource,
  param: string,
): Promise<{ ok: true; pm: StoredPaymentMethod } | { ok: false; failure: CardFailure }> {
  let card: TestCard;
  let expMonth: number;
  let expYear: number;
  if ('token' in source) {
    const found = testCardByToken(source.token);
    if (!found) throw resourceMissing('payment_method', source.token, param);
    card = found;
    expMonth = ctx.now.getUTCMonth() + 1;
    expYear = ctx.now.getUTCFullYear() + 3;
  } else {
    const checked = checkDetails(source.details, ctx.now);
    if ('code' in checked) return { ok: false, failure: checked };
    card = checked.card;
    expMonth = source.details.exp_month;
    expYear = checked.expYear;
  }
  const body = paymentMethodObject({
    id: newId('pm'),
    created: nowSeconds(ctx.now),
    card,
    expMonth,
    expYear,
    fingerprint: fingerprintOf(card.number),
    customer: null,
  });
  const internal: PaymentMethodInternal = { card: card.token, setupForOffSession: false, detached: false };
  await insertObject(ctx.tx, 'payment_method', body, { ...internal });
  return { ok: true, pm: { id: body.id, body, internal } };
}

/** A PaymentMethod named by id (or a test token) for use in a confirmation. */
export async function resolvePaymentMethod(
  ctx: EmulatorContext,
  id: string,
  param: string,
): Promise<{ ok: true; pm: StoredPaymentMethod } | { ok: false; failure: CardFailure }> {
  if (id.startsWith('pm_card_')) return createCardPaymentMethod(ctx, { token: id }, param);
  const pm = await getObject<PaymentMethodInternal>(ctx.tx, 'payment_method', id, param, { forUpdate: true });
  if (pm.internal.detached) {
    throw invalidRequest(
      'The provided PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.',
      { param },
    );
  }
  return { ok: true, pm };
}

export function testCardOf(pm: StoredPaymentMethod): TestCard {
  const card = testCardByToken(pm.internal.card);
  if (!card) throw new Error(`Emulator PaymentMethod ${pm.id} has an unknown card ${pm.internal.card}.`);
  return card;
}

export async function attachPaymentMethod(
  ctx: EmulatorContext,
  pm: StoredPaymentMethod,
  customer: string,
  options: { setupForOffSession: boolean },
): Promise<void> {
  pm.body.customer = customer;
  pm.internal = { ...pm.internal, setupForOffSession: pm.internal.setupForOffSession || options.setupForOffSession };
  await saveObject(ctx.tx, pm.body, { ...pm.internal });
  await recordEvent(ctx, 'payment_method.attached', pm.body);
}

const retrieveSchema = z.strictObject({ expand: expandParam.optional() });

export async function retrievePaymentMethod(ctx: EmulatorContext, id: string, params: FormObject): Promise<EmulatorResult> {
  parseParams(retrieveSchema, params);
  const pm = await getObject(ctx.tx, 'payment_method', id, 'payment_method');
  return { status: 200, body: pm.body };
}

const listSchema = z.strictObject({
  customer: idParam.optional(),
  type: z.literal('card').optional(),
  limit: intParam.refine((n) => n >= 1 && n <= 100, 'must be between 1 and 100').optional(),
  expand: expandParam.optional(),
});

export async function listPaymentMethods(ctx: EmulatorContext, params: FormObject, customerFromPath?: string): Promise<EmulatorResult> {
  const parsed = parseParams(listSchema, params);
  const customer = customerFromPath ?? parsed.customer;
  if (!customer) throw invalidRequest('The emulator lists PaymentMethods by customer: pass customer.', { param: 'customer' });
  if (!(await findObject(ctx.tx, 'customer', customer))) throw resourceMissing('customer', customer, 'customer');
  const limit = parsed.limit ?? 10;
  const rows = await listByCustomer(ctx.tx, 'payment_method', customer, limit + 1);
  const url = customerFromPath ? `/v1/customers/${customer}/payment_methods` : '/v1/payment_methods';
  return { status: 200, body: listObject(url, rows.slice(0, limit), rows.length > limit) };
}

const detachSchema = z.strictObject({ expand: expandParam.optional() });

export async function detachPaymentMethod(ctx: EmulatorContext, id: string, params: FormObject): Promise<EmulatorResult> {
  parseParams(detachSchema, params);
  const pm = await getObject<PaymentMethodInternal>(ctx.tx, 'payment_method', id, 'payment_method', { forUpdate: true });
  if (!pm.body.customer) {
    throw invalidRequest('The payment method you provided is not attached to a customer so detachment is impossible.', {
      param: 'payment_method',
    });
  }
  pm.body.customer = null;
  pm.internal = { ...pm.internal, detached: true };
  await saveObject(ctx.tx, pm.body, { ...pm.internal });
  await recordEvent(ctx, 'payment_method.detached', pm.body);
  return { status: 200, body: pm.body };
}
