import 'server-only';
import { z } from 'zod';
import type { EmulatorContext } from './context';
import { cleanMetadata } from './customers';
import { invalidRequest, resourceMissing, unexpectedState, type EmulatorResult } from './errors';
import { recordEvent } from './events';
import type { FormObject } from './form';
import { newClientSecret, newId, nowSeconds } from './ids';
import {
  authenticationAction,
  automaticPaymentMethodsParam,
  checkClientSecret,
  checkPaymentMethodChoice,
  expandObject,
  paymentMethodTypeListParam,
  refusePaymentMethodTypes,
  returnUrlParam,
  viewFor,
} from './intent-common';
import { chargeObject, paymentIntentObject, type PaymentMethodInternal } from './objects';
import { boolParam, currencyParam, expandParam, idParam, intParam, metadataParam, parseParams } from './params';
import { createCardPaymentMethod, isCardExpired, paymentMethodDataParam, resolvePaymentMethod, testCardOf, type StoredPaymentMethod } from './payment-methods';
import { findObject, getObject, insertObject, saveObject, type StoredObject } from './store';
import { AUTHENTICATION_REQUIRED, EXPIRED_CARD_FAILURE, type CardFailure, type ChargeOutcome } from './test-cards';

type StoredPaymentIntent = StoredObject;

const offSessionParam = z.union([boolParam, z.enum(['one_off', 'recurring']).transform(() => true)]);

const confirmFields = {
  payment_method: idParam.optional(),
  payment_method_data: paymentMethodDataParam.optional(),
  off_session: offSessionParam.optional(),
  return_url: returnUrlParam.optional(),
  error_on_requires_action: boolParam.optional(),
  use_stripe_sdk: boolParam.optional(),
  mandate_data: z.record(z.string(), z.unknown()).optional(),
  receipt_email: z.string().max(512).optional(),
  expand: expandParam.optional(),
};

const createSchema = z.strictObject({
  ...confirmFields,
  amount: intParam
    .refine((n) => n >= 50, 'Amount must be at least 50 in the smallest currency unit.')
    .refine((n) => n <= 99_999_999, 'Amount must be no more than 99999999.'),
  currency: currencyParam,
  customer: idParam.optional(),
  confirm: boolParam.optional(),
  metadata: metadataParam.optional(),
  description: z.string().max(1000).optional(),
  capture_method: z.enum(['automatic', 'automatic_async']).optional(),
  automatic_payment_methods: automaticPaymentMethodsParam.optional(),
  allowed_payment_method_types: paymentMethodTypeListParam.optional(),
  excluded_payment_method_types: paymentMethodTypeListParam.optional(),
});

const confirmSchema = z.strictObject({ ...confirmFields, client_secret: z.string().max(200).optional() });
const retrieveSchema = z.strictObject({ client_secret: z.string().max(200).optional(), expand: expandParam.optional() });

type ConfirmInput = Partial<Pick<z.output<typeof confirmSchema>, keyof typeof confirmFields>>;

async function respond(ctx: EmulatorContext, pi: StoredPaymentIntent, expand: string[] | undefined): Promise<EmulatorResult> {
  return { status: 200, body: viewFor(ctx, await expandObject(ctx, pi.body, expand)) };
}

export async function createPaymentIntent(ctx: EmulatorContext, params: FormObject): Promise<EmulatorResult> {
  refusePaymentMethodTypes(params);
  const input = parseParams(createSchema, params);
  const { automatic } = checkPaymentMethodChoice(input);
  if (input.off_session !== undefined && !input.confirm) {
    throw invalidRequest('off_session can only be used when confirm=true.', { param: 'off_session' });
  }
  if (!input.confirm && (input.payment_method_data || input.return_url || input.error_on_requires_action !== undefined)) {
    throw invalidRequest('payment_method_data, return_url and error_on_requires_action need confirm=true.', { param: 'confirm' });
  }
  if (input.confirm && !input.payment_method && !input.payment_method_data) {
    throw invalidRequest('A PaymentIntent created with confirm=true needs a payment_method.', { param: 'payment_method' });
  }
  if (input.customer && !(await findObject(ctx.tx, 'customer', input.customer))) {
    throw resourceMissing('customer', input.customer, 'customer');
  }
  const id = newId('pi');
  const pi: StoredPaymentIntent = {
    id,
    internal: {},
    body: paymentIntentObject({
      id,
      clientSecret: newClientSecret(id),
      created: nowSeconds(ctx.now),
      amount: input.amount,
      currency: input.currency,
      customer: input.customer ?? null,
      paymentMethod: null,
      description: input.description ?? null,
      metadata: cleanMetadata(input.metadata),
      automaticPaymentMethods: automatic,
      allowedPaymentMethodTypes: input.allowed_payment_method_types ?? null,
      receiptEmail: input.receipt_email ?? null,
    }),
  };
  await insertObject(ctx.tx, 'payment_intent', pi.body);
  if (input.confirm) return confirm(ctx, pi, input);
  if (input.payment_method) {
    const resolved = await resolvePaymentMethod(ctx, input.payment_method, 'payment_method');
    if (resolved.ok) {
      checkOwnership(pi, resolved.pm);
      pi.body.payment_method = resolved.pm.id;
      pi.body.status = 'requires_confirmation';
      await saveObject(ctx.tx, pi.body);
    }
  }
  return respond(ctx, pi, input.expand);
}

