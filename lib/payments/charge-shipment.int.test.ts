import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentAttempts } from '@/db/schema';
import { testConnection } from '@/test/database';
import { chargeShipment, type ChargeShipmentInput } from './charge-shipment';
import { PaymentsError } from './errors';
import { expireSavedCard, updateSavedCard } from './emulator';
import { EMULATOR_ENV, emulatorChargeCounts, emulatorClient, emulatorEventsFor, faulty, saveTestCard } from './emulator/testing';

const { sql: pool, db } = testConnection();
const client = emulatorClient(db);
const { stripe } = client;
afterAll(() => pool.end());

let n = 0;
const noSleep = { sleep: async () => {} };

/** A saved card of a new customer, as the two ids a charge needs. */
async function savedCard(number = '4242424242424242') {
  const { customerId, paymentMethodId } = await saveTestCard(db, `charge-${Date.now()}-${n++}@example.com`, number, client);
  return { customerId, paymentMethodId };
}

function shipment(card: { customerId: string; paymentMethodId: string }, attempt = 1): ChargeShipmentInput {
  return { shipmentId: `shp_${Date.now()}_${n++}`, attempt, amountCents: 4200, currency: 'USD', ...card };
}

/** How many PaymentIntents and charges the emulator holds for a customer. */
const stripeEffects = (customerId: string) => emulatorChargeCounts(db, customerId);

let card: { customerId: string; paymentMethodId: string };
beforeAll(async () => {
  card = await savedCard();
});

describe('one charge for one idempotency key', () => {
  it('running the same attempt again returns the first result and charges once', async () => {
    const input = shipment(card);
    const first = await chargeShipment(input, db, client);
    const again = await chargeShipment(input, db, client);
    const fresh = await chargeShipment(input, db, emulatorClient(db)); // another worker, same attempt
    expect(first.status).toBe('succeeded');
    expect(again).toEqual(first);
    expect(fresh).toEqual(first);
    const [row] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.shipmentId, input.shipmentId));
    expect(row).toMatchObject({ idempotencyKey: `shipment:${input.shipmentId}:attempt:1`, status: 'succeeded', amountCents: 4200, currency: 'usd' });
  });

  it('Stripe itself replays a key: same PaymentIntent, marked as a replay, one charge', async () => {
    const { customerId, paymentMethodId } = await savedCard();
    const params = { amount: 1500, currency: 'usd', customer: customerId, payment_method: paymentMethodId, off_session: true, confirm: true };
    const a = await stripe.paymentIntents.create(params, { idempotencyKey: `replay:${customerId}` });
    const b = await stripe.paymentIntents.create(params, { idempotencyKey: `replay:${customerId}` });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.idempotencyKey).toBe(`replay:${customerId}`);
    expect(await stripeEffects(customerId)).toEqual({ paymentIntents: 1, charges: 1 });
  });

  it('a declined charge is replayed as the same 402 with the same PaymentIntent', async () => {
    const declining = await savedCard('4000000000000341');
    const params = {
      amount: 1500,
      currency: 'usd',
      customer: declining.customerId,
      payment_method: declining.paymentMethodId,
      off_session: true,
      confirm: true,
    };
    const key = `replay-decline:${declining.customerId}`;
    const e1 = (await stripe.paymentIntents.create(params, { idempotencyKey: key }).catch((e: unknown) => e)) as Stripe.errors.StripeCardError;
    const e2 = (await stripe.paymentIntents.create(params, { idempotencyKey: key }).catch((e: unknown) => e)) as Stripe.errors.StripeCardError;
    expect(e1).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(e2).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(e1.payment_intent!.id).toBe(e2.payment_intent!.id);
    expect(e2.headers?.['idempotent-replayed']).toBe('true');
    expect(await stripeEffects(declining.customerId)).toEqual({ paymentIntents: 1, charges: 1 });
  });

  it('concurrent requests with one key make one PaymentIntent and one charge', async () => {
    const { customerId, paymentMethodId } = await savedCard();
    const input = shipment({ customerId, paymentMethodId });
    const results = await Promise.all(Array.from({ length: 8 }, () => chargeShipment(input, db, emulatorClient(db), noSleep)));
    const ids = new Set(results.map((r) => (r.status === 'succeeded' ? r.paymentIntentId : 'failed')));
    expect([...ids]).toHaveLength(1);
    expect([...ids][0]).toMatch(/^pi_/);
    expect(await stripeEffects(customerId)).toEqual({ paymentIntents: 1, charges: 1 });

    // And straight through the SDK, with no database guard in front.
    const params = { amount: 999, currency: 'usd', customer: customerId, payment_method: paymentMethodId, off_session: true, confirm: true };
    const raw = await Promise.all(Array.from({ length: 8 }, () => stripe.paymentIntents.create(params, { idempotencyKey: `raw-concurrent:${customerId}` })));
    expect(new Set(raw.map((pi) => pi.id)).size).toBe(1);
    expect(await stripeEffects(customerId)).toEqual({ paymentIntents: 2, charges: 2 });
  });

  it('the same key with other parameters is refused, and so is reusing an attempt number for another amount', async () => {
    const { customerId, paymentMethodId } = await savedCard();
    const params = { amount: 1000, currency: 'usd', customer: customerId, payment_method: paymentMethodId, off_session: true, confirm: true };
    await stripe.paymentIntents.create(params, { idempotencyKey: `mismatch:${customerId}` });
    const err = await stripe.paymentIntents.create({ ...params, amount: 2000 }, { idempotencyKey: `mismatch:${customerId}` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });

    const input = shipment({ customerId, paymentMethodId });
    await chargeShipment(input, db, client);
    await expect(chargeShipment({ ...input, amountCents: 9999 }, db, client)).rejects.toMatchObject({ code: 'attempt_mismatch' });
    expect(await stripeEffects(customerId)).toEqual({ paymentIntents: 2, charges: 2 });
  });
});

