import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, inArray, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeEmulatorEvents, stripeEmulatorWebhookDeliveries, stripeWebhookEvents } from '@/db/schema';
import { testConnection } from '@/test/database';
import { chargeShipment } from '../charge-shipment';
import { resolvePaymentsConfig, type Env } from '../config';
import { getOrCreateCustomer } from '../customers';
import { createSetupIntent, verifySetupIntent } from '../setup-intents';
import type { PaymentsClient } from '../stripe-client';
import { handleStripeWebhook } from '../webhooks/handle-webhook';
import { deliverPendingWebhooks } from './deliveries';
import { handleEmulatorRequest } from './handler';
import { emulatorPublishableKey, emulatorSecretKey, type Json } from './testing/fixtures';

/**
 * Over real HTTP: a server on a free loopback port plays the app (the emulator's routes and
 * the webhook route), stripe-node reaches it with host/port/protocol and its default Node
 * HTTP client, and webhooks go out with the global fetch to APP_URL.
 */
const { sql: pool, db } = testConnection();
let server: Server;
let base: string;
let env: Env;
let client: PaymentsClient;

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  return new Request(`${base}${req.url}`, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body });
}

async function serve(req: IncomingMessage, res: ServerResponse) {
  const request = await toRequest(req);
  const path = new URL(request.url).pathname;
  const response = path.startsWith('/v1/')
    ? await handleEmulatorRequest(request, { database: db, env })
    : path === '/api/webhooks/stripe'
      ? await handleStripeWebhook(request, db, client)
      : new Response('Not Found', { status: 404 });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

beforeAll(async () => {
  // Other test files of this run left deliveries behind; this file sends only its own.
  await db.update(stripeEmulatorWebhookDeliveries).set({ status: 'delivered' }).where(eq(stripeEmulatorWebhookDeliveries.status, 'pending'));
  server = createServer((req, res) => void serve(req, res).catch((err) => res.writeHead(500).end(String(err))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  env = { NODE_ENV: 'test', APP_URL: base };
  const stripe = new Stripe(emulatorSecretKey(), { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 1 });
  client = { stripe, config: resolvePaymentsConfig(env) };
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await pool.end();
});

describe('the emulator over HTTP', () => {
  it('saves a card from the "browser", charges it, and delivers signed webhooks to APP_URL', async () => {
    const { customerId } = await getOrCreateCustomer(`http-${Date.now()}@example.com`, db, client);
    const { setupIntentId, clientSecret } = await createSetupIntent({ customerId, idempotencyKey: `http:${customerId}` }, db, client);

    const confirm = await fetch(`${base}/v1/setup_intents/${setupIntentId}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        key: emulatorPublishableKey(),
        client_secret: clientSecret,
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': '4000 0025 0000 3155',
        'payment_method_data[card][exp_month]': '11',
        'payment_method_data[card][exp_year]': '2041',
        'payment_method_data[card][cvc]': '314',
      }),
    });
    const si = await confirm.json();
    expect(si.status).toBe('requires_action');
    expect(si.next_action.redirect_to_url.url.startsWith(`${base}/emulator/authenticate/${setupIntentId}?`)).toBe(true);
    const done = await fetch(`${base}/v1/emulator/authentications/${setupIntentId}/complete`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulatorPublishableKey()}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_secret: clientSecret }),
    });
    expect((await done.json()).status).toBe('succeeded');

    const card = await verifySetupIntent(setupIntentId, customerId, db, client);
    expect(card).toMatchObject({ last4: '3155', expMonth: 11, expYear: 2041 });
    const result = await chargeShipment(
      { shipmentId: `http-${Date.now()}`, attempt: 1, amountCents: 5000, currency: 'eur', customerId, paymentMethodId: card.paymentMethodId },
      db,
      client,
    );
    expect(result.status).toBe('succeeded');

    const report = await deliverPendingWebhooks({ database: db, env });
    const ours = await db
      .select({ id: stripeEmulatorEvents.id })
      .from(stripeEmulatorEvents)
      .where(sql`${stripeEmulatorEvents.body}->'data'->'object'->>'id' in (${setupIntentId}, ${(result as { paymentIntentId: string }).paymentIntentId})`);
    expect(ours.length).toBeGreaterThanOrEqual(3); // requires_action, succeeded, payment_intent.succeeded
    for (const { id } of ours) expect(report.sent).toContain(id);
    expect(
      await db
        .select()
        .from(stripeWebhookEvents)
        .where(
          inArray(
            stripeWebhookEvents.id,
            ours.map((e) => e.id),
          ),
        ),
    ).toHaveLength(ours.length);
  });

  it('answers a wrong key with 401 over the wire too', async () => {
    const port = (server.address() as AddressInfo).port;
    const wrong = new Stripe('sk_test_wrong', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
    await expect(wrong.customers.create({})).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('never takes the keys the emulator once had in its source: each installation has its own', async () => {
    const response = await fetch(`${base}/v1/customers`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_inbound_emulator', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=old%40example.com',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****ator' } });
    expect(emulatorSecretKey()).toMatch(/^sk_test_emu_[0-9a-f]{48}$/);
    expect(emulatorPublishableKey()).toMatch(/^pk_test_emu_[0-9a-f]{32}$/);
  });
});

describe('what the publishable key opens over HTTP (what Stripe lets one open)', () => {
  const port = () => (server.address() as AddressInfo).port;
  const asBrowser = () => new Stripe(emulatorPublishableKey(), { host: '127.0.0.1', port: port(), protocol: 'http', maxNetworkRetries: 0 });
  const call = async (method: 'GET' | 'POST', path: string, form: Record<string, string> = {}, key: string | null = emulatorPublishableKey()) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (key) headers.authorization = `Bearer ${key}`;
    const query = new URLSearchParams(form).toString();
    const response =
      method === 'GET'
        ? await fetch(`${base}${path}${query ? `?${query}` : ''}`, { headers })
        : await fetch(`${base}${path}`, { method, headers, body: query });
    return { status: response.status, body: (await response.json()) as Json };
  };

  it("refuses everything a server does with the secret key, with Stripe's 401", async () => {
    const { customerId } = await getOrCreateCustomer(`pk-scope-${Date.now()}@example.com`, db, client);
    const { setupIntentId } = await createSetupIntent({ customerId, idempotencyKey: `pk-scope:${customerId}` }, db, client);
    const browser = asBrowser();
    const refused = [
      browser.customers.create({ email: 'pk@example.com' }),
      browser.customers.retrieve(customerId),
      browser.setupIntents.create({ customer: customerId }),
      browser.paymentIntents.create({ amount: 5000, currency: 'usd', customer: customerId }),
      browser.paymentMethods.list({ customer: customerId }),
      browser.customers.listPaymentMethods(customerId),
    ];
    for (const attempt of refused) await expect(attempt).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
    const control = await call('POST', `/v1/emulator/payment_methods/pm_x/expire`);
    expect(control.status).toBe(401);
    expect(control.body.error.type).toBe('invalid_request_error');
    expect(await call('POST', '/v1/emulator/webhooks/deliver')).toMatchObject({ status: 401 });
    // Without its client_secret an intent is not reachable with the publishable key at all.
    expect((await call('GET', `/v1/setup_intents/${setupIntentId}`)).status).toBe(400);
  });

  it("answers a missing or wrong key with 401 and Stripe's error shape", async () => {
    const missing = await call('POST', '/v1/customers', { email: 'x@example.com' }, null);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(/^You did not provide an API key/) });
    const wrong = await call('POST', '/v1/customers', { email: 'x@example.com' }, 'pk_test_emu_0000000000000000000000000000000000');
    expect(wrong).toEqual({ status: 401, body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: pk_test_****0000' } } });
  });

  it('confirms and retrieves an intent with its own client_secret only, as the card form does', async () => {
    const { customerId } = await getOrCreateCustomer(`pk-confirm-${Date.now()}@example.com`, db, client);
    const first = await createSetupIntent({ customerId, idempotencyKey: `pk-confirm:${customerId}:1` }, db, client);
    const other = await createSetupIntent({ customerId, idempotencyKey: `pk-confirm:${customerId}:2` }, db, client);
    const card = {
      'payment_method_data[type]': 'card',
      'payment_method_data[card][number]': '4242424242424242',
      'payment_method_data[card][exp_month]': '12',
      'payment_method_data[card][exp_year]': '2040',
      'payment_method_data[card][cvc]': '123',
    };

    const withOthersSecret = await call('POST', `/v1/setup_intents/${first.setupIntentId}/confirm`, { client_secret: other.clientSecret, ...card });
    expect(withOthersSecret.status).toBe(400);
    expect(withOthersSecret.body.error.param).toBe('client_secret');

    const confirmed = await call('POST', `/v1/setup_intents/${first.setupIntentId}/confirm`, { client_secret: first.clientSecret, ...card });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: first.setupIntentId, status: 'succeeded' });
    // The browser's view: no customer, no metadata (what Stripe returns to a publishable key).
    expect(confirmed.body.customer).toBeUndefined();
    expect(confirmed.body.metadata).toBeUndefined();

    const retrieved = await asBrowser().setupIntents.retrieve(first.setupIntentId, { client_secret: first.clientSecret });
    expect(retrieved).toMatchObject({ id: first.setupIntentId, status: 'succeeded' });
    expect((retrieved as unknown as Json).customer).toBeUndefined();
  });
});
