import { afterAll, describe, expect, it } from 'vitest';
import { testConnection } from '@/test/database';
import { getOrCreateCustomer } from '../customers';
import { expireSavedCard } from './control-functions';
import { emulatorOverview } from './overview';
import { createSetupIntent } from '../setup-intents';
import { browserConfirmSetup, EMULATOR_ENV, emulatorClient } from './testing/fixtures';
import { saveTestCard } from './testing/saved-card';

const { sql: pool, db } = testConnection();
const client = emulatorClient(db);
afterAll(() => pool.end());

describe('emulatorOverview', () => {
  it('shows saved cards, SetupIntents and their failures with their customer, and never a client secret', async () => {
    const email = `overview-${Date.now()}@example.com`;
    const saved = await saveTestCard(db, email, '4242424242424242', client);
    const { customerId } = await getOrCreateCustomer(email, db, client);
    const declined = await createSetupIntent({ customerId, idempotencyKey: `overview:${customerId}:declined` }, db, client);
    expect((await browserConfirmSetup(db, declined.setupIntentId, declined.clientSecret, { number: '4000000000009995' })).status).toBe(402);

    const overview = (await emulatorOverview({ database: db, env: EMULATOR_ENV }))!;
    expect(overview.controlsEnabled).toBe(true);
    expect(overview.savedCards.find((c) => c.paymentMethodId === saved.paymentMethodId)).toMatchObject({
      customerEmail: email,
      brand: 'visa',
      last4: '4242',
      expired: false,
    });
    expect(overview.setupIntents.find((s) => s.id === declined.setupIntentId)).toMatchObject({
      customerEmail: email,
      status: 'requires_payment_method',
      card: null,
      lastError: 'insufficient_funds',
    });
    expect(overview.setupIntents.find((s) => s.customerEmail === email && s.status === 'succeeded')).toMatchObject({ card: 'visa 4242', lastError: null });
    expect(JSON.stringify(overview)).not.toMatch(/_secret_/);
  });

  it('marks a card made to expire', async () => {
    const saved = await saveTestCard(db, `overview-expire-${Date.now()}@example.com`, '4242424242424242', client);
    await expireSavedCard(saved.paymentMethodId, db, EMULATOR_ENV);
    const overview = (await emulatorOverview({ database: db, env: EMULATOR_ENV }))!;
    expect(overview.savedCards.find((c) => c.paymentMethodId === saved.paymentMethodId)).toMatchObject({ expired: true });
  });

  it('reports the controls off in production without STRIPE_EMULATOR_CONTROLS, and is null in Stripe mode', async () => {
    expect((await emulatorOverview({ database: db, env: { NODE_ENV: 'production', STRIPE_EMULATOR: '1' } }))!.controlsEnabled).toBe(false);
    expect(
      (await emulatorOverview({ database: db, env: { NODE_ENV: 'production', STRIPE_EMULATOR: '1', STRIPE_EMULATOR_CONTROLS: '1' } }))!.controlsEnabled,
    ).toBe(true);
    const stripeEnv = { STRIPE_SECRET_KEY: 'sk_test_x', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' };
    expect(await emulatorOverview({ database: db, env: stripeEnv })).toBeNull();
  });
});
