import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { paymentAttempts, savedCards } from '@/db/schema';
import { testConnection } from '@/test/database';
import { chargeShipment } from '../charge-shipment';
import { getOrCreateCustomer } from '../customers';
import { PaymentsError } from '../errors';
import { createSetupIntent, verifySetupIntent } from '../setup-intents';
import { browserConfirmSetup, browserFinishAuthentication, emulatorClient, emulatorFetch, emulatorPublishableKey } from './testing/fixtures';
import { TEST_CARDS } from './test-cards';

const { sql: pool, db } = testConnection();
const client = emulatorClient(db);
const { stripe } = client;
afterAll(() => pool.end());

type SetupExpectation = 'succeeds' | '3ds' | { code: string; decline_code?: string };
type ChargeExpectation = 'succeeds' | { code: 'authentication_required' | 'expired_card' } | { code: 'card_declined'; declineCode: string };

/** The reference table (shared/reference/stripe-charge-later.md), card by card. */
const TABLE: { number: string; token: string; setup: SetupExpectation; charge?: ChargeExpectation }[] = [
  { number: '4242424242424242', token: 'pm_card_visa', setup: 'succeeds', charge: 'succeeds' },
  { number: '4000002500003155', token: 'pm_card_authenticationRequiredSetupForOffSession', setup: '3ds', charge: 'succeeds' },
  { number: '4000002760003184', token: 'pm_card_authenticationRequired', setup: '3ds', charge: { code: 'authentication_required' } },
  { number: '4000000000000341', token: 'pm_card_chargeCustomerFail', setup: 'succeeds', charge: { code: 'card_declined', declineCode: 'generic_decline' } },
  {
    number: '4000008260003178',
    token: 'pm_card_authenticationRequiredChargeDeclinedInsufficientFunds',
    setup: 'succeeds',
    charge: { code: 'card_declined', declineCode: 'insufficient_funds' },
  },
  { number: '4000000000009995', token: 'pm_card_visa_chargeDeclinedInsufficientFunds', setup: { code: 'card_declined', decline_code: 'insufficient_funds' } },
  { number: '4000000000000002', token: 'pm_card_chargeDeclined', setup: { code: 'card_declined', decline_code: 'generic_decline' } },
  { number: '4000000000000069', token: 'pm_card_chargeDeclinedExpiredCard', setup: { code: 'expired_card' } },
  { number: '4000000000000127', token: 'pm_card_chargeDeclinedIncorrectCvc', setup: { code: 'incorrect_cvc' } },
];

let counter = 0;
async function newShopper(label: string) {
  const { customerId } = await getOrCreateCustomer(`${label}-${Date.now()}-${counter++}@example.com`, db, client);
  const si = await createSetupIntent({ customerId, idempotencyKey: `test:${label}:${counter}` }, db, client);
  return { customerId, ...si };
}

async function expectCharge(customerId: string, paymentMethodId: string, expected: ChargeExpectation, shipmentId: string) {
  const result = await chargeShipment({ shipmentId, attempt: 1, amountCents: 2599, currency: 'usd', customerId, paymentMethodId }, db, client);
  if (expected === 'succeeds') {
    expect(result).toEqual({ status: 'succeeded', paymentIntentId: expect.stringMatching(/^pi_/) });
  } else {
    expect(result.status).toBe('failed');
    expect(result).toMatchObject({ failure: expected, paymentIntentId: expect.stringMatching(/^pi_/) });
  }
  // What Stripe says about the PaymentIntent, through the SDK.
  const pi = await stripe.paymentIntents.retrieve((result as { paymentIntentId: string }).paymentIntentId);
  expect(pi).toMatchObject({ object: 'payment_intent', amount: 2599, currency: 'usd', customer: customerId, payment_method: paymentMethodId, livemode: false });
  expect(pi.metadata).toEqual({ shipmentId, attempt: '1' });
  if (expected === 'succeeds') {
    expect(pi.status).toBe('succeeded');
    expect(pi.amount_received).toBe(2599);
  } else {
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.last_payment_error).toMatchObject({ type: 'card_error', code: expected.code });
  }
  const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.shipmentId, shipmentId));
  expect(attempt).toMatchObject({ status: expected === 'succeeds' ? 'succeeded' : 'failed', stripePaymentIntentId: pi.id });
}

