import 'server-only';
import { z } from 'zod';
import type { EmulatorContext } from './context';
import { invalidRequest, resourceMissing, type EmulatorResult } from './errors';
import { recordEvent } from './events';
import type { FormObject } from './form';
import { checkClientSecret, viewFor } from './intent-common';
import type { PaymentMethodInternal } from './objects';
import { intParam, parseParams } from './params';
import { finishPaymentAuthentication } from './payment-intents';
import { finishSetupAuthentication } from './setup-intents';
import { getObject, saveObject } from './store';

/**
 * What Stripe test mode cannot do, or does in a page of its own: finishing the 3D Secure step,
 * letting a saved card expire, and the card updater refreshing a card.
 */

const authenticationSchema = z.strictObject({ client_secret: z.string().max(200).optional() });

/** POST /v1/emulator/authentications/:intent/(complete|fail): the buttons of the 3DS page. */
export async function finishAuthentication(ctx: EmulatorContext, intentId: string, outcome: 'complete' | 'fail', params: FormObject): Promise<EmulatorResult> {
  const input = parseParams(authenticationSchema, params);
  if (intentId.startsWith('seti_')) {
    const si = await getObject(ctx.tx, 'setup_intent', intentId, 'intent', { forUpdate: true });
    checkClientSecret(ctx, si.body, input.client_secret);
    return finishSetupAuthentication(ctx, si, outcome);
  }
  if (intentId.startsWith('pi_')) {
    const pi = await getObject(ctx.tx, 'payment_intent', intentId, 'intent', { forUpdate: true });
    checkClientSecret(ctx, pi.body, input.client_secret);
    return finishPaymentAuthentication(ctx, pi, outcome);
  }
  throw resourceMissing('intent', intentId, 'intent');
}

type Card = { exp_month: number; exp_year: number; last4: string };

/** POST /v1/emulator/payment_methods/:id/expire: the card's expiry becomes last month. */
export async function expirePaymentMethod(ctx: EmulatorContext, id: string, params: FormObject): Promise<EmulatorResult> {
  parseParams(z.strictObject({}), params);
  const pm = await getObject<PaymentMethodInternal>(ctx.tx, 'payment_method', id, 'payment_method', { forUpdate: true });
  const month = ctx.now.getUTCMonth(); // 0-based, so this is last month's 1-based number
  const card = pm.body.card as Card;
  card.exp_month = month === 0 ? 12 : month;
  card.exp_year = month === 0 ? ctx.now.getUTCFullYear() - 1 : ctx.now.getUTCFullYear();
  // No event: Stripe says nothing when a card lapses; the next charge fails with expired_card.
  await saveObject(ctx.tx, pm.body);
  return { status: 200, body: viewFor(ctx, pm.body) };
}

const updateSchema = z.strictObject({
  exp_month: intParam.refine((n) => n >= 1 && n <= 12, 'must be between 1 and 12').optional(),
  exp_year: intParam.optional(),
  last4: z
    .string()
    .regex(/^\d{4}$/, 'must be four digits')
    .optional(),
});

/**
 * POST /v1/emulator/payment_methods/:id/automatically_update: what Stripe's card updater does
 * when the bank issues a new expiry (and, with `last4`, a new number). Sends
 * payment_method.automatically_updated.
 */
export async function automaticallyUpdatePaymentMethod(ctx: EmulatorContext, id: string, params: FormObject): Promise<EmulatorResult> {
  const input = parseParams(updateSchema, params);
  const pm = await getObject<PaymentMethodInternal>(ctx.tx, 'payment_method', id, 'payment_method', { forUpdate: true });
  if (!pm.body.customer) {
    throw invalidRequest('The card updater only refreshes cards attached to a Customer.', { param: 'payment_method' });
  }
  const card = pm.body.card as Card;
  const previous = { card: { exp_month: card.exp_month, exp_year: card.exp_year, ...(input.last4 ? { last4: card.last4 } : {}) } };
  card.exp_month = input.exp_month ?? ctx.now.getUTCMonth() + 1;
  card.exp_year = input.exp_year ?? ctx.now.getUTCFullYear() + 4;
  if (input.last4) card.last4 = input.last4;
  await saveObject(ctx.tx, pm.body);
  await recordEvent(ctx, 'payment_method.automatically_updated', pm.body, previous);
  return { status: 200, body: pm.body };
}
