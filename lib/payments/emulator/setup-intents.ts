import 'server-only';
import { z } from 'zod';
import type { EmulatorContext } from './context';
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
import { setupIntentObject, type PaymentMethodInternal } from './objects';
import { boolParam, expandParam, idParam, metadataParam, parseParams } from './params';
import {
  attachPaymentMethod,
  createCardPaymentMethod,
  isCardExpired,
  paymentMethodDataParam,
  resolvePaymentMethod,
  testCardOf,
  type StoredPaymentMethod,
} from './payment-methods';
import { cleanMetadata } from './customers';
import { findObject, getObject, insertObject, saveObject, type StoredObject } from './store';
import { EXPIRED_CARD_FAILURE, type CardFailure } from './test-cards';

type StoredSetupIntent = StoredObject;

const confirmFields = {
  payment_method: idParam.optional(),
  payment_method_data: paymentMethodDataParam.optional(),
  return_url: returnUrlParam.optional(),
  use_stripe_sdk: boolParam.optional(),
  mandate_data: z.record(z.string(), z.unknown()).optional(),
  expand: expandParam.optional(),
};

const createSchema = z.strictObject({
  ...confirmFields,
  customer: idParam.optional(),
  usage: z.enum(['off_session', 'on_session']).optional(),
  metadata: metadataParam.optional(),
  description: z.string().max(1000).optional(),
  confirm: boolParam.optional(),
  automatic_payment_methods: automaticPaymentMethodsParam.optional(),
  allowed_payment_method_types: paymentMethodTypeListParam.optional(),
  excluded_payment_method_types: paymentMethodTypeListParam.optional(),
});

const confirmSchema = z.strictObject({ ...confirmFields, client_secret: z.string().max(200).optional() });
const retrieveSchema = z.strictObject({ client_secret: z.string().max(200).optional(), expand: expandParam.optional() });

interface ConfirmInput {
  payment_method?: string;
  payment_method_data?: z.output<typeof paymentMethodDataParam>;
  return_url?: string;
  expand?: string[];
}

async function respond(ctx: EmulatorContext, si: StoredSetupIntent, expand: string[] | undefined): Promise<EmulatorResult> {
  return { status: 200, body: viewFor(ctx, await expandObject(ctx, si.body, expand)) };
}

export async function createSetupIntent(ctx: EmulatorContext, params: FormObject): Promise<EmulatorResult> {
  refusePaymentMethodTypes(params);
  const input = parseParams(createSchema, params);
  const { automatic } = checkPaymentMethodChoice(input);
  if (input.customer && !(await findObject(ctx.tx, 'customer', input.customer))) {
    throw resourceMissing('customer', input.customer, 'customer');
  }
  if (!input.confirm && (input.payment_method_data || input.return_url)) {
    throw invalidRequest('payment_method_data and return_url can only be used with confirm=true.', {
      param: input.payment_method_data ? 'payment_method_data' : 'return_url',
    });
  }
  const id = newId('seti');
  const si: StoredSetupIntent = {
    id,
    internal: {},
    body: setupIntentObject({
      id,
      clientSecret: newClientSecret(id),
      created: nowSeconds(ctx.now),
      customer: input.customer ?? null,
      description: input.description ?? null,
      metadata: cleanMetadata(input.metadata),
      usage: input.usage ?? 'off_session',
      paymentMethod: null,
      automaticPaymentMethods: automatic,
      allowedPaymentMethodTypes: input.allowed_payment_method_types ?? null,
    }),
  };
  await insertObject(ctx.tx, 'setup_intent', si.body);
  if (input.confirm) return confirm(ctx, si, input);
  if (input.payment_method) {
    const resolved = await resolvePaymentMethod(ctx, input.payment_method, 'payment_method');
    if (resolved.ok) {
      si.body.payment_method = resolved.pm.id;
      si.body.status = 'requires_confirmation';
      await saveObject(ctx.tx, si.body);
    }
  }
  return respond(ctx, si, input.expand);
}

export async function retrieveSetupIntent(ctx: EmulatorContext, id: string, params: FormObject): Promise<EmulatorResult> {
  const input = parseParams(retrieveSchema, params);
  const si = await getObject(ctx.tx, 'setup_intent', id, 'intent');
  checkClientSecret(ctx, si.body, input.client_secret);
  return respond(ctx, si, input.expand);
}

export async function confirmSetupIntent(ctx: EmulatorContext, id: string, params: FormObject): Promise<EmulatorResult> {
  refusePaymentMethodTypes(params);
  const input = parseParams(confirmSchema, params);
  const si = await getObject(ctx.tx, 'setup_intent', id, 'intent', { forUpdate: true });
  checkClientSecret(ctx, si.body, input.client_secret);
  return confirm(ctx, si, input);
}

