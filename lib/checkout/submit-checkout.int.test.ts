import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { orderLines, orders, variants } from '@/db/schema';
import { PaymentsError } from '@/lib/payments';
import { browserConfirmSetup } from '@/lib/payments/emulator/testing';
import { backorderTo, CONTACT, cartWith, createTestVariant, inDays, quoteFor, SHIPPING_CENTS, TODAY, verifiedPayment } from '@/lib/orders/testing/fixtures';
import { testConnection } from '@/test/database';
import { storeCardSetup } from './card-setup-store';
import { prepareCardStep } from './prepare-card';
import { submitCheckout, type CardVerifier } from './submit-checkout';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());
const deps = { database: db, today: TODAY, shippingCents: SHIPPING_CENTS };
const context = { ip: '198.51.100.7' };

async function orderCount(variantId: string): Promise<number> {
  return (await db.select().from(orderLines).where(eq(orderLines.variantId, variantId))).length;
}

/** What "Continue to payment" leaves on the cart, for tests that stand in a fake card verifier. */
async function withCardStep<T extends { id: string }>(cart: T, setupIntentId: string, email = CONTACT.email): Promise<T> {
  await storeCardSetup(db, cart.id, { customerId: 'cus_test', setupIntentId, email });
  return cart;
}

function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

describe('submitCheckout with the Stripe emulator', () => {
  it('saves a card with a SetupIntent, verifies it on the server and places the order with it', async () => {
    const v = await createTestVariant(db, { onHand: 5, priceCents: 2500 });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 2 }]);
    const email = uniqueEmail('buyer');

    const step = await prepareCardStep(cart, email, db);
    expect(step.status).toBe('needs_card');
    if (step.status !== 'needs_card') throw new Error('expected a card step');
    const setupIntentId = step.clientSecret.split('_secret_')[0]!;
    const confirmed = await browserConfirmSetup(db, setupIntentId, step.clientSecret, { number: '4242424242424242' });
    expect(confirmed.status).toBe(200);

    // A reload of the checkout finds the card already saved instead of asking again.
    expect(await prepareCardStep(cart, email, db)).toMatchObject({ status: 'saved', setupIntentId, card: { brand: 'visa', last4: '4242' } });

    const { fingerprint } = await quoteFor(db, cart.id);
    const outcome = await submitCheckout(cart, { contact: { ...CONTACT, email }, consent: false, setupIntentId, quoteFingerprint: fingerprint }, context, deps);
    expect(outcome.status).toBe('placed');
    if (outcome.status !== 'placed') throw new Error('not placed');
    const [order] = await db.select().from(orders).where(eq(orders.id, outcome.order.id));
    expect(order).toMatchObject({
      email,
      stripeSetupIntentId: setupIntentId,
      cardBrand: 'visa',
      cardLast4: '4242',
      totalCents: 5000 + SHIPPING_CENTS,
      consentText: null,
    });
    expect(order!.stripeCustomerId).toMatch(/^cus_/);
    expect(order!.stripePaymentMethodId).toMatch(/^pm_/);
  });

  it('a card declined at setup creates no order', async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]);
    const email = uniqueEmail('declined');
    const step = await prepareCardStep(cart, email, db);
    if (step.status !== 'needs_card') throw new Error('expected a card step');
    const setupIntentId = step.clientSecret.split('_secret_')[0]!;
    const declined = await browserConfirmSetup(db, setupIntentId, step.clientSecret, { number: '4000000000009995' });
    expect(declined.status).toBe(402);

    const { fingerprint } = await quoteFor(db, cart.id);
    const outcome = await submitCheckout(cart, { contact: { ...CONTACT, email }, consent: false, setupIntentId, quoteFingerprint: fingerprint }, context, deps);
    expect(outcome).toMatchObject({ status: 'invalid', fieldErrors: { card: expect.stringMatching(/not been saved/) } });
    expect(await orderCount(v.variantId)).toBe(0);
  });

  it("refuses a SetupIntent saved for another shopper's email", async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]);
    const step = await prepareCardStep(cart, uniqueEmail('owner'), db);
    if (step.status !== 'needs_card') throw new Error('expected a card step');
    const setupIntentId = step.clientSecret.split('_secret_')[0]!;
    await browserConfirmSetup(db, setupIntentId, step.clientSecret, { number: '4242424242424242' });
    const { fingerprint } = await quoteFor(db, cart.id);
    const outcome = await submitCheckout(
      cart,
      { contact: { ...CONTACT, email: uniqueEmail('thief') }, consent: false, setupIntentId, quoteFingerprint: fingerprint },
      context,
      deps,
    );
    expect(outcome).toMatchObject({ status: 'invalid', fieldErrors: { card: expect.stringMatching(/another email/) } });
    expect(await orderCount(v.variantId)).toBe(0);
  });
});

