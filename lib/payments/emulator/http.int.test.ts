import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, inArray, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeEmulatorEvents, stripeEmulatorWebhookDeliveries, stripeWebhookEvents } from '@/db/schema';
import { testConnection } from '@/test/database';
import { chargeShipment } from '../charge-shipment';
import { EMULATOR_PUBLISHABLE_KEY, EMULATOR_SECRET_KEY, resolvePaymentsConfig, type Env } from '../config';
import { getOrCreateCustomer } from '../customers';
import { createSetupIntent, verifySetupIntent } from '../setup-intents';
import type { PaymentsClient } from '../stripe-client';
import { handleStripeWebhook } from '../webhooks/handle-webhook';
import { deliverPendingWebhooks } from './deliveries';
import { handleEmulatorRequest } from './handler';

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
  const stripe = new Stripe(EMULATOR_SECRET_KEY, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 1 });
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
        key: EMULATOR_PUBLISHABLE_KEY,
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
      headers: { authorization: `Bearer ${EMULATOR_PUBLISHABLE_KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
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
    expect(await db.select().from(stripeWebhookEvents).where(inArray(stripeWebhookEvents.id, ours.map((e) => e.id)))).toHaveLength(ours.length);
  });

  it('answers a wrong key with 401 over the wire too', async () => {
    const port = (server.address() as AddressInfo).port;
    const wrong = new Stripe('sk_test_wrong', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
    await expect(wrong.customers.create({})).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });
});
