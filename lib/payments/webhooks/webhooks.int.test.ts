import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { paymentAttempts, savedCards, stripeWebhookEvents } from '@/db/schema';
import { testConnection } from '@/test/database';
import { chargeShipment } from '../charge-shipment';
import { getOrCreateCustomer } from '../customers';
import { createSetupIntent, verifySetupIntent } from '../setup-intents';
import type { FetchFn } from '../stripe-client';
import { MAX_DELIVERY_ATTEMPTS, updateSavedCard, type SendWebhook } from '../emulator';
import {
  browserConfirmSetup,
  browserFinishAuthentication,
  discardPendingWebhooks,
  EMULATOR_ENV,
  emulatorClient,
  emulatorEventsFor,
  emulatorFetch,
  emulatorPublishableKey,
  pendingWebhookDelivery,
  signedWebhookRequest,
  webhookRouteDelivery,
} from '../emulator/testing';
import { handleStripeWebhook } from './handle-webhook';

const { sql: pool, db } = testConnection();
const client = emulatorClient(db);
const { stripe } = client;

// The route in this process, on this run's database with no Stripe keys from the shell; deliver()
// sends it the emulator's pending webhooks as the server's timer would over HTTP.
const { POST, deliver, closeAppDatabase } = await webhookRouteDelivery(db, inject('databaseUrl'));

beforeAll(async () => {
  // Other test files of this run left deliveries behind; this file starts from a clean queue.
  await discardPendingWebhooks(db);
});
afterAll(async () => {
  await pool.end();
  await closeAppDatabase();
});

let n = 0;
async function shopper() {
  const { customerId } = await getOrCreateCustomer(`webhook-${Date.now()}-${n++}@example.com`, db, client);
  const si = await createSetupIntent({ customerId, idempotencyKey: `webhook-test:${n}` }, db, client);
  return { customerId, ...si };
}

const eventsFor = (objectId: string) => emulatorEventsFor(db, objectId);

const signed = signedWebhookRequest;

const cardsOf = (customerId: string) => db.select().from(savedCards).where(eq(savedCards.stripeCustomerId, customerId));
const recorded = (ids: string[]) => db.select().from(stripeWebhookEvents).where(inArray(stripeWebhookEvents.id, ids));

describe('signature', () => {
  it('a signed event is accepted and records the saved card; missing, wrong, tampered or stale signatures get 400 and change nothing', async () => {
    const s = await shopper();
    await browserConfirmSetup(db, s.setupIntentId, s.clientSecret, { number: '4242424242424242' });
    const [event] = (await eventsFor(s.setupIntentId)).filter((e) => e.type === 'setup_intent.succeeded');
    const payload = JSON.stringify(event!.body);

    const tampered = signed(payload); // signs one body, then another is sent
    const attempts = [
      new Request('http://localhost:3000/api/webhooks/stripe', { method: 'POST', body: payload }),
      signed(payload, { secret: 'whsec_someone_else' }),
      new Request(tampered.url, { method: 'POST', headers: tampered.headers, body: payload.replace('"livemode":false', '"livemode":true') }),
      signed(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
    ];
    for (const request of attempts) {
      const response = await POST(request);
      expect(response.status).toBe(400);
    }
    expect(await recorded([event!.id])).toEqual([]);
    expect(await cardsOf(s.customerId)).toEqual([]);

    const ok = await POST(signed(payload));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ received: true, duplicate: false });
    expect(await recorded([event!.id])).toHaveLength(1);
    const [card] = await cardsOf(s.customerId);
    expect(card).toMatchObject({ brand: 'visa', last4: '4242', status: 'active', stripeSetupIntentId: s.setupIntentId });
  });

  it('garbage with a valid signature is still a 400, not a 500', async () => {
    expect((await POST(signed('not json'))).status).toBe(400);
    expect((await POST(signed(JSON.stringify({ hello: 'world' })))).status).toBe(400);
  });
});