describe('the test cards the emulator knows', () => {
  it('covers exactly the cards of the reference table', () => {
    expect(TEST_CARDS.map((c) => [c.number, c.token])).toEqual(TABLE.map((c) => [c.number, c.token]));
  });
});

describe.each(TABLE)('card $number', ({ number, token, setup, charge }) => {
  it('behaves as documented when the browser confirms the SetupIntent, and at a later off-session charge', async () => {
    const shopper = await newShopper(`browser-${number}`);
    const confirmed = await browserConfirmSetup(db, shopper.setupIntentId, shopper.clientSecret, { number });

    if (typeof setup === 'object') {
      expect(confirmed.status).toBe(402);
      expect(confirmed.body.error).toMatchObject({
        type: 'card_error',
        ...setup,
        setup_intent: { id: shopper.setupIntentId, status: 'requires_payment_method' },
      });
      const si = await stripe.setupIntents.retrieve(shopper.setupIntentId);
      expect(si.status).toBe('requires_payment_method');
      expect(si.last_setup_error).toMatchObject({ type: 'card_error', ...setup });
      await expect(verifySetupIntent(shopper.setupIntentId, shopper.customerId, db, client)).rejects.toMatchObject({ code: 'setup_not_succeeded' });
      // Never saved: nothing attached to the customer, nothing recorded.
      expect((await stripe.paymentMethods.list({ customer: shopper.customerId, type: 'card' })).data).toEqual([]);
      expect(await db.select().from(savedCards).where(eq(savedCards.stripeCustomerId, shopper.customerId))).toEqual([]);
      return;
    }

    expect(confirmed.status).toBe(200);
    if (setup === '3ds') {
      expect(confirmed.body).toMatchObject({ status: 'requires_action', next_action: { type: 'redirect_to_url' } });
      expect(confirmed.body.next_action.redirect_to_url.url).toMatch(
        new RegExp(`^http://localhost:3000/emulator/authenticate/${shopper.setupIntentId}\\?client_secret=`),
      );
      // Until the shopper authenticates, the server must not trust the card.
      await expect(verifySetupIntent(shopper.setupIntentId, shopper.customerId, db, client)).rejects.toMatchObject({ code: 'setup_not_succeeded' });
      const finished = await browserFinishAuthentication(db, shopper.setupIntentId, shopper.clientSecret, 'complete');
      expect(finished.body).toMatchObject({ status: 'succeeded' });
    } else {
      expect(confirmed.body).toMatchObject({ id: shopper.setupIntentId, status: 'succeeded' });
    }
    // With the publishable key the browser sees only part of the SetupIntent, as with Stripe.
    expect(confirmed.body.customer).toBeUndefined();

    const card = await verifySetupIntent(shopper.setupIntentId, shopper.customerId, db, client);
    expect(card).toEqual({
      paymentMethodId: expect.stringMatching(/^pm_/),
      brand: 'visa',
      last4: number.slice(-4),
      expMonth: 12,
      expYear: new Date().getUTCFullYear() + 3,
    });
    const listed = await stripe.paymentMethods.list({ customer: shopper.customerId, type: 'card' });
    expect(listed.data.map((pm) => pm.id)).toEqual([card.paymentMethodId]);

    await expectCharge(shopper.customerId, card.paymentMethodId, charge!, `ship-browser-${number}-${counter}`);
  });

  it('behaves the same when the server confirms through the SDK with the test PaymentMethod', async () => {
    const shopper = await newShopper(`sdk-${number}`);
    if (typeof setup === 'object') {
      const err = await stripe.setupIntents.confirm(shopper.setupIntentId, { payment_method: token }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(err).toMatchObject({ statusCode: 402, type: 'StripeCardError', ...setup });
      expect((err as Stripe.errors.StripeCardError).raw).toMatchObject({ setup_intent: { id: shopper.setupIntentId, status: 'requires_payment_method' } });
      return;
    }
    let si = await stripe.setupIntents.confirm(shopper.setupIntentId, { payment_method: token, return_url: 'http://localhost:3000/checkout/return' });
    if (setup === '3ds') {
      expect(si.status).toBe('requires_action');
      expect(si.next_action?.redirect_to_url?.return_url).toBe('http://localhost:3000/checkout/return');
      await browserFinishAuthentication(db, si.id, shopper.clientSecret, 'complete');
      si = await stripe.setupIntents.retrieve(si.id);
    }
    expect(si.status).toBe('succeeded');
    const card = await verifySetupIntent(shopper.setupIntentId, shopper.customerId, db, client);
    await expectCharge(shopper.customerId, card.paymentMethodId, charge!, `ship-sdk-${number}-${counter}`);
  });
});

describe('3D Secure at setup', () => {
  it('a failed authentication leaves the SetupIntent unsaved, and the shopper can try another card', async () => {
    const shopper = await newShopper('3ds-fail');
    await browserConfirmSetup(db, shopper.setupIntentId, shopper.clientSecret, { number: '4000002500003155' });
    const failed = await browserFinishAuthentication(db, shopper.setupIntentId, shopper.clientSecret, 'fail');
    expect(failed.body).toMatchObject({ status: 'requires_payment_method', last_setup_error: { code: 'setup_intent_authentication_failure' } });
    await expect(verifySetupIntent(shopper.setupIntentId, shopper.customerId, db, client)).rejects.toBeInstanceOf(PaymentsError);
    expect((await stripe.paymentMethods.list({ customer: shopper.customerId })).data).toEqual([]);

    const retried = await browserConfirmSetup(db, shopper.setupIntentId, shopper.clientSecret, { number: '4242424242424242' });
    expect(retried.body.status).toBe('succeeded');
    expect((await verifySetupIntent(shopper.setupIntentId, shopper.customerId, db, client)).last4).toBe('4242');
  });

  it('authentication needs the right client_secret', async () => {
    const shopper = await newShopper('3ds-secret');
    await browserConfirmSetup(db, shopper.setupIntentId, shopper.clientSecret, { number: '4000002760003184' });
    const wrong = await browserFinishAuthentication(db, shopper.setupIntentId, `${shopper.setupIntentId}_secret_wrong`, 'complete');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.param).toBe('client_secret');
    expect((await stripe.setupIntents.retrieve(shopper.setupIntentId)).status).toBe('requires_action');
  });
});

