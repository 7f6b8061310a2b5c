import 'server-only';
import { z } from 'zod';
import type { EmulatorContext } from './context';
import { invalidRequest } from './errors';
import { sameSecret } from './same-secret';
import { findObject, type StripeObject } from './store';

/** Stripe (API 2026-09-30 and later) refuses payment_method_types outright. */
export function refusePaymentMethodTypes(params: Record<string, unknown>): void {
  if (params.payment_method_types !== undefined) {
    throw invalidRequest(
      'payment_method_types is no longer supported as of API version 2026-09-30.endive. Leave it out to use dynamic payment ' +
        'methods, or pass automatic_payment_methods[enabled]=true, excluded_payment_method_types, or allowed_payment_method_types[]=card.',
      { param: 'payment_method_types', code: 'payment_method_types_no_longer_supported' },
    );
  }
}

export const automaticPaymentMethodsParam = z.strictObject({
  enabled: z.enum(['true', 'false']).transform((v) => v === 'true'),
  allow_redirects: z.enum(['always', 'never']).optional(),
});
export const paymentMethodTypeListParam = z.array(z.string().max(100)).max(50);

/** The emulator only has cards; these options are checked so that mistakes show up offline too. */
export function checkPaymentMethodChoice(input: {
  automatic_payment_methods?: { enabled: boolean };
  allowed_payment_method_types?: string[];
  excluded_payment_method_types?: string[];
}): { automatic: boolean } {
  if (input.allowed_payment_method_types && input.automatic_payment_methods) {
    throw invalidRequest('allowed_payment_method_types cannot be used together with automatic_payment_methods.', {
      param: 'allowed_payment_method_types',
    });
  }
  if (input.allowed_payment_method_types && !input.allowed_payment_method_types.includes('card')) {
    throw invalidRequest('The Stripe emulator only has cards: allowed_payment_method_types must include card.', {
      param: 'allowed_payment_method_types',
    });
  }
  if (input.excluded_payment_method_types?.includes('card')) {
    throw invalidRequest('The Stripe emulator only has cards: they cannot be excluded.', { param: 'excluded_payment_method_types' });
  }
  return { automatic: !input.allowed_payment_method_types };
}

/**
 * The browser reaches an intent with the publishable key and its client_secret. A server call
 * (secret key) may pass client_secret too, but then it must match as well.
 */
export function checkClientSecret(ctx: EmulatorContext, intent: StripeObject, clientSecret: string | undefined): void {
  if (ctx.auth === 'publishable' && clientSecret === undefined) {
    throw invalidRequest('This call needs the client_secret when made with a publishable key.', { param: 'client_secret' });
  }
  if (clientSecret !== undefined && (typeof intent.client_secret !== 'string' || !sameSecret(clientSecret, intent.client_secret))) {
    throw invalidRequest(
      `The client_secret provided does not match the client_secret associated with the ${intent.object === 'setup_intent' ? 'SetupIntent' : 'PaymentIntent'}.`,
      {
        param: 'client_secret',
      },
    );
  }
}

const PUBLIC_FIELDS: Record<string, readonly string[]> = {
  setup_intent: [
    'id',
    'object',
    'cancellation_reason',
    'client_secret',
    'created',
    'description',
    'last_setup_error',
    'livemode',
    'next_action',
    'payment_method',
    'payment_method_types',
    'status',
    'usage',
  ],
  payment_intent: [
    'id',
    'object',
    'amount',
    'canceled_at',
    'cancellation_reason',
    'capture_method',
    'client_secret',
    'confirmation_method',
    'created',
    'currency',
    'description',
    'last_payment_error',
    'livemode',
    'next_action',
    'payment_method',
    'payment_method_types',
    'processing',
    'receipt_email',
    'setup_future_usage',
    'shipping',
    'status',
  ],
};

/** With a publishable key Stripe returns only part of an intent; so does the emulator. */
export function viewFor(ctx: EmulatorContext, intent: StripeObject): StripeObject {
  if (ctx.auth === 'secret') return intent;
  const fields = PUBLIC_FIELDS[intent.object] ?? [];
  return Object.fromEntries(Object.entries(intent).filter(([k]) => fields.includes(k))) as StripeObject;
}

const EXPANDABLE: Record<string, Record<string, 'customer' | 'payment_method' | 'charge' | 'payment_intent'>> = {
  setup_intent: { payment_method: 'payment_method', customer: 'customer' },
  payment_intent: { payment_method: 'payment_method', customer: 'customer', latest_charge: 'charge' },
  charge: { payment_intent: 'payment_intent', customer: 'customer' },
  refund: { charge: 'charge', payment_intent: 'payment_intent' },
};

/** `expand[]=payment_method` and friends: replaces ids with the objects they name. */
export async function expandObject(ctx: EmulatorContext, object: StripeObject, expand: string[] | undefined): Promise<StripeObject> {
  if (!expand?.length) return object;
  const out: StripeObject = { ...object };
  for (const field of expand) {
    const type = EXPANDABLE[object.object]?.[field];
    if (!type || (ctx.auth === 'publishable' && field !== 'payment_method')) {
      throw invalidRequest(`This property cannot be expanded (${field}).`, { param: 'expand' });
    }
    const id = out[field];
    if (typeof id === 'string') out[field] = (await findObject(ctx.tx, type, id))?.body ?? id;
  }
  return out;
}

/** The emulator's 3D Secure step is a page of the app (built with the checkout). */
export function authenticationAction(ctx: EmulatorContext, intent: StripeObject, returnUrl: string | null): Record<string, unknown> {
  const url = new URL(`/emulator/authenticate/${intent.id}`, ctx.appUrl);
  url.searchParams.set('client_secret', String(intent.client_secret));
  if (returnUrl) url.searchParams.set('return_url', returnUrl);
  return { type: 'redirect_to_url', redirect_to_url: { url: url.toString(), return_url: returnUrl } };
}

export const returnUrlParam = z.url({ protocol: /^https?$/ }).max(2048);