export async function retrievePaymentIntent(ctx: EmulatorContext, id: string, params: FormObject): Promise<EmulatorResult> {
  const input = parseParams(retrieveSchema, params);
  const pi = await getObject(ctx.tx, 'payment_intent', id, 'intent');
  checkClientSecret(ctx, pi.body, input.client_secret);
  return respond(ctx, pi, input.expand);
}

export async function confirmPaymentIntent(ctx: EmulatorContext, id: string, params: FormObject): Promise<EmulatorResult> {
  refusePaymentMethodTypes(params);
  const input = parseParams(confirmSchema, params);
  const pi = await getObject(ctx.tx, 'payment_intent', id, 'intent', { forUpdate: true });
  checkClientSecret(ctx, pi.body, input.client_secret);
  return confirm(ctx, pi, input);
}

/** A saved card belongs to one Customer, and only that Customer's payments may use it. */
function checkOwnership(pi: StoredPaymentIntent, pm: StoredPaymentMethod): void {
  if (pm.body.customer && pm.body.customer !== pi.body.customer) {
    throw invalidRequest(
      pi.body.customer
        ? 'The provided PaymentMethod belongs to another Customer.'
        : `The provided PaymentMethod is attached to a Customer: pass customer=${String(pm.body.customer)} to use it.`,
      { param: 'payment_method' },
    );
  }
}

async function confirm(ctx: EmulatorContext, pi: StoredPaymentIntent, input: ConfirmInput): Promise<EmulatorResult> {
  const status = String(pi.body.status);
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(status)) {
    throw unexpectedState('payment_intent', `You cannot confirm this PaymentIntent because it has a status of ${status}.`);
  }
  let resolved: Awaited<ReturnType<typeof resolvePaymentMethod>>;
  if (input.payment_method_data) {
    resolved = await createCardPaymentMethod(ctx, { details: input.payment_method_data.card }, 'payment_method_data[card][number]');
  } else if (input.payment_method) {
    resolved = await resolvePaymentMethod(ctx, input.payment_method, 'payment_method');
  } else if (typeof pi.body.payment_method === 'string') {
    resolved = await resolvePaymentMethod(ctx, pi.body.payment_method, 'payment_method');
  } else {
    throw unexpectedState(
      'payment_intent',
      "You cannot confirm this PaymentIntent because it's missing a payment method. Pass payment_method or payment_method_data.",
    );
  }
  pi.body.last_payment_error = null;
  pi.body.next_action = null;
  if (input.receipt_email !== undefined) pi.body.receipt_email = input.receipt_email;
  if (!resolved.ok) return failPayment(ctx, pi, resolved.failure, null);

  const pm = resolved.pm;
  checkOwnership(pi, pm);
  pi.body.payment_method = pm.id;
  const card = pm.body.card as { exp_month: number; exp_year: number };
  if (isCardExpired(card.exp_month, card.exp_year, ctx.now)) return failPayment(ctx, pi, EXPIRED_CARD_FAILURE, pm);

  const testCard = testCardOf(pm);
  let outcome: 'challenge' | ChargeOutcome;
  if (input.off_session) {
    // Cards that challenge at setup (3155) skip authentication later only when a SetupIntent
    // with usage off_session authenticated them; a bare PaymentMethod still needs the shopper.
    const needsSetup = testCard.setup === 'challenge' && !pm.internal.setupForOffSession;
    outcome = needsSetup ? AUTHENTICATION_REQUIRED : testCard.offSession;
  } else {
    outcome = testCard.onSession;
  }
  if (outcome === 'challenge') {
    if (input.error_on_requires_action) return failPayment(ctx, pi, AUTHENTICATION_REQUIRED, pm);
    pi.body.status = 'requires_action';
    pi.body.next_action = authenticationAction(ctx, pi.body, input.return_url ?? null);
    await saveObject(ctx.tx, pi.body);
    await recordEvent(ctx, 'payment_intent.requires_action', pi.body);
    return respond(ctx, pi, input.expand);
  }
  if (outcome === 'succeeds') return succeedPayment(ctx, pi, pm, input.expand);
  return failPayment(ctx, pi, outcome, pm);
}