describe('body size', () => {
  it('a body over 1 MB gets 413 before it is parsed, with or without Content-Length, and changes nothing', async () => {
    const s = await shopper();
    await browserConfirmSetup(db, s.setupIntentId, s.clientSecret, { number: '4242424242424242' });
    const [event] = (await eventsFor(s.setupIntentId)).filter((e) => e.type === 'setup_intent.succeeded');
    // A validly signed event, padded past the cap: the signature alone would let it through.
    const payload = JSON.stringify({ ...event!.body, padding: 'x'.repeat(1024 * 1024) });
    const declared = signed(payload);
    const withLength = new Request(declared.url, {
      method: 'POST',
      headers: { ...Object.fromEntries(declared.headers), 'content-length': String(Buffer.byteLength(payload)) },
      body: payload,
    });
    const bytes = new TextEncoder().encode(payload);
    const streamed = new Request(declared.url, {
      method: 'POST',
      headers: declared.headers,
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    for (const request of [withLength, streamed]) {
      const response = await POST(request);
      expect(response.status).toBe(413);
      expect((await response.json()).error).toMatch(/larger than 1 MB/);
    }
    expect(await recorded([event!.id])).toEqual([]);
    expect(await cardsOf(s.customerId)).toEqual([]);
    // The same event at its real size still goes through.
    expect((await POST(signed(JSON.stringify(event!.body)))).status).toBe(200);
  });
});

describe('duplicates', () => {
  it('the same event delivered twice, or five times at once, is processed once', async () => {
    const s = await shopper();
    await browserConfirmSetup(db, s.setupIntentId, s.clientSecret, { number: '4242424242424242' });
    const [event] = (await eventsFor(s.setupIntentId)).filter((e) => e.type === 'setup_intent.succeeded');
    const payload = JSON.stringify(event!.body);

    expect(await (await POST(signed(payload))).json()).toMatchObject({ duplicate: false });
    const [first] = await cardsOf(s.customerId);
    expect(await (await POST(signed(payload))).json()).toMatchObject({ duplicate: true });
    const answers = await Promise.all(Array.from({ length: 5 }, () => POST(signed(payload)).then((r) => r.json())));
    expect(answers.every((a) => a.duplicate === true)).toBe(true);
    expect(await recorded([event!.id])).toHaveLength(1);
    const cards = await cardsOf(s.customerId);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.updatedAt).toEqual(first!.updatedAt); // the duplicates touched nothing
  });

  it('concurrent first deliveries of one event: exactly one processes it', async () => {
    const s = await shopper();
    await browserConfirmSetup(db, s.setupIntentId, s.clientSecret, { number: '4242424242424242' });
    const [event] = (await eventsFor(s.setupIntentId)).filter((e) => e.type === 'setup_intent.succeeded');
    const answers = await Promise.all(Array.from({ length: 6 }, () => POST(signed(JSON.stringify(event!.body))).then((r) => r.json())));
    expect(answers.filter((a) => a.duplicate === false)).toHaveLength(1);
    expect(await cardsOf(s.customerId)).toHaveLength(1);
  });

  it("the emulator's test switch sends every event twice; each is processed once", async () => {
    const s = await shopper();
    await browserConfirmSetup(db, s.setupIntentId, s.clientSecret, { number: '4242424242424242' });
    const report = await deliver({ chaos: 'duplicate' });
    const ids = (await eventsFor(s.setupIntentId)).map((e) => e.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(report.sent.filter((x) => x === id)).toHaveLength(2);
    expect(await recorded(ids)).toHaveLength(ids.length);
    expect(await cardsOf(s.customerId)).toHaveLength(1);
  });
});

describe('order of arrival', () => {
  it('setup_failed arriving after setup_succeeded does not undo the saved card (objects are re-fetched)', async () => {
    const s = await shopper();
    expect((await browserConfirmSetup(db, s.setupIntentId, s.clientSecret, { number: '4000000000009995' })).status).toBe(402);
    expect((await browserConfirmSetup(db, s.setupIntentId, s.clientSecret, { number: '4242424242424242' })).status).toBe(200);
    const report = await deliver({ chaos: 'reverse' });
    const types = (await eventsFor(s.setupIntentId)).map((e) => e.type);
    expect(types).toEqual(['setup_intent.setup_failed', 'setup_intent.succeeded']);
    const sentOrder = report.sent.filter((id) => id.startsWith('evt_'));
    const [failedEvt, succeededEvt] = (await eventsFor(s.setupIntentId)).map((e) => e.id);
    expect(sentOrder.indexOf(succeededEvt!)).toBeLessThan(sentOrder.indexOf(failedEvt!));
    expect(await cardsOf(s.customerId)).toMatchObject([{ last4: '4242', status: 'active' }]);
  });

  it('payment_failed arriving after the shopper authenticated leaves the attempt succeeded', async () => {
    const s = await shopper();
    await browserConfirmSetup(db, s.setupIntentId, s.clientSecret, { number: '4000002760003184' });
    await browserFinishAuthentication(db, s.setupIntentId, s.clientSecret, 'complete');
    const card = await verifySetupIntent(s.setupIntentId, s.customerId, db, client);
    const shipmentId = `ooo-${Date.now()}`;
    const result = await chargeShipment(
      { shipmentId, attempt: 1, amountCents: 3000, currency: 'usd', customerId: s.customerId, paymentMethodId: card.paymentMethodId },
      db,
      client,
    );
    expect(result).toMatchObject({ status: 'failed', failure: { code: 'authentication_required' } });
    const piId = result.paymentIntentId!;
    const { client_secret } = await stripe.paymentIntents.retrieve(piId);
    await emulatorFetch(db, `/v1/payment_intents/${piId}/confirm`, {
      key: emulatorPublishableKey(),
      form: { client_secret: client_secret!, payment_method: card.paymentMethodId },
    });
    await browserFinishAuthentication(db, piId, client_secret!, 'complete');

    await deliver({ chaos: 'reverse' });
    const types = (await eventsFor(piId)).map((e) => e.type);
    expect(types).toEqual(['payment_intent.payment_failed', 'payment_intent.requires_action', 'payment_intent.succeeded']);
    const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.shipmentId, shipmentId));
    expect(attempt).toMatchObject({ status: 'succeeded', failureCode: null, stripePaymentIntentId: piId });
  });

  it('a charge whose answer was lost is settled by its webhook', async () => {
    const s = await shopper();
    await browserConfirmSetup(db, s.setupIntentId, s.clientSecret, { number: '4000000000000341' });
    const card = await verifySetupIntent(s.setupIntentId, s.customerId, db, client);
    const lossy = emulatorClient(db, {
      wrapFetch:
        (inner: FetchFn): FetchFn =>
        async (input, init) => {
          await inner(input, init);
          throw new TypeError('socket hang up');
        },
    });
    const shipmentId = `lost-${Date.now()}`;
    const result = await chargeShipment(
      { shipmentId, attempt: 1, amountCents: 1200, currency: 'usd', customerId: s.customerId, paymentMethodId: card.paymentMethodId },
      db,
      lossy,
      { sleep: async () => {}, maxTries: 2 },
    );
    expect(result).toMatchObject({ status: 'failed', failure: { code: 'transient' }, paymentIntentId: null });
    await deliver();
    const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.shipmentId, shipmentId));
    expect(attempt).toMatchObject({
      status: 'failed',
      failureCode: 'card_declined',
      declineCode: 'generic_decline',
      stripePaymentIntentId: expect.stringMatching(/^pi_/),
    });
  });
});

