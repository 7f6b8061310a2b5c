import 'server-only';
import { db as appDb, type Database } from '@/db/client';
import { BodyTooLargeError, readBodyWithin } from '@/lib/security/request-body';
import { STRIPE_API_VERSION } from '../api-version';
import { resolvePaymentsConfig, type EmulatorConfig, type Env } from '../config';
import type { EmulatorContext } from './context';
import { automaticallyUpdatePaymentMethod, expirePaymentMethod, finishAuthentication } from './controls';
import { createCustomer, retrieveCustomer } from './customers';
import { deliverPendingWebhooks, kickWebhookDelivery, startWebhookDeliveryLoop } from './deliveries';
import { authenticationFailed, EmulatorApiError, invalidRequest, unknownRoute, type EmulatorResult } from './errors';
import { FormParseError, parseStripeForm, type FormObject } from './form';
import { MAX_IDEMPOTENCY_KEY_LENGTH, runIdempotent } from './idempotency';
import { newId } from './ids';
import { createPaymentIntent, confirmPaymentIntent, retrievePaymentIntent } from './payment-intents';
import { detachPaymentMethod, listPaymentMethods, retrievePaymentMethod } from './payment-methods';
import { createRefund, listRefunds, retrieveCharge, retrieveRefund } from './refunds';
import { sameSecret } from './same-secret';
import { confirmSetupIntent, createSetupIntent, retrieveSetupIntent } from './setup-intents';

type Caller = 'secret' | 'publishable';

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** Who may call: the secret key only, or also the browser with the publishable key. */
  allow: readonly Caller[];
  /** Development and test controls, off in production unless STRIPE_EMULATOR_CONTROLS=1. */
  control?: boolean;
  run: (ctx: EmulatorContext, match: string[], params: FormObject) => Promise<EmulatorResult>;
}

const SECRET = ['secret'] as const;
const BROWSER = ['secret', 'publishable'] as const;
const ID = '([A-Za-z0-9_]+)';

