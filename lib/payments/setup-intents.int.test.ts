import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { paymentCustomers } from '@/db/schema';
import { testConnection } from '@/test/database';
import { getOrCreateCustomer } from './customers';
import { PaymentsError } from './errors';
import { createSetupIntent, verifySetupIntent } from './setup-intents';
import { browserConfirmSetup, emulatorClient } from './emulator/testing';

const { sql: pool, db } = testConnection();
const client = emulatorClient(db);
afterAll(() => pool.end());

describe('getOrCreateCustomer', () => {
  it('makes one Customer per email, whatever the case, spacing or concurrency', async () => {
    const email = `Shopper.${Date.now()}@Example.com`;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => getOrCreateCustomer(i % 2 ? `  ${email} ` : email.toLowerCase(), db, emulatorClient(db))),
    );
    expect(new Set(results.map((r) => r.customerId)).size).toBe(1);
    const rows = await db.select().from(paymentCustomers).where(eq(paymentCustomers.email, email.toLowerCase()));
    expect(rows).toMatchObject([{ mode: 'emulator', stripeCustomerId: results[0]!.customerId }]);
    const customer = await client.stripe.customers.retrieve(results[0]!.customerId);
    expect(customer).toMatchObject({ email: email.toLowerCase() });
  });

  it('refuses an invalid email', async () => {
    await expect(getOrCreateCustomer('not-an-email', db, client)).rejects.toThrow(/valid email/);
  });
});

describe('createSetupIntent / verifySetupIntent', () => {
  it('creates an off-session SetupIntent once per idempotency key', async () => {
    const { customerId } = await getOrCreateCustomer(`si-${Date.now()}@example.com`, db, client);
    const a = await createSetupIntent({ customerId, idempotencyKey: `checkout:${customerId}:setup` }, db, client);
    const b = await createSetupIntent({ customerId, idempotencyKey: `checkout:${customerId}:setup` }, db, client);
    expect(b).toEqual(a);
    const si = await client.stripe.setupIntents.retrieve(a.setupIntentId);
    expect(si).toMatchObject({ usage: 'off_session', customer: customerId, allowed_payment_method_types: ['card'] });
  });

  it("refuses another shopper's SetupIntent, an unknown one and malformed ids", async () => {
    const owner = await getOrCreateCustomer(`owner-${Date.now()}@example.com`, db, client);
    const other = await getOrCreateCustomer(`other-${Date.now()}@example.com`, db, client);
    const si = await createSetupIntent({ customerId: owner.customerId, idempotencyKey: `owner:${owner.customerId}` }, db, client);
    await browserConfirmSetup(db, si.setupIntentId, si.clientSecret, { number: '4242424242424242' });
    await expect(verifySetupIntent(si.setupIntentId, other.customerId, db, client)).rejects.toMatchObject({ code: 'customer_mismatch' });
    await expect(verifySetupIntent('seti_unknown', owner.customerId, db, client)).rejects.toMatchObject({ code: 'not_found' });
    await expect(verifySetupIntent('pi_123', owner.customerId, db, client)).rejects.toThrow(/SetupIntent id/);
    const err = await verifySetupIntent(si.setupIntentId, other.customerId, db, client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaymentsError);
  });
});
