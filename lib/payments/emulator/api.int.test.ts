import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { connect } from '@/db/connect';
import { stripeEmulatorEvents } from '@/db/schema';
import { testConnection } from '@/test/database';
import { PaymentsConfigError } from '../config';
import { expireSavedCard } from './control-functions';
import { createPaymentsClient } from '../stripe-client';
import { browserConfirmSetup, EMULATOR_ENV, emulatorClient, emulatorFetch, emulatorPublishableKey, emulatorSecretKey } from './testing/fixtures';
import { handleEmulatorRequest } from './handler';

const { sql: pool, db } = testConnection();
const { stripe } = emulatorClient(db);
afterAll(() => pool.end());

/** A stripe-node client with any key, pointed at the emulator in-process. */
function sdkWithKey(key: string) {
  return new Stripe(key, {
    maxNetworkRetries: 0,
    httpClient: Stripe.createFetchHttpClient(((input: string, init?: RequestInit) =>
      handleEmulatorRequest(new Request(input, init), { database: db, env: EMULATOR_ENV })) as typeof fetch),
  });
}

let customerId: string;
beforeAll(async () => {
  customerId = (await stripe.customers.create({ email: 'api@example.com' })).id;
});

describe('Stripe-shaped objects', () => {
  it('creates and retrieves customers, with nested metadata parsed like Stripe', async () => {
    const created = await stripe.customers.create({
      email: 'shape@example.com',
      name: 'Ada Lovelace',
      metadata: { orderId: '42', 'with space': 'a&b=c[d]', empty: '' },
    });
    expect(created).toMatchObject({ object: 'customer', email: 'shape@example.com', name: 'Ada Lovelace', livemode: false });
    expect(created.id).toMatch(/^cus_[A-Za-z0-9]{24}$/);
    expect(typeof created.created).toBe('number');
    expect(created.metadata).toEqual({ orderId: '42', 'with space': 'a&b=c[d]' });
    const again = await stripe.customers.retrieve(created.id);
    expect(again).toEqual(expect.objectContaining({ id: created.id, metadata: created.metadata }));
  });

  it('SetupIntents carry client_secret, usage and status; expand[] returns the payment method', async () => {
    const si = await stripe.setupIntents.create({ customer: customerId, usage: 'off_session', metadata: { cart: 'c1' } });
    expect(si).toMatchObject({
      object: 'setup_intent',
      status: 'requires_payment_method',
      usage: 'off_session',
      customer: customerId,
      livemode: false,
      next_action: null,
      last_setup_error: null,
      payment_method: null,
    });
    expect(si.id).toMatch(/^seti_/);
    expect(si.client_secret).toMatch(new RegExp(`^${si.id}_secret_`));
    await browserConfirmSetup(db, si.id, si.client_secret!, { number: '4242 4242 4242 4242' });
    const expanded = await stripe.setupIntents.retrieve(si.id, { expand: ['payment_method'] });
    const pm = expanded.payment_method as Stripe.PaymentMethod;
    expect(pm).toMatchObject({ object: 'payment_method', type: 'card', customer: customerId, card: { brand: 'visa', last4: '4242', funding: 'credit' } });
    expect(pm.id).toMatch(/^pm_/);
  });

  it('PaymentMethods are listed by customer and can be detached for good', async () => {
    const { id: cus } = await stripe.customers.create({ email: 'detach@example.com' });
    const si = await stripe.setupIntents.create({ customer: cus });
    await browserConfirmSetup(db, si.id, si.client_secret!, { number: '4242424242424242' });
    const pmId = (await stripe.setupIntents.retrieve(si.id)).payment_method as string;
    expect((await stripe.customers.listPaymentMethods(cus)).data.map((p) => p.id)).toEqual([pmId]);
    const detached = await stripe.paymentMethods.detach(pmId);
    expect(detached.customer).toBeNull();
    expect((await stripe.paymentMethods.list({ customer: cus })).data).toEqual([]);
    const err = await stripe.paymentIntents
      .create({ amount: 500, currency: 'usd', customer: cus, payment_method: pmId, confirm: true, off_session: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((err as Stripe.errors.StripeError).message).toMatch(/detached/);
    const [event] = await db.select().from(stripeEmulatorEvents).where(eq(stripeEmulatorEvents.type, 'payment_method.detached'));
    expect(event).toBeDefined();
  });
});

describe('errors', () => {
  it('401 for a wrong key, a missing key and any live key', async () => {
    const wrong = await sdkWithKey('sk_test_not_the_emulator_key')
      .customers.retrieve(customerId)
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(wrong).toMatchObject({ statusCode: 401, message: expect.stringMatching(/^Invalid API Key provided: sk_test_\*{4}/) });

    const missing = await emulatorFetch(db, `/v1/customers/${customerId}`, { key: null });
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toMatch(/did not provide an API key/);

    const live = await sdkWithKey('sk_live_123456789012345678901234')
      .customers.create({})
      .catch((e: unknown) => e);
    expect(live).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect((live as Error).message).toMatch(/never accepts live keys/);
  });

  it('the publishable key only reaches intents with their client_secret', async () => {
    const pk = sdkWithKey(emulatorPublishableKey());
    expect(await pk.customers.create({}).catch((e: unknown) => e)).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    const si = await stripe.setupIntents.create({ customer: customerId });
    const noSecret = await emulatorFetch(db, `/v1/setup_intents/${si.id}`, { key: emulatorPublishableKey() });
    expect(noSecret.status).toBe(400);
    const withSecret = await emulatorFetch(db, `/v1/setup_intents/${si.id}?client_secret=${si.client_secret}`, { key: emulatorPublishableKey() });
    expect(withSecret.status).toBe(200);
    expect(withSecret.body).toMatchObject({ id: si.id, status: 'requires_payment_method' });
    expect(withSecret.body).not.toHaveProperty('customer');
    expect(withSecret.body).not.toHaveProperty('metadata');
  });

  it('404 resource_missing for unknown ids, and for unknown URLs', async () => {
    for (const call of [
      () => stripe.customers.retrieve('cus_doesnotexist'),
      () => stripe.setupIntents.retrieve('seti_doesnotexist'),
      () => stripe.paymentMethods.retrieve('pm_doesnotexist'),
      () => stripe.paymentIntents.retrieve('pi_doesnotexist'),
      () => stripe.setupIntents.confirm('seti_doesnotexist', { payment_method: 'pm_card_visa' }),
      () => stripe.setupIntents.create({ customer: 'cus_doesnotexist' }),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(err).toMatchObject({ statusCode: 404, code: 'resource_missing', message: expect.stringMatching(/^No such /) });
    }
    const route = await emulatorFetch(db, '/v1/charges');
    expect(route.status).toBe(404);
    expect(route.body.error.message).toMatch(/Unrecognized request URL/);
  });

  it('400 for payment_method_types, as in API 2026-10-28.endive', async () => {
    const si = await stripe.setupIntents
      .create({ customer: customerId, payment_method_types: ['card'] } as unknown as Stripe.SetupIntentCreateParams)
      .catch((e: unknown) => e);
    expect(si).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(si).toMatchObject({ statusCode: 400, code: 'payment_method_types_no_longer_supported', param: 'payment_method_types' });
    const pi = await stripe.paymentIntents
      .create({ amount: 1000, currency: 'usd', payment_method_types: ['card'] } as unknown as Stripe.PaymentIntentCreateParams)
      .catch((e: unknown) => e);
    expect(pi).toMatchObject({ statusCode: 400, code: 'payment_method_types_no_longer_supported' });
    // The documented alternatives work.
    expect((await stripe.setupIntents.create({ customer: customerId, allowed_payment_method_types: ['card'] })).allowed_payment_method_types).toEqual(['card']);
    expect((await stripe.setupIntents.create({ customer: customerId, automatic_payment_methods: { enabled: true } })).automatic_payment_methods).toMatchObject({
      enabled: true,
    });
  });

  it('400 invalid_request_error for unknown, missing and malformed parameters', async () => {
    const unknown = await emulatorFetch(db, '/v1/customers', { form: { emial: 'typo@example.com' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ type: 'invalid_request_error', param: 'emial', message: 'Received unknown parameter: emial' });
    const nested = await emulatorFetch(db, '/v1/payment_intents', { form: { amount: '100', currency: 'usd', 'metadata[a][b]': 'x' } });
    expect(nested.body.error).toMatchObject({ param: 'metadata[a]' });
    const missing = await stripe.paymentIntents.create({ currency: 'usd' } as Stripe.PaymentIntentCreateParams).catch((e: unknown) => e);
    expect(missing).toMatchObject({ statusCode: 400, param: 'amount', message: 'Missing required param: amount.' });
    const small = await stripe.paymentIntents.create({ amount: 10, currency: 'usd' }).catch((e: unknown) => e);
    expect(small).toMatchObject({ statusCode: 400, param: 'amount' });
    const json = await handleEmulatorRequest(
      new Request('http://x/v1/customers', {
        method: 'POST',
        headers: { authorization: `Bearer ${emulatorSecretKey()}`, 'content-type': 'application/json' },
        body: '{}',
      }),
      { database: db, env: EMULATOR_ENV },
    );
    expect(json.status).toBe(400);
    const version = await emulatorFetch(db, `/v1/customers/${customerId}`, { headers: { 'stripe-version': '2020-08-27' } });
    expect(version.status).toBe(400);
  });

  it('a card number that is not a test card gets a clear card error', async () => {
    const si = await stripe.setupIntents.create({ customer: customerId });
    const real = await browserConfirmSetup(db, si.id, si.client_secret!, { number: '4111111111111111' });
    expect(real.status).toBe(402);
    expect(real.body.error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'test_mode_live_card' });
    expect(real.body.error.message).toMatch(/only accepts Stripe test cards.*4242 4242 4242 4242/);
    const typo = await browserConfirmSetup(db, si.id, si.client_secret!, { number: '4242424242424241' });
    expect(typo.body.error).toMatchObject({ code: 'incorrect_number', message: 'Your card number is incorrect.' });
    const past = await browserConfirmSetup(db, si.id, si.client_secret!, { number: '4242424242424242', exp_month: '01', exp_year: '2020' });
    expect(past.body.error).toMatchObject({ code: 'invalid_expiry_year' });
  });
});

describe('the emulator controls', () => {
  it('are off in production unless STRIPE_EMULATOR_CONTROLS=1, and never open to the publishable key', async () => {
    const si = await stripe.setupIntents.create({ customer: customerId });
    await browserConfirmSetup(db, si.id, si.client_secret!, { number: '4242424242424242' });
    const pmId = (await stripe.setupIntents.retrieve(si.id)).payment_method as string;
    await expect(expireSavedCard(pmId, db, { NODE_ENV: 'production', STRIPE_EMULATOR: '1' })).rejects.toThrow(/controls are off in production/);
    const byBrowser = await emulatorFetch(db, `/v1/emulator/payment_methods/${pmId}/expire`, { key: emulatorPublishableKey(), form: {} });
    expect(byBrowser.status).toBe(401);
    const card = await expireSavedCard(pmId, db, { NODE_ENV: 'production', STRIPE_EMULATOR: '1', STRIPE_EMULATOR_CONTROLS: '1' });
    expect(card.paymentMethodId).toBe(pmId);
  });
});

describe('state in PostgreSQL', () => {
  it('survives a restart: new modules, a new pool and a new client read what was made before', async () => {
    const before = await stripe.customers.create({ email: 'restart@example.com' });
    const si = await stripe.setupIntents.create({ customer: before.id });
    await browserConfirmSetup(db, si.id, si.client_secret!, { number: '4242424242424242' });
    const pmId = (await stripe.setupIntents.retrieve(si.id)).payment_method as string;
    const params = { amount: 777, currency: 'usd', customer: before.id, payment_method: pmId, off_session: true, confirm: true };
    const pi = await stripe.paymentIntents.create(params, { idempotencyKey: `restart:${before.id}` });

    // "Restart": fresh module state (no caches, no timers), and a new connection pool.
    vi.resetModules();
    const fresh = await import('../stripe-client');
    const restarted = connect(inject('databaseUrl'), { max: 2 });
    try {
      const { stripe: after } = fresh.createPaymentsClient({ database: restarted.db, env: EMULATOR_ENV });
      expect((await after.customers.retrieve(before.id)) as Stripe.Customer).toMatchObject({ email: 'restart@example.com' });
      expect(await after.setupIntents.retrieve(si.id)).toMatchObject({ status: 'succeeded', payment_method: pmId });
      expect((await after.paymentMethods.list({ customer: before.id })).data.map((p) => p.id)).toEqual([pmId]);
      expect(await after.paymentIntents.retrieve(pi.id)).toMatchObject({ status: 'succeeded', amount: 777 });
      // Idempotency keys survive too: the retry after the restart is a replay, not a second charge.
      expect((await after.paymentIntents.create(params, { idempotencyKey: `restart:${before.id}` })).id).toBe(pi.id);
    } finally {
      await restarted.sql.end();
    }
  });
});

describe('modes', () => {
  it('refuses to run the emulator next to a live key', async () => {
    const env = { STRIPE_EMULATOR: '1', STRIPE_SECRET_KEY: 'sk_live_abc', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_live_abc', STRIPE_WEBHOOK_SECRET: 'whsec_x' };
    expect(() => createPaymentsClient({ database: db, env })).toThrow(PaymentsConfigError);
    await expect(handleEmulatorRequest(new Request('http://x/v1/customers'), { database: db, env })).rejects.toMatchObject({ code: 'live_key_with_emulator' });
  });

  it('does not exist in Stripe mode', async () => {
    const env = { STRIPE_SECRET_KEY: 'sk_test_abc', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_x' };
    const response = await handleEmulatorRequest(
      new Request('http://x/v1/customers', { method: 'POST', headers: { authorization: `Bearer ${emulatorSecretKey()}` } }),
      { database: db, env },
    );
    expect(response.status).toBe(404);
  });
});
