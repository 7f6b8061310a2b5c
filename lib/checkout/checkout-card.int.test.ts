import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { orders, paymentCustomers } from '@/db/schema';
import { createSetupIntent, listSavedCards } from '@/lib/payments';
import { browserConfirmSetup, cancelEmulatorSetupIntent, saveTestCard } from '@/lib/payments/emulator/testing';
import { CONTACT, cartWith, createTestVariant, quoteFor, SHIPPING_CENTS, TODAY } from '@/lib/orders/testing/fixtures';
import { testConnection } from '@/test/database';
import { readCardSetup, storeCardSetup } from './card-setup-store';
import { prepareCardStep } from './prepare-card';
import { submitCheckout } from './submit-checkout';

// A checkout pays only with the SetupIntent it created itself, for a Customer of its own: never
// with one the browser names, nor with a Customer or card found through the email typed in.

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());
const deps = { database: db, today: TODAY, shippingCents: SHIPPING_CENTS };
const context = { ip: '198.51.100.7' };
const NOT_THIS_CHECKOUT = /not saved in this checkout/;

const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;
const setupIntentOf = (clientSecret: string) => clientSecret.split('_secret_')[0]!;

async function newCart() {
  const v = await createTestVariant(db, { onHand: 5, priceCents: 2500 });
  return cartWith(db, [{ variantId: v.variantId, quantity: 1 }], { cardStep: false });
}

async function ordersOf(cartId: string) {
  return db.select().from(orders).where(eq(orders.cartId, cartId));
}

async function needsCard(cart: { id: string; checkoutKey: string }, email: string): Promise<string> {
  const step = await prepareCardStep(cart, email, db);
  if (step.status !== 'needs_card') throw new Error(`expected a card form, got ${JSON.stringify(step)}`);
  return step.clientSecret;
}

/** "Continue to payment" then "Save card" with 4242: the SetupIntent id the browser would post. */
async function saveCard(cart: { id: string; checkoutKey: string }, email: string): Promise<string> {
  const clientSecret = await needsCard(cart, email);
  const setupIntentId = setupIntentOf(clientSecret);
  expect((await browserConfirmSetup(db, setupIntentId, clientSecret, { number: '4242424242424242' })).body.status).toBe('succeeded');
  return setupIntentId;
}

async function place(cart: { id: string; checkoutKey: string }, email: string, setupIntentId: string) {
  const { fingerprint } = await quoteFor(db, cart.id);
  return submitCheckout(cart, { contact: { ...CONTACT, email }, consent: false, setupIntentId, quoteFingerprint: fingerprint }, context, deps);
}