describe('authentication_required: bringing the shopper back', () => {
  it('the shopper authenticates the same PaymentIntent on-session and it succeeds', async () => {
    const shopper = await newShopper('back-on-session');
    await browserConfirmSetup(db, shopper.setupIntentId, shopper.clientSecret, { number: '4000002760003184' });
    await browserFinishAuthentication(db, shopper.setupIntentId, shopper.clientSecret, 'complete');
    const card = await verifySetupIntent(shopper.setupIntentId, shopper.customerId, db, client);
    const result = await chargeShipment(
      { shipmentId: `back-${counter}`, attempt: 1, amountCents: 1000, currency: 'usd', customerId: shopper.customerId, paymentMethodId: card.paymentMethodId },
      db,
      client,
    );
    expect(result).toMatchObject({ status: 'failed', failure: { code: 'authentication_required' } });
    const piId = (result as { paymentIntentId: string }).paymentIntentId;
    const clientSecret = (await stripe.paymentIntents.retrieve(piId)).client_secret!;

    // The email link's page: confirm with the publishable key, then the 3DS step.
    const confirmed = await emulatorFetch(db, `/v1/payment_intents/${piId}/confirm`, {
      key: emulatorPublishableKey(),
      form: { client_secret: clientSecret, payment_method: card.paymentMethodId },
    });
    expect(confirmed.body).toMatchObject({ status: 'requires_action', next_action: { type: 'redirect_to_url' } });
    const finished = await browserFinishAuthentication(db, piId, clientSecret, 'complete');
    expect(finished.body.status).toBe('succeeded');
    expect((await stripe.paymentIntents.retrieve(piId)).status).toBe('succeeded');
  });
});
