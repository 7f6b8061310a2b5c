import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { emulatorPublishableKey, emulatorSecretKey } from './testing/fixtures';

// The route handlers use the app's database handle and read process.env on every request.
process.env.DATABASE_URL = inject('databaseUrl');
const KEYS = ['STRIPE_SECRET_KEY', 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_EMULATOR'] as const;
for (const name of KEYS) delete process.env[name];
const route = await import('@/app/v1/[...path]/route');

afterEach(() => {
  for (const name of KEYS) delete process.env[name];
});
afterAll(async () => {
  await (globalThis as { __inboundDb?: { sql: { end(): Promise<void> } } }).__inboundDb?.sql.end();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (path: string, fields: Record<string, string>, key: string | null = emulatorSecretKey()) =>
  route.POST(
    new Request(`http://localhost:3000${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: form(fields),
    }),
  );
const get = (path: string, key = emulatorSecretKey()) =>
  route.GET(new Request(`http://localhost:3000${path}`, { headers: { authorization: `Bearer ${key}` } }));

describe('app/v1/[...path] (the emulator over HTTP)', () => {
  it('serves the Stripe API subset in emulator mode, to the server and to the browser', async () => {
    const created = await post('/v1/customers', { email: 'route@example.com', 'metadata[via]': 'http' });
    expect(created.status).toBe(200);
    const customer = await created.json();
    expect(customer).toMatchObject({ object: 'customer', metadata: { via: 'http' } });
    expect(created.headers.get('request-id')).toMatch(/^req_/);
    expect((await get(`/v1/customers/${customer.id}`)).status).toBe(200);

    const si = await (await post('/v1/setup_intents', { customer: customer.id })).json();
    // Stripe.js style: no Authorization header, the publishable key in the body.
    const confirmed = await post(
      `/v1/setup_intents/${si.id}/confirm`,
      {
        key: emulatorPublishableKey(),
        client_secret: si.client_secret,
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': '4242424242424242',
        'payment_method_data[card][exp_month]': '12',
        'payment_method_data[card][exp_year]': '40',
        'payment_method_data[card][cvc]': '123',
      },
      null,
    );
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ id: si.id, status: 'succeeded' });
  });

  it('refuses a body over 64 KB as its bytes arrive, even a chunked one without Content-Length', async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(`email=${'a'.repeat(16 * 1024)}`);
    // A body that never ends: reading it whole would never answer.
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await route.POST(
      new Request('http://localhost:3000/v1/customers', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${emulatorSecretKey()}` },
        body: endless,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe('The request body is too large.');
    expect(sent).toBeLessThan(128 * 1024);
  }, 10_000);

  it('does not exist in Stripe mode', async () => {
    Object.assign(process.env, { STRIPE_SECRET_KEY: 'sk_test_x', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' });
    expect((await post('/v1/customers', {})).status).toBe(404);
    expect((await get('/v1/customers/cus_123')).status).toBe(404);
    expect((await route.DELETE(new Request('http://localhost:3000/v1/customers/cus_123', { method: 'DELETE' }))).status).toBe(404);
  });

  it('does not run next to a live key, even when forced', async () => {
    Object.assign(process.env, {
      STRIPE_EMULATOR: '1',
      STRIPE_SECRET_KEY: 'sk_live_x',
      NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_live_x',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      expect((await post('/v1/customers', {})).status).toBe(404);
    } finally {
      console.error = original;
    }
    expect(String(errors[0])).toMatch(/Refusing to run the Stripe emulator/);
  });
});