const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/v1\/customers$/, allow: SECRET, run: (ctx, _m, p) => createCustomer(ctx, p) },
  { method: 'GET', pattern: new RegExp(`^/v1/customers/${ID}$`), allow: SECRET, run: (ctx, m, p) => retrieveCustomer(ctx, m[0]!, p) },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/customers/${ID}/payment_methods$`),
    allow: SECRET,
    run: (ctx, m, p) => listPaymentMethods(ctx, p, m[0]!),
  },
  { method: 'POST', pattern: /^\/v1\/setup_intents$/, allow: SECRET, run: (ctx, _m, p) => createSetupIntent(ctx, p) },
  { method: 'GET', pattern: new RegExp(`^/v1/setup_intents/${ID}$`), allow: BROWSER, run: (ctx, m, p) => retrieveSetupIntent(ctx, m[0]!, p) },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/setup_intents/${ID}/confirm$`),
    allow: BROWSER,
    run: (ctx, m, p) => confirmSetupIntent(ctx, m[0]!, p),
  },
  { method: 'GET', pattern: /^\/v1\/payment_methods$/, allow: SECRET, run: (ctx, _m, p) => listPaymentMethods(ctx, p) },
  { method: 'GET', pattern: new RegExp(`^/v1/payment_methods/${ID}$`), allow: SECRET, run: (ctx, m, p) => retrievePaymentMethod(ctx, m[0]!, p) },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_methods/${ID}/detach$`),
    allow: SECRET,
    run: (ctx, m, p) => detachPaymentMethod(ctx, m[0]!, p),
  },
  { method: 'POST', pattern: /^\/v1\/payment_intents$/, allow: SECRET, run: (ctx, _m, p) => createPaymentIntent(ctx, p) },
  { method: 'GET', pattern: new RegExp(`^/v1/payment_intents/${ID}$`), allow: BROWSER, run: (ctx, m, p) => retrievePaymentIntent(ctx, m[0]!, p) },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_intents/${ID}/confirm$`),
    allow: BROWSER,
    run: (ctx, m, p) => confirmPaymentIntent(ctx, m[0]!, p),
  },
  { method: 'GET', pattern: new RegExp(`^/v1/charges/${ID}$`), allow: SECRET, run: (ctx, m, p) => retrieveCharge(ctx, m[0]!, p) },
  { method: 'POST', pattern: /^\/v1\/refunds$/, allow: SECRET, run: (ctx, _m, p) => createRefund(ctx, p) },
  { method: 'GET', pattern: /^\/v1\/refunds$/, allow: SECRET, run: (ctx, _m, p) => listRefunds(ctx, p) },
  { method: 'GET', pattern: new RegExp(`^/v1/refunds/${ID}$`), allow: SECRET, run: (ctx, m, p) => retrieveRefund(ctx, m[0]!, p) },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/emulator/authentications/${ID}/(complete|fail)$`),
    allow: BROWSER,
    run: (ctx, m, p) => finishAuthentication(ctx, m[0]!, m[1] as 'complete' | 'fail', p),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/emulator/payment_methods/${ID}/expire$`),
    allow: SECRET,
    control: true,
    run: (ctx, m, p) => expirePaymentMethod(ctx, m[0]!, p),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/emulator/payment_methods/${ID}/automatically_update$`),
    allow: SECRET,
    control: true,
    run: (ctx, m, p) => automaticallyUpdatePaymentMethod(ctx, m[0]!, p),
  },
];

const DELIVER_ROUTE = '/v1/emulator/webhooks/deliver';
const MAX_BODY_BYTES = 64 * 1024;

function maskKey(key: string): string {
  return key.length <= 12 ? `${key.slice(0, 3)}****` : `${key.slice(0, 8)}****${key.slice(-4)}`;
}

/**
 * The API key from `Authorization: Bearer`, Basic auth (curl -u key:), or Stripe.js's `key`
 * param, and who it makes the caller. Only this installation's own keys open the emulator.
 */
function callerOf(request: Request, params: FormObject, config: EmulatorConfig): { caller: Caller; key: string } {
  const header = request.headers.get('authorization')?.trim() ?? '';
  let key: string | undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (bearer) key = bearer[1];
  else if (basic) key = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')[0];
  else if (typeof params.key === 'string') key = params.key;
  if (!key) {
    throw authenticationFailed(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  if (/^(sk|rk|pk)_live_/.test(key)) {
    throw authenticationFailed('The Stripe emulator never accepts live keys. It only knows test cards; use its own keys (see docs/payments.md).');
  }
  if (sameSecret(key, config.secretKey)) return { caller: 'secret', key };
  if (sameSecret(key, config.publishableKey)) return { caller: 'publishable', key };
  throw authenticationFailed(`Invalid API Key provided: ${maskKey(key)}`);
}

function respond(result: EmulatorResult, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

export interface EmulatorRequestOptions {
  database?: Database;
  env?: Env;
  now?: () => Date;
}

/**
 * The emulator's whole HTTP API: takes a Request as stripe-node or the browser sends it and
 * answers like api.stripe.com. The app calls it in-process (lib/payments/stripe-client.ts) and
 * the browser through app/v1/[...path]/route.ts.
 */
export async function handleEmulatorRequest(request: Request, options: EmulatorRequestOptions = {}): Promise<Response> {
  const env = options.env ?? process.env;
  const config = resolvePaymentsConfig(env);
  const requestId = newId('req');
  const headers: Record<string, string> = { 'request-id': requestId, 'stripe-version': STRIPE_API_VERSION };
  if (config.mode !== 'emulator') return new Response('Not Found', { status: 404 });

  const database = options.database ?? appDb;
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const path = url.pathname.replace(/\/+$/, '');
  const idempotencyKey = method === 'POST' ? request.headers.get('idempotency-key')?.trim() || null : null;
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;

  try {
    const version = request.headers.get('stripe-version');
    if (version && version !== STRIPE_API_VERSION) {
      throw invalidRequest(`The Stripe emulator implements API version ${STRIPE_API_VERSION} only; this request asked for ${version}.`, {
        param: 'Stripe-Version',
      });
    }
    let params: FormObject;
    if (method === 'POST') {
      const type = request.headers.get('content-type') ?? '';
      // Stripe's own requests are small; a bigger body is a mistake or abuse of a public route,
      // refused as its bytes pass the limit (a chunked body declares no Content-Length).
      const body = await readBodyWithin(request, MAX_BODY_BYTES).then(
        (bytes) => Buffer.from(bytes).toString('utf8'),
        (err: unknown) => {
          if (err instanceof BodyTooLargeError) throw invalidRequest('The request body is too large.');
          throw err;
        },
      );
      if (body && !type.includes('application/x-www-form-urlencoded')) {
        throw invalidRequest('The Stripe API takes form-encoded bodies (application/x-www-form-urlencoded), not JSON.');
      }
      params = parseStripeForm(body);
    } else if (method === 'GET' || method === 'DELETE') {
      params = parseStripeForm(url.searchParams);
    } else {
      throw unknownRoute(method, path);
    }
    const { caller, key: apiKey } = callerOf(request, params, config);
    delete params.key;

    if (path === DELIVER_ROUTE && method === 'POST') {
      if (caller !== 'secret') throw authenticationFailed('This API call cannot be made with a publishable API key. Please use a secret API key.');
      if (!config.controlsEnabled) throw controlsOff();
      const report = await deliverPendingWebhooks({ database, env });
      return respond({ status: 200, body: { object: 'emulator.webhook_delivery_report', ...report } }, headers);
    }

    let route: Route | undefined;
    let match: string[] = [];
    for (const r of ROUTES) {
      const m = r.method === method ? r.pattern.exec(path) : null;
      if (m) {
        route = r;
        match = m.slice(1);
        break;
      }
    }
    if (!route) throw unknownRoute(method, path);
    if (!route.allow.includes(caller)) {
      throw authenticationFailed('This API call cannot be made with a publishable API key. Please use a secret API key.');
    }
    if (route.control && !config.controlsEnabled) throw controlsOff();
    if (idempotencyKey && idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw invalidRequest(`Idempotency keys can be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`, { param: 'Idempotency-Key' });
    }

    const selected = route;
    // One transaction per request: the change, its events and its idempotent result commit together.
    const { result, recorded } = await database.transaction(async (tx) => {
      const ctx: EmulatorContext = {
        tx,
        auth: caller,
        requestId,
        idempotencyKey,
        now: options.now?.() ?? new Date(),
        appUrl: config.appUrl,
        eventsRecorded: 0,
      };
      const run = () => selected.run(ctx, match, params);
      const outcome = idempotencyKey
        ? await runIdempotent(tx, { apiKey, key: idempotencyKey, method, path, params }, run)
        : { ...(await run()), replayed: false };
      return { result: outcome, recorded: ctx.eventsRecorded };
    });
    if (result.replayed) headers['idempotent-replayed'] = 'true';
    if (config.autoDeliverWebhooks) {
      // The timer also sends retries left by an earlier run of the server.
      if (recorded > 0 && !result.replayed) kickWebhookDelivery();
      else startWebhookDeliveryLoop();
    }
    return respond(result, headers);
  } catch (err) {
    if (err instanceof EmulatorApiError) return respond(err.toResult(), headers);
    if (err instanceof FormParseError) return respond(invalidRequest(err.message, { param: err.param }).toResult(), headers);
    console.error('[stripe emulator] unexpected error:', err);
    return respond({ status: 500, body: { error: { type: 'api_error', message: 'An unexpected error occurred in the Stripe emulator.' } } }, headers);
  }
}

function controlsOff(): EmulatorApiError {
  return new EmulatorApiError(403, {
    type: 'invalid_request_error',
    message: 'The emulator controls are off in production. Set STRIPE_EMULATOR_CONTROLS=1 to turn them on (development and tests have them).',
  });
}
