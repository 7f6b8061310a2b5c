import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { testConnection } from '@/test/database';
import type { Env } from '../config';
import { handleEmulatorRequest } from './handler';
import { EMULATOR_ENV, emulatorClient, emulatorFetch, emulatorPublishableKey, emulatorSecretKey } from './testing/fixtures';

/**
 * Idempotency keys as Stripe keeps them: per API key, and only for the same request. Two
 * emulators with their own secret keys (STRIPE_EMULATOR_SECRET_KEY, as two installations would
 * have) share one database here.
 */
const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const installation = (letter: string): Env => ({
  ...EMULATOR_ENV,
  STRIPE_EMULATOR_SECRET_KEY: `sk_test_${letter.repeat(32)}`,
  STRIPE_WEBHOOK_SECRET: `whsec_${letter}`,
});

function sdk(env: Env) {
  return new Stripe(env.STRIPE_EMULATOR_SECRET_KEY!, {
    maxNetworkRetries: 0,
    httpClient: Stripe.createFetchHttpClient(((input: string, init?: RequestInit) =>
      handleEmulatorRequest(new Request(input, init), { database: db, env })) as typeof fetch),
  });
}

describe('emulator idempotency', () => {
  it('is scoped to the API key: another key with the same Idempotency-Key makes its own request', async () => {
    const key = `shared-${Date.now()}`;
    const a = await sdk(installation('a')).customers.create({ email: 'a@example.com' }, { idempotencyKey: key });
    const replay = await sdk(installation('a')).customers.create({ email: 'a@example.com' }, { idempotencyKey: key });
    expect(replay.id).toBe(a.id);

    const b = await sdk(installation('b')).customers.create({ email: 'a@example.com' }, { idempotencyKey: key });
    expect(b.id).not.toBe(a.id);
  });

  it("never hands the secret key's stored answer to the publishable key", async () => {
    const { stripe } = emulatorClient(db);
    const customer = await stripe.customers.create({ email: 'scope@example.com' });
    const si = await stripe.setupIntents.create({ customer: customer.id });
    const key = `confirm-${si.id}`;
    const form = { client_secret: si.client_secret!, payment_method: 'pm_card_visa' };
    const bySecret = await emulatorFetch(db, `/v1/setup_intents/${si.id}/confirm`, { key: emulatorSecretKey(), form, headers: { 'idempotency-key': key } });
    expect(bySecret.status).toBe(200);
    expect(bySecret.body.customer).toBe(customer.id); // the secret key's full view

    const byBrowser = await emulatorFetch(db, `/v1/setup_intents/${si.id}/confirm`, {
      key: emulatorPublishableKey(),
      form,
      headers: { 'idempotency-key': key },
    });
    expect(byBrowser.headers.get('idempotent-replayed')).toBeNull();
    expect(byBrowser.status).toBe(400);
    expect(byBrowser.body.error.code).toBe('setup_intent_unexpected_state');
    expect(byBrowser.body).not.toHaveProperty('customer');
  });

  it('refuses a replay with other parameters with idempotency_error, and changes nothing', async () => {
    const env = installation('c');
    const key = `params-${Date.now()}`;
    const first = await sdk(env).customers.create({ email: 'first@example.com' }, { idempotencyKey: key });
    const other = await sdk(env)
      .customers.create({ email: 'second@example.com' }, { idempotencyKey: key })
      .catch((err: unknown) => err);
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(other).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
    expect(await sdk(env).customers.retrieve(first.id)).toMatchObject({ email: 'first@example.com' });
  });

  it('stores a fingerprint of the API key, never the key', async () => {
    const env = installation('d');
    await sdk(env).customers.create({ email: 'stored@example.com' }, { idempotencyKey: `stored-${Date.now()}` });
    const rows = await pool`select api_key_hash, key from stripe_emulator_idempotency_keys where key like 'stored-%'`;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.api_key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(env.STRIPE_EMULATOR_SECRET_KEY);
    }
  });
});
