import 'server-only';
import Stripe from 'stripe';
import type { Database } from '@/db/client';
import type { Env } from '../../config';
import { handleEmulatorRequest } from '../handler';
import { emulatorKeys } from '../keys';
import { createPaymentsClient, type FetchFn, type PaymentsClient } from '../../stripe-client';

/**
 * Helpers for tests that drive the emulator with the real stripe SDK. Not used by the app.
 */

/** No Stripe keys: emulator mode, controls on, webhooks sent only when a test asks. */
export const EMULATOR_ENV: Env = { NODE_ENV: 'test', APP_URL: 'http://localhost:3000' };

/** This installation's emulator keys, read the way the app reads them. */
export const emulatorSecretKey = (env: Env = EMULATOR_ENV) => emulatorKeys(env).secretKey;
export const emulatorPublishableKey = (env: Env = EMULATOR_ENV) => emulatorKeys(env).publishableKey;
export const emulatorWebhookSecret = (env: Env = EMULATOR_ENV) => emulatorKeys(env).webhookSecret;

export function emulatorClient(database: Database, options: { wrapFetch?: (f: FetchFn) => FetchFn; env?: Env } = {}): PaymentsClient {
  return createPaymentsClient({ database, env: options.env ?? EMULATOR_ENV, wrapFetch: options.wrapFetch });
}

export function futureExpiry(): { exp_month: string; exp_year: string } {
  return { exp_month: '12', exp_year: String(new Date().getUTCFullYear() + 3) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the JSON answers freely
export type Json = Record<string, any>;

/** A raw request to the emulator, as the browser or curl would send it. */
export async function emulatorFetch(
  database: Database,
  path: string,
  init: { method?: 'GET' | 'POST'; key?: string | null; form?: Record<string, string>; headers?: Record<string, string>; env?: Env } = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const method = init.method ?? (init.form ? 'POST' : 'GET');
  const headers: Record<string, string> = { ...init.headers };
  const key = init.key === undefined ? emulatorSecretKey(init.env) : init.key;
  if (key) headers.authorization = `Bearer ${key}`;
  const form = init.form ? new URLSearchParams(init.form).toString() : undefined;
  if (form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await handleEmulatorRequest(new Request(`http://stripe-emulator.invalid${path}`, { method, headers, body: form }), {
    database,
    env: init.env ?? EMULATOR_ENV,
  });
  return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
}

/**
 * What Stripe.js does when the shopper presses "Save card": posts the card details to
 * /v1/setup_intents/:id/confirm with the publishable key (as `key`) and the client_secret.
 */
export function browserConfirmSetup(
  database: Database,
  setupIntentId: string,
  clientSecret: string,
  card: { number: string; exp_month?: string; exp_year?: string; cvc?: string },
) {
  const expiry = futureExpiry();
  return emulatorFetch(database, `/v1/setup_intents/${setupIntentId}/confirm`, {
    key: null,
    form: {
      key: emulatorPublishableKey(),
      client_secret: clientSecret,
      'payment_method_data[type]': 'card',
      'payment_method_data[card][number]': card.number,
      'payment_method_data[card][exp_month]': card.exp_month ?? expiry.exp_month,
      'payment_method_data[card][exp_year]': card.exp_year ?? expiry.exp_year,
      'payment_method_data[card][cvc]': card.cvc ?? '123',
    },
  });
}

/** The 3DS page's buttons: publishable key and client_secret, like the browser. */
export function browserFinishAuthentication(database: Database, intentId: string, clientSecret: string, outcome: 'complete' | 'fail') {
  return emulatorFetch(database, `/v1/emulator/authentications/${intentId}/${outcome}`, {
    key: emulatorPublishableKey(),
    form: { client_secret: clientSecret },
  });
}

/** A webhook request as Stripe would send it: this payload, signed with the emulator's webhook secret (or another). */
export function signedWebhookRequest(payload: string, options: { secret?: string; timestamp?: number } = {}): Request {
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? emulatorWebhookSecret(), timestamp: options.timestamp });
  return new Request('http://localhost:3000/api/webhooks/stripe', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
    body: payload,
  });
}

/** What a faulty transport does with one request: pass it, lose it before or after Stripe sees it, or answer with this status. */
export type Fault = 'ok' | 'drop-request' | 'drop-response' | 500 | 503 | 429;

/**
 * A transport that fails as told, one step of the plan per request (then passes): before the
 * request reaches Stripe, or after (the answer is lost). For emulatorClient's wrapFetch; `calls`
 * counts the requests.
 */
export function faulty(plan: Fault[], calls: { count: number } = { count: 0 }) {
  return (inner: FetchFn): FetchFn =>
    async (input, init) => {
      calls.count++;
      const step = plan.shift() ?? 'ok';
      if (step === 'drop-request') throw new TypeError('fetch failed');
      if (typeof step === 'number') {
        return new Response(JSON.stringify({ error: { type: 'api_error', message: `Simulated ${step}` } }), {
          status: step,
          headers: { 'content-type': 'application/json' },
        });
      }
      const response = await inner(input, init);
      if (step === 'drop-response') throw new TypeError('socket hang up');
      return response;
    };
}