describe('a checkout and its card', () => {
  it("a shopper typing another's email gets a Customer of their own, never the other's Customer or card, and cannot pay with the other's SetupIntent", async () => {
    const email = uniqueEmail('victim');
    const cartA = await newCart();
    const setupA = await saveCard(cartA, email);
    const placedA = await place(cartA, email, setupA);
    expect(placedA.status).toBe('placed');
    const [orderA] = await ordersOf(cartA.id);
    const staffCard = await saveTestCard(db, email); // staff's test card for the same email

    // Shopper B types A's email on a checkout of their own.
    const cartB = await newCart();
    const step = await prepareCardStep(cartB, email, db);
    expect(step.status).toBe('needs_card');
    const storedB = await readCardSetup(db, cartB.id);
    expect(storedB).toMatchObject({ email, customerId: expect.stringMatching(/^cus_/) });
    expect([orderA!.stripeCustomerId, staffCard.customerId]).not.toContain(storedB!.customerId);
    expect(storedB!.setupIntentId).not.toBe(setupA);
    expect(await listSavedCards(storedB!.customerId, db)).toEqual([]);

    // Posting A's SetupIntent id (with A's email) is refused, and nothing is created.
    expect(await place(cartB, email, setupA)).toMatchObject({ status: 'invalid', fieldErrors: { card: expect.stringMatching(NOT_THIS_CHECKOUT) } });
    expect(await ordersOf(cartB.id)).toEqual([]);
    // So it is from a checkout that never ran the card step.
    const cartC = await newCart();
    expect(await place(cartC, email, setupA)).toMatchObject({ status: 'invalid', fieldErrors: { card: expect.stringMatching(NOT_THIS_CHECKOUT) } });
    expect(await ordersOf(cartC.id)).toEqual([]);
    expect(await readCardSetup(db, cartC.id)).toBeNull();

    // B's own card goes to B's own Customer.
    const setupB = await saveCard(cartB, email);
    expect(await place(cartB, email, setupB)).toMatchObject({ status: 'placed' });
    const [orderB] = await ordersOf(cartB.id);
    expect(orderB).toMatchObject({ stripeCustomerId: storedB!.customerId, stripeSetupIntentId: setupB });
    expect(orderB!.stripePaymentMethodId).not.toBe(orderA!.stripePaymentMethodId);
  });

  it('refuses a SetupIntent other than the one stored for this checkout, even a succeeded one of its own Customer, and creates nothing', async () => {
    const email = uniqueEmail('posted');
    const cart = await newCart();
    const stored = await saveCard(cart, email);
    const { customerId } = (await readCardSetup(db, cart.id))!;
    // Another succeeded SetupIntent of the same Customer, never stored for this checkout.
    const other = await createSetupIntent({ customerId, idempotencyKey: `test:${randomUUID()}` }, db);
    await browserConfirmSetup(db, other.setupIntentId, other.clientSecret, { number: '4242424242424242' });

    for (const posted of [other.setupIntentId, 'seti_madeup123']) {
      expect(await place(cart, email, posted)).toMatchObject({ status: 'invalid', fieldErrors: { card: expect.stringMatching(NOT_THIS_CHECKOUT) } });
    }
    expect(await ordersOf(cart.id)).toEqual([]);
    expect((await readCardSetup(db, cart.id))!.setupIntentId).toBe(stored);
    expect(await place(cart, email, stored)).toMatchObject({ status: 'placed' });
  });

  it('a repeated "Continue to payment" reuses its SetupIntent; a new email replaces it', async () => {
    const email = uniqueEmail('replay');
    const cart = await newCart();
    const first = await needsCard(cart, email);
    expect(await needsCard(cart, ` ${email.toUpperCase()} `)).toBe(first);
    expect(await readCardSetup(db, cart.id)).toMatchObject({ email, setupIntentId: setupIntentOf(first) });

    await browserConfirmSetup(db, setupIntentOf(first), first, { number: '4242424242424242' });
    expect(await prepareCardStep(cart, email, db)).toMatchObject({ status: 'saved', setupIntentId: setupIntentOf(first), card: { last4: '4242' } });

    // A new email: a new Customer and SetupIntent replace the stored ones, and the old card no longer pays.
    const otherEmail = uniqueEmail('changed');
    const second = await needsCard(cart, otherEmail);
    const replaced = await readCardSetup(db, cart.id);
    expect(replaced).toMatchObject({ email: otherEmail, setupIntentId: setupIntentOf(second) });
    expect(setupIntentOf(second)).not.toBe(setupIntentOf(first));
    expect(await place(cart, otherEmail, setupIntentOf(first))).toMatchObject({
      status: 'invalid',
      fieldErrors: { card: expect.stringMatching(NOT_THIS_CHECKOUT) },
    });
    expect(await place(cart, email, setupIntentOf(first))).toMatchObject({ status: 'invalid', fieldErrors: { card: expect.stringMatching(/another email/) } });
    expect(await ordersOf(cart.id)).toEqual([]);
  });

  it('a canceled SetupIntent, or one of another Customer, is replaced by a new one; an unconfirmed one is reused', async () => {
    const email = uniqueEmail('canceled');
    const cart = await newCart();
    const first = await needsCard(cart, email);
    const { customerId } = (await readCardSetup(db, cart.id))!;
    expect(await needsCard(cart, email)).toBe(first); // requires_payment_method: the same card form

    await cancelEmulatorSetupIntent(db, setupIntentOf(first));
    const second = await needsCard(cart, email);
    expect(setupIntentOf(second)).not.toBe(setupIntentOf(first));
    expect(await readCardSetup(db, cart.id)).toEqual({ email, customerId, setupIntentId: setupIntentOf(second) });
    expect(await needsCard(cart, email)).toBe(second); // and every retry keeps the new one
    // Canceled again: a third, not a replay of the second's key.
    await cancelEmulatorSetupIntent(db, setupIntentOf(second));
    const third = await needsCard(cart, email);
    expect([first, second]).not.toContain(third);

    // A stored SetupIntent of another checkout's Customer is never used.
    const other = await newCart();
    const otherSecret = await needsCard(other, email);
    await storeCardSetup(db, cart.id, { email, customerId, setupIntentId: setupIntentOf(otherSecret) });
    const fourth = await needsCard(cart, email);
    expect(fourth).not.toBe(otherSecret);
    expect(await readCardSetup(db, cart.id)).toMatchObject({ email, customerId, setupIntentId: setupIntentOf(fourth) });

    const setupId = setupIntentOf(fourth);
    await browserConfirmSetup(db, setupId, fourth, { number: '4242424242424242' });
    expect(await place(cart, email, setupId)).toMatchObject({ status: 'placed' });
  });

  it('concurrent "Continue to payment" calls for one cart store one SetupIntent and one Customer', async () => {
    const email = uniqueEmail('concurrent');
    const cart = await newCart();
    const secrets = await Promise.all(Array.from({ length: 4 }, () => needsCard(cart, email)));
    expect(new Set(secrets).size).toBe(1);
    const stored = await readCardSetup(db, cart.id);
    expect(stored!.setupIntentId).toBe(setupIntentOf(secrets[0]!));
    const customers = await db
      .select()
      .from(paymentCustomers)
      .where(and(eq(paymentCustomers.email, email), eq(paymentCustomers.kind, 'checkout')));
    expect(customers.map((c) => c.stripeCustomerId)).toEqual([stored!.customerId]);
  });
});