describe('delivery', () => {
  it('retries a failed delivery with backoff, and gives up after the last attempt', async () => {
    const s = await shopper();
    await browserConfirmSetup(db, s.setupIntentId, s.clientSecret, { number: '4242424242424242' });
    const down: SendWebhook = async () => new Response('down', { status: 503 });
    let clock = Date.now();
    const now = () => new Date(clock);

    const first = await deliver({ send: down, now });
    expect(first.attempted).toBeGreaterThan(0);
    expect(first.retrying).toBe(first.attempted);
    const row = await pendingWebhookDelivery(db, 1);
    expect(row).toMatchObject({ lastStatusCode: 503, lastError: 'down' });
    expect(row!.nextAttemptAt.getTime() - clock).toBeGreaterThanOrEqual(5_000);

    expect((await deliver({ send: down, now })).attempted).toBe(0); // not due yet
    clock += 6_000;
    const second = await deliver({ now }); // the app is back
    expect(second.delivered).toBe(first.attempted);
    expect(await cardsOf(s.customerId)).toHaveLength(1);

    // A delivery that never succeeds is marked failed after MAX_DELIVERY_ATTEMPTS.
    const t = await shopper();
    await browserConfirmSetup(db, t.setupIntentId, t.clientSecret, { number: '4242424242424242' });
    let last = { attempted: 0, failed: 0 };
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      last = await deliver({ send: down, now });
      clock += 2 * 3_600_000;
    }
    expect(last.failed).toBe(last.attempted);
    expect(last.failed).toBeGreaterThan(0);
    expect((await deliver({ now })).attempted).toBe(0);
  });

  it('an event whose object cannot be re-fetched is not recorded (503), so the retry processes it', async () => {
    const s = await shopper();
    await browserConfirmSetup(db, s.setupIntentId, s.clientSecret, { number: '4242424242424242' });
    const [event] = (await eventsFor(s.setupIntentId)).filter((e) => e.type === 'setup_intent.succeeded');
    const unreachable = emulatorClient(db, {
      wrapFetch: () => async () => new Response(JSON.stringify({ error: { type: 'api_error', message: 'down' } }), { status: 500 }),
    });
    const response = await handleStripeWebhook(signed(JSON.stringify(event!.body)), db, unreachable);
    expect(response.status).toBe(503);
    expect(await recorded([event!.id])).toEqual([]);
    expect(await cardsOf(s.customerId)).toEqual([]);
    expect((await POST(signed(JSON.stringify(event!.body)))).status).toBe(200);
    expect(await cardsOf(s.customerId)).toHaveLength(1);
  });

  it('payment_method.automatically_updated refreshes the saved card; unknown event types are acknowledged', async () => {
    const s = await shopper();
    await browserConfirmSetup(db, s.setupIntentId, s.clientSecret, { number: '4242424242424242' });
    const card = await verifySetupIntent(s.setupIntentId, s.customerId, db, client);
    await updateSavedCard(card.paymentMethodId, { expMonth: 7, expYear: 2040 }, db, EMULATOR_ENV);
    await deliver();
    expect(await cardsOf(s.customerId)).toMatchObject([{ expMonth: 7, expYear: 2040 }]);

    const unknown = { id: `evt_unknown${Date.now()}`, object: 'event', type: 'invoice.paid', data: { object: { id: 'in_123', object: 'invoice' } } };
    const response = await POST(signed(JSON.stringify(unknown)));
    expect(response.status).toBe(200);
    expect(await recorded([unknown.id])).toHaveLength(1);
  });
});