describe('submitCheckout', () => {
  it('validates every field on the server before verifying the card, and creates nothing', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(9)) });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]);
    const { fingerprint } = await quoteFor(db, cart.id);
    const verifyCard = vi.fn<CardVerifier>();
    const outcome = await submitCheckout(
      cart,
      {
        contact: { email: 'nope', fullName: ' ', addressLine: '', city: '', postalCode: '!!', country: 'XX' },
        consent: false,
        setupIntentId: '',
        quoteFingerprint: fingerprint,
      },
      context,
      { ...deps, verifyCard },
    );
    expect(outcome).toEqual({
      status: 'invalid',
      message: 'Check the highlighted fields.',
      fieldErrors: {
        email: 'Enter a valid email address, like name@example.com.',
        fullName: 'Enter your full name.',
        addressLine: 'Enter your street address.',
        city: 'Enter your city.',
        postalCode: 'Enter a valid postal code.',
        country: 'Choose a country we ship to.',
        consent: expect.stringMatching(/^Tick the box/),
        card: 'Save your card first.',
      },
    });
    expect(verifyCard).not.toHaveBeenCalled();
    expect(await orderCount(v.variantId)).toBe(0);
  });

  it('stores the consent text, time and address with the order when units ship later', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(9)) });
    const cart = await withCardStep(await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]), 'seti_x1');
    const { fingerprint } = await quoteFor(db, cart.id);
    const now = new Date('2026-03-04T05:06:07Z');
    const outcome = await submitCheckout(
      cart,
      { contact: CONTACT, consent: true, setupIntentId: 'seti_x1', quoteFingerprint: fingerprint },
      { ip: '198.51.100.7', now },
      {
        ...deps,
        verifyCard: async ({ setupIntentId }) => verifiedPayment({ setupIntentId }),
      },
    );
    if (outcome.status !== 'placed') throw new Error(`not placed: ${JSON.stringify(outcome)}`);
    const [order] = await db.select().from(orders).where(eq(orders.id, outcome.order.id));
    expect(order).toMatchObject({ consentAt: now, consentIp: '198.51.100.7' });
    expect(order!.consentText).toMatch(
      /^I agree that my order ships later \(Ships by .+\) and that my saved card is charged for each shipment when it ships\.$/,
    );
  });

  it('creates nothing when the card cannot be verified', async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const cart = await withCardStep(await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]), 'seti_x2');
    const { fingerprint } = await quoteFor(db, cart.id);
    const outcome = await submitCheckout(cart, { contact: CONTACT, consent: false, setupIntentId: 'seti_x2', quoteFingerprint: fingerprint }, context, {
      ...deps,
      verifyCard: async () => {
        throw new PaymentsError('provider_unavailable', 'down');
      },
    });
    expect(outcome).toMatchObject({ status: 'invalid', fieldErrors: { card: expect.stringMatching(/could not reach the payment provider/) } });
    expect(await orderCount(v.variantId)).toBe(0);
  });

  it('answers a replay with the order already placed, without verifying the card again', async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const cart = await withCardStep(await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]), 'seti_x3');
    const { fingerprint } = await quoteFor(db, cart.id);
    const submission = { contact: CONTACT, consent: false, setupIntentId: 'seti_x3', quoteFingerprint: fingerprint };
    const verifyCard = vi.fn<CardVerifier>(async ({ setupIntentId }) => verifiedPayment({ setupIntentId }));
    const [a, b] = await Promise.all([
      submitCheckout(cart, submission, context, { ...deps, verifyCard }),
      submitCheckout(cart, submission, context, { ...deps, verifyCard }),
    ]);
    const c = await submitCheckout(cart, submission, context, { ...deps, verifyCard });
    expect(a.status).toBe('placed');
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(verifyCard.mock.calls.length).toBeLessThanOrEqual(2);
    expect(await orderCount(v.variantId)).toBe(1);
  });

  it('says what changed and creates nothing when the plan moved after the page was loaded', async () => {
    const v = await createTestVariant(db, { onHand: 1, title: 'Last Lantern' });
    const cart = await withCardStep(await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]), 'seti_x5');
    const { fingerprint } = await quoteFor(db, cart.id);
    const other = await withCardStep(await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]), 'seti_x4');
    const verifyCard: CardVerifier = async ({ setupIntentId }) => verifiedPayment({ setupIntentId });
    const otherQuote = await quoteFor(db, other.id);
    expect(
      (
        await submitCheckout(other, { contact: CONTACT, consent: false, setupIntentId: 'seti_x4', quoteFingerprint: otherQuote.fingerprint }, context, {
          ...deps,
          verifyCard,
        })
      ).status,
    ).toBe('placed');

    const outcome = await submitCheckout(cart, { contact: CONTACT, consent: false, setupIntentId: 'seti_x5', quoteFingerprint: fingerprint }, context, {
      ...deps,
      verifyCard,
    });
    expect(outcome).toEqual({
      status: 'sold_out',
      message: 'Part of your order sold out. Nothing was ordered or charged.',
      changes: ['Last Lantern is sold out. Remove it from your cart to continue.'],
    });
    expect(await orderCount(v.variantId)).toBe(1);
  });
});

describe('submitCheckout when the plan moved so that consent is now needed', () => {
  it('reports the change first, not the missing consent', async () => {
    const v = await createTestVariant(db, { onHand: 2, ...backorderTo(inDays(9)), title: 'Moving Kettle' });
    const cart = await withCardStep(await cartWith(db, [{ variantId: v.variantId, quantity: 2 }]), 'seti_x6');
    const { fingerprint } = await quoteFor(db, cart.id);
    await db.update(variants).set({ onHand: 1 }).where(eq(variants.id, v.variantId));
    const outcome = await submitCheckout(cart, { contact: CONTACT, consent: false, setupIntentId: 'seti_x6', quoteFingerprint: fingerprint }, context, {
      ...deps,
      verifyCard: async ({ setupIntentId }) => verifiedPayment({ setupIntentId }),
    });
    expect(outcome).toMatchObject({ status: 'changed', changes: [expect.stringMatching(/^Moving Kettle: was “2 ship now”, now “1 ships now, 1 ships by /)] });
    const again = await quoteFor(db, cart.id);
    expect(
      await submitCheckout(cart, { contact: CONTACT, consent: false, setupIntentId: 'seti_x6', quoteFingerprint: again.fingerprint }, context, {
        ...deps,
        verifyCard: async ({ setupIntentId }) => verifiedPayment({ setupIntentId }),
      }),
    ).toMatchObject({ status: 'invalid', fieldErrors: { consent: expect.stringMatching(/^Tick the box/) } });
    expect(await orderCount(v.variantId)).toBe(0);
  });
});