describe('transient failures are retried with the same key, a bounded number of times', () => {
  it('an answer lost after Stripe charged: the retry gets the same PaymentIntent, one charge', async () => {
    const { customerId, paymentMethodId } = await savedCard();
    const calls = { count: 0 };
    const flaky = emulatorClient(db, { wrapFetch: faulty(['drop-response'], calls) });
    const slept: number[] = [];
    const result = await chargeShipment(shipment({ customerId, paymentMethodId }), db, flaky, { sleep: async (ms) => void slept.push(ms) });
    expect(result.status).toBe('succeeded');
    expect(calls.count).toBe(2);
    expect(slept).toHaveLength(1);
    expect(await stripeEffects(customerId)).toEqual({ paymentIntents: 1, charges: 1 });
  });

  it('network errors, 5xx and 429 are retried until one goes through', async () => {
    const { customerId, paymentMethodId } = await savedCard();
    const calls = { count: 0 };
    const flaky = emulatorClient(db, { wrapFetch: faulty(['drop-request', 500, 429], calls) });
    const result = await chargeShipment(shipment({ customerId, paymentMethodId }), db, flaky, noSleep);
    expect(result.status).toBe('succeeded');
    expect(calls.count).toBe(4);
    expect(await stripeEffects(customerId)).toEqual({ paymentIntents: 1, charges: 1 });
  });

  it('gives up after the bound with "transient", leaves the attempt pending, and the same attempt succeeds later', async () => {
    const { customerId, paymentMethodId } = await savedCard();
    const calls = { count: 0 };
    const down = emulatorClient(db, { wrapFetch: faulty([503, 'drop-response', 503, 500, 503, 503], calls) });
    const input = shipment({ customerId, paymentMethodId });
    const result = await chargeShipment(input, db, down, { ...noSleep, maxTries: 4 });
    expect(result).toEqual({ status: 'failed', paymentIntentId: null, failure: { code: 'transient', message: expect.any(String) } });
    expect(calls.count).toBe(4);
    const [row] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.shipmentId, input.shipmentId));
    expect(row).toMatchObject({ status: 'pending', failureCode: 'transient' });

    // One request did reach Stripe (its answer was lost): the later run replays it.
    expect(await stripeEffects(customerId)).toEqual({ paymentIntents: 1, charges: 1 });
    const later = await chargeShipment(input, db, client);
    expect(later.status).toBe('succeeded');
    expect(await stripeEffects(customerId)).toEqual({ paymentIntents: 1, charges: 1 });
    const [settled] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.shipmentId, input.shipmentId));
    expect(settled).toMatchObject({ status: 'succeeded', failureCode: null });
  });

  it('card errors are not retried', async () => {
    const declining = await savedCard('4000008260003178');
    const calls = { count: 0 };
    const counting = emulatorClient(db, { wrapFetch: faulty([], calls) });
    const result = await chargeShipment(shipment(declining), db, counting, noSleep);
    expect(result).toMatchObject({ status: 'failed', failure: { code: 'card_declined', declineCode: 'insufficient_funds' } });
    expect(calls.count).toBe(1);
  });
});