async function confirm(ctx: EmulatorContext, si: StoredSetupIntent, input: ConfirmInput): Promise<EmulatorResult> {
  const status = String(si.body.status);
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(status)) {
    throw unexpectedState('setup_intent', `You cannot confirm this SetupIntent because it has a status of ${status}.`);
  }
  let resolved: Awaited<ReturnType<typeof resolvePaymentMethod>>;
  if (input.payment_method_data) {
    resolved = await createCardPaymentMethod(ctx, { details: input.payment_method_data.card }, 'payment_method_data[card][number]');
  } else if (input.payment_method) {
    resolved = await resolvePaymentMethod(ctx, input.payment_method, 'payment_method');
  } else if (typeof si.body.payment_method === 'string') {
    resolved = await resolvePaymentMethod(ctx, si.body.payment_method, 'payment_method');
  } else {
    throw unexpectedState(
      'setup_intent',
      "You cannot confirm this SetupIntent because it's missing a payment method. Pass payment_method or payment_method_data.",
    );
  }
  si.body.last_setup_error = null;
  si.body.next_action = null;
  if (!resolved.ok) return failSetup(ctx, si, resolved.failure, null);

  const pm = resolved.pm;
  if (pm.body.customer && pm.body.customer !== si.body.customer) {
    throw invalidRequest('The provided PaymentMethod is attached to another Customer.', { param: 'payment_method' });
  }
  const card = pm.body.card as { exp_month: number; exp_year: number };
  if (isCardExpired(card.exp_month, card.exp_year, ctx.now)) return failSetup(ctx, si, EXPIRED_CARD_FAILURE, pm);

  const outcome = testCardOf(pm).setup;
  if (outcome === 'succeeds') return succeedSetup(ctx, si, pm, input.expand);
  if (outcome === 'challenge') {
    si.body.status = 'requires_action';
    si.body.payment_method = pm.id;
    si.body.next_action = authenticationAction(ctx, si.body, input.return_url ?? null);
    await saveObject(ctx.tx, si.body);
    await recordEvent(ctx, 'setup_intent.requires_action', si.body);
    return respond(ctx, si, input.expand);
  }
  return failSetup(ctx, si, outcome, pm);
}

async function succeedSetup(ctx: EmulatorContext, si: StoredSetupIntent, pm: StoredPaymentMethod, expand?: string[]): Promise<EmulatorResult> {
  si.body.status = 'succeeded';
  si.body.payment_method = pm.id;
  si.body.next_action = null;
  si.body.last_setup_error = null;
  if (typeof si.body.customer === 'string') {
    await attachPaymentMethod(ctx, pm, si.body.customer, { setupForOffSession: si.body.usage === 'off_session' });
  }
  await saveObject(ctx.tx, si.body);
  await recordEvent(ctx, 'setup_intent.succeeded', si.body);
  return respond(ctx, si, expand);
}

function setupError(failure: CardFailure, pm: StoredPaymentMethod | null): Record<string, unknown> {
  return {
    type: 'card_error',
    code: failure.code,
    ...(failure.declineCode ? { decline_code: failure.declineCode } : {}),
    doc_url: `https://stripe.com/docs/error-codes/${failure.code.replace(/_/g, '-')}`,
    message: failure.message,
    ...(pm ? { payment_method: pm.body } : {}),
  };
}

async function failSetup(ctx: EmulatorContext, si: StoredSetupIntent, failure: CardFailure, pm: StoredPaymentMethod | null): Promise<EmulatorResult> {
  si.body.status = 'requires_payment_method';
  si.body.payment_method = null;
  si.body.next_action = null;
  si.body.last_setup_error = setupError(failure, pm);
  await saveObject(ctx.tx, si.body);
  await recordEvent(ctx, 'setup_intent.setup_failed', si.body);
  return { status: 402, body: { error: { ...setupError(failure, pm), setup_intent: viewFor(ctx, si.body) } } };
}

/** The shopper finished (or failed) the emulated 3D Secure step of a SetupIntent. */
export async function finishSetupAuthentication(ctx: EmulatorContext, si: StoredSetupIntent, outcome: 'complete' | 'fail'): Promise<EmulatorResult> {
  if (si.body.status !== 'requires_action') {
    throw unexpectedState('setup_intent', `This SetupIntent is not waiting for authentication (status ${String(si.body.status)}).`);
  }
  const pm = await getObject<PaymentMethodInternal>(ctx.tx, 'payment_method', String(si.body.payment_method), 'payment_method', {
    forUpdate: true,
  });
  if (outcome === 'complete') return succeedSetup(ctx, si, pm);
  si.body.status = 'requires_payment_method';
  si.body.payment_method = null;
  si.body.next_action = null;
  si.body.last_setup_error = {
    type: 'invalid_request_error',
    code: 'setup_intent_authentication_failure',
    doc_url: 'https://stripe.com/docs/error-codes/setup-intent-authentication-failure',
    message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
    payment_method: pm.body,
  };
  await saveObject(ctx.tx, si.body);
  await recordEvent(ctx, 'setup_intent.setup_failed', si.body);
  return respond(ctx, si, undefined);
}