async function createCharge(ctx: EmulatorContext, pi: StoredPaymentIntent, pm: StoredPaymentMethod, failure: CardFailure | null): Promise<string> {
  const charge = chargeObject({ id: newId('ch'), created: nowSeconds(ctx.now), paymentIntent: pi.body, paymentMethod: pm.body, failure });
  await insertObject(ctx.tx, 'charge', charge);
  return charge.id;
}

async function succeedPayment(ctx: EmulatorContext, pi: StoredPaymentIntent, pm: StoredPaymentMethod, expand?: string[]): Promise<EmulatorResult> {
  pi.body.latest_charge = await createCharge(ctx, pi, pm, null);
  pi.body.status = 'succeeded';
  pi.body.amount_received = pi.body.amount;
  pi.body.next_action = null;
  pi.body.last_payment_error = null;
  await saveObject(ctx.tx, pi.body);
  await recordEvent(ctx, 'payment_intent.succeeded', pi.body);
  return respond(ctx, pi, expand);
}

function paymentError(failure: CardFailure, pm: StoredPaymentMethod | null, chargeId: string | null): Record<string, unknown> {
  return {
    type: 'card_error',
    code: failure.code,
    ...(failure.declineCode ? { decline_code: failure.declineCode } : {}),
    doc_url: `https://stripe.com/docs/error-codes/${failure.code.replace(/_/g, '-')}`,
    message: failure.message,
    ...(chargeId ? { charge: chargeId } : {}),
    ...(pm ? { payment_method: pm.body } : {}),
  };
}

async function failPayment(ctx: EmulatorContext, pi: StoredPaymentIntent, failure: CardFailure, pm: StoredPaymentMethod | null): Promise<EmulatorResult> {
  const chargeId = pm ? await createCharge(ctx, pi, pm, failure) : null;
  if (chargeId) pi.body.latest_charge = chargeId;
  pi.body.status = 'requires_payment_method';
  pi.body.next_action = null;
  pi.body.last_payment_error = paymentError(failure, pm, chargeId);
  await saveObject(ctx.tx, pi.body);
  await recordEvent(ctx, 'payment_intent.payment_failed', pi.body);
  return { status: 402, body: { error: { ...paymentError(failure, pm, chargeId), payment_intent: viewFor(ctx, pi.body) } } };
}

/** The shopper finished (or failed) the emulated 3D Secure step of a PaymentIntent. */
export async function finishPaymentAuthentication(ctx: EmulatorContext, pi: StoredPaymentIntent, outcome: 'complete' | 'fail'): Promise<EmulatorResult> {
  if (pi.body.status !== 'requires_action') {
    throw unexpectedState('payment_intent', `This PaymentIntent is not waiting for authentication (status ${String(pi.body.status)}).`);
  }
  const pm = await getObject<PaymentMethodInternal>(ctx.tx, 'payment_method', String(pi.body.payment_method), 'payment_method', {
    forUpdate: true,
  });
  if (outcome === 'complete') {
    const after = testCardOf(pm).afterChallenge;
    if (after === 'succeeds') return succeedPayment(ctx, pi, pm);
    await failPayment(ctx, pi, after, pm);
  } else {
    pi.body.status = 'requires_payment_method';
    pi.body.next_action = null;
    pi.body.last_payment_error = {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
      message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
      payment_method: pm.body,
    };
    await saveObject(ctx.tx, pi.body);
    await recordEvent(ctx, 'payment_intent.payment_failed', pi.body);
  }
  // The page that ran the step reads the outcome from the intent, as Stripe.js does.
  return respond(ctx, pi, undefined);
}