describe('the expired-card path (what Stripe test mode cannot do)', () => {
  it('a saved card that expires fails with expired_card; after the card updater refreshes it, the next attempt succeeds', async () => {
    const saved = await savedCard();
    const expired = await expireSavedCard(saved.paymentMethodId, db, EMULATOR_ENV);
    const now = new Date();
    expect(expired.expYear * 12 + expired.expMonth).toBe(now.getUTCFullYear() * 12 + now.getUTCMonth()); // last month
    const pm = await stripe.paymentMethods.retrieve(saved.paymentMethodId);
    expect(pm.card).toMatchObject({ exp_month: expired.expMonth, exp_year: expired.expYear });

    const input = shipment(saved);
    const result = await chargeShipment(input, db, client);
    expect(result).toMatchObject({ status: 'failed', failure: { code: 'expired_card' }, paymentIntentId: expect.stringMatching(/^pi_/) });
    const [row] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.shipmentId, input.shipmentId));
    expect(row).toMatchObject({ status: 'failed', failureCode: 'expired_card' });

    const updated = await updateSavedCard(saved.paymentMethodId, {}, db, EMULATOR_ENV);
    expect(updated.expYear).toBe(now.getUTCFullYear() + 4);
    const [event] = await emulatorEventsFor(db, saved.paymentMethodId, 'payment_method.automatically_updated');
    expect(event!.body).toMatchObject({ data: { previous_attributes: { card: { exp_month: expired.expMonth, exp_year: expired.expYear } } } });

    expect((await chargeShipment({ ...input, attempt: 2 }, db, client)).status).toBe('succeeded');
  });
});

describe('input', () => {
  it('refuses bad amounts and ids before anything is recorded or sent', async () => {
    const input = shipment(card);
    await expect(chargeShipment({ ...input, amountCents: 10.5 }, db, client)).rejects.toThrow();
    await expect(chargeShipment({ ...input, amountCents: 10 }, db, client)).rejects.toThrow(/at least 50 cents/);
    await expect(chargeShipment({ ...input, amountCents: 49 }, db, client)).rejects.toThrow(/at least 50 cents/);
    await expect(chargeShipment({ ...input, amountCents: -50 }, db, client)).rejects.toThrow();
    await expect(chargeShipment({ ...input, paymentMethodId: 'card_123' }, db, client)).rejects.toThrow();
    expect(await db.select().from(paymentAttempts).where(eq(paymentAttempts.shipmentId, input.shipmentId))).toEqual([]);
  });

  it('a shipment of 0 ships without a charge: Stripe is not called and no attempt is recorded', async () => {
    const calls = { count: 0 };
    const counting = emulatorClient(db, { wrapFetch: faulty([], calls) });
    const input = { ...shipment(card), amountCents: 0 };
    expect(await chargeShipment(input, db, counting)).toEqual({ status: 'not_charged', reason: 'zero_amount', paymentIntentId: null });
    expect(calls.count).toBe(0);
    expect(await db.select().from(paymentAttempts).where(eq(paymentAttempts.shipmentId, input.shipmentId))).toEqual([]);
  });

  it('an unknown payment method is a PaymentsError, not a charge outcome', async () => {
    const err = await chargeShipment({ ...shipment(card), paymentMethodId: 'pm_doesnotexist' }, db, client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaymentsError);
    expect(err).toMatchObject({ code: 'not_found' });
  });
});
