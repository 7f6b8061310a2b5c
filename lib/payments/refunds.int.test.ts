import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { testConnection } from '@/test/database';
import { chargeShipment } from './charge-shipment';
import { PaymentsError } from './errors';
import { refundPayment } from './refunds';
import { emulatorClient, faulty, saveTestCard } from './emulator/testing';

const { sql: pool, db } = testConnection();
const client = emulatorClient(db);
const { stripe } = client;
afterAll(() => pool.end());

let n = 0;
const noSleep = { sleep: async () => {} };

let card: { customerId: string; paymentMethodId: string };
beforeAll(async () => {
  card = await saveTestCard(db, `refund-${Date.now()}@example.com`, '4242424242424242', client);
});

/** A shipment charged the way shipping charges it: the PaymentIntent a refund starts from. */
async function chargedShipment(amountCents = 4200, paymentMethod = card) {
  const result = await chargeShipment(
    { shipmentId: `refund-shp-${Date.now()}-${n++}`, attempt: 1, amountCents, currency: 'usd', ...paymentMethod },
    db,
    client,
  );
  if (!result.paymentIntentId) throw new Error(`No PaymentIntent: ${JSON.stringify(result)}`);
  return result.paymentIntentId;
}

/** What Stripe holds: the PaymentIntent's refunds and its charge's amount_refunded. */
async function stripeSide(paymentIntentId: string) {
  const pi = await stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge'] });
  const refunds = await stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 });
  return { refunds: refunds.data.length, amountRefunded: (pi.latest_charge as { amount_refunded: number }).amount_refunded };
}

describe('refundPayment', () => {
  it('refunds a charged shipment, with metadata on the refund', async () => {
    const paymentIntentId = await chargedShipment(4200);
    const result = await refundPayment(
      { paymentIntentId, amountCents: 4200, idempotencyKey: `refund:${paymentIntentId}:1`, metadata: { line: 'l1' } },
      db,
      client,
    );
    expect(result).toEqual({ status: 'succeeded', refundId: expect.stringMatching(/^re_/), amountCents: 4200 });
    if (result.status !== 'succeeded') return;
    expect(await stripe.refunds.retrieve(result.refundId)).toMatchObject({ payment_intent: paymentIntentId, metadata: { line: 'l1' } });
    expect(await stripeSide(paymentIntentId)).toEqual({ refunds: 1, amountRefunded: 4200 });
  });

  it('partial refunds add up; more than is left, or anything after a full refund, is refused with Stripe’s message', async () => {
    const paymentIntentId = await chargedShipment(4200);
    const key = (i: number) => `refund:${paymentIntentId}:${i}`;
    expect(await refundPayment({ paymentIntentId, amountCents: 1000, idempotencyKey: key(1) }, db, client)).toMatchObject({
      status: 'succeeded',
      amountCents: 1000,
    });
    const over = await refundPayment({ paymentIntentId, amountCents: 4000, idempotencyKey: key(2) }, db, client);
    expect(over).toEqual({ status: 'failed', code: 'refused', message: 'Refund amount ($40.00) is greater than unrefunded amount on charge ($32.00)' });
    expect(await refundPayment({ paymentIntentId, amountCents: 3200, idempotencyKey: key(3) }, db, client)).toMatchObject({
      status: 'succeeded',
      amountCents: 3200,
    });
    expect(await stripeSide(paymentIntentId)).toEqual({ refunds: 2, amountRefunded: 4200 });
    const after = await refundPayment({ paymentIntentId, amountCents: 1, idempotencyKey: key(4) }, db, client);
    expect(after).toMatchObject({ status: 'failed', code: 'refused', message: expect.stringMatching(/has already been refunded/) });
  });

  it('running the same key again returns the first refund and refunds once', async () => {
    const paymentIntentId = await chargedShipment(3000);
    const input = { paymentIntentId, amountCents: 1200, idempotencyKey: `refund:${paymentIntentId}:once` };
    const first = await refundPayment(input, db, client);
    const again = await refundPayment(input, db, emulatorClient(db)); // another worker
    const concurrent = await Promise.all(Array.from({ length: 6 }, () => refundPayment(input, db, emulatorClient(db), noSleep)));
    expect(first.status).toBe('succeeded');
    expect(again).toEqual(first);
    for (const r of concurrent) expect(r).toEqual(first);
    expect(await stripeSide(paymentIntentId)).toEqual({ refunds: 1, amountRefunded: 1200 });
  });

  it('a PaymentIntent that did not succeed is refused, not thrown', async () => {
    const declining = await saveTestCard(db, `refund-declined-${Date.now()}@example.com`, '4000000000000341', client);
    const paymentIntentId = await chargedShipment(2000, declining);
    const result = await refundPayment({ paymentIntentId, amountCents: 2000, idempotencyKey: `refund:${paymentIntentId}:1` }, db, client);
    expect(result).toEqual({
      status: 'failed',
      code: 'refused',
      message: `This PaymentIntent (${paymentIntentId}) does not have a successful charge to refund.`,
    });
  });
});

describe('transient failures are retried with the same key', () => {
  it('an answer lost after Stripe refunded: the retry gets the same refund, one refund', async () => {
    const paymentIntentId = await chargedShipment(2500);
    const calls = { count: 0 };
    const slept: number[] = [];
    const flaky = emulatorClient(db, { wrapFetch: faulty(['drop-response'], calls) });
    const result = await refundPayment({ paymentIntentId, amountCents: 2500, idempotencyKey: `refund:${paymentIntentId}:lost` }, db, flaky, {
      sleep: async (ms) => void slept.push(ms),
    });
    expect(result).toMatchObject({ status: 'succeeded', amountCents: 2500 });
    expect(calls.count).toBe(2);
    expect(slept).toHaveLength(1);
    expect(await stripeSide(paymentIntentId)).toEqual({ refunds: 1, amountRefunded: 2500 });
  });

  it('network errors, 5xx and 429 are retried until one goes through', async () => {
    const paymentIntentId = await chargedShipment(2500);
    const calls = { count: 0 };
    const flaky = emulatorClient(db, { wrapFetch: faulty(['drop-request', 500, 429], calls) });
    const result = await refundPayment({ paymentIntentId, amountCents: 1000, idempotencyKey: `refund:${paymentIntentId}:flaky` }, db, flaky, noSleep);
    expect(result).toMatchObject({ status: 'succeeded', amountCents: 1000 });
    expect(calls.count).toBe(4);
    expect(await stripeSide(paymentIntentId)).toEqual({ refunds: 1, amountRefunded: 1000 });
  });

  it('gives up after the bound with "transient"; the same key later returns the refund that was made, and refunds once', async () => {
    const paymentIntentId = await chargedShipment(2500);
    const calls = { count: 0 };
    const down = emulatorClient(db, { wrapFetch: faulty([503, 'drop-response', 503, 500, 503], calls) });
    const input = { paymentIntentId, amountCents: 2500, idempotencyKey: `refund:${paymentIntentId}:down` };
    const result = await refundPayment(input, db, down, { ...noSleep, maxTries: 4 });
    expect(result).toEqual({ status: 'failed', code: 'transient', message: expect.any(String) });
    expect(calls.count).toBe(4);
    // One request did reach Stripe (its answer was lost).
    expect(await stripeSide(paymentIntentId)).toEqual({ refunds: 1, amountRefunded: 2500 });

    const later = await refundPayment(input, db, client);
    expect(later).toMatchObject({ status: 'succeeded', amountCents: 2500 });
    if (later.status !== 'succeeded') return;
    const [refund] = (await stripe.refunds.list({ payment_intent: paymentIntentId })).data;
    expect(later.refundId).toBe(refund!.id);
    expect(await stripeSide(paymentIntentId)).toEqual({ refunds: 1, amountRefunded: 2500 });
  });
});

describe('input and misuse', () => {
  it('refuses bad input before anything is sent', async () => {
    const calls = { count: 0 };
    const counting = emulatorClient(db, { wrapFetch: faulty([], calls) });
    const base = { paymentIntentId: 'pi_123', amountCents: 100, idempotencyKey: 'refund:x' };
    for (const bad of [{ amountCents: 0 }, { amountCents: -5 }, { amountCents: 10.5 }, { paymentIntentId: 'ch_123' }, { idempotencyKey: ' ' }]) {
      await expect(refundPayment({ ...base, ...bad }, db, counting)).rejects.toBeInstanceOf(ZodError);
    }
    expect(calls.count).toBe(0);
  });

  it('an unknown PaymentIntent and a key reused for another amount are PaymentsErrors, never Stripe errors', async () => {
    const unknown = await refundPayment({ paymentIntentId: 'pi_doesnotexist', amountCents: 100, idempotencyKey: `refund:unknown:${n++}` }, db, client).catch(
      (e: unknown) => e,
    );
    expect(unknown).toBeInstanceOf(PaymentsError);
    expect(unknown).toMatchObject({ code: 'not_found' });

    const paymentIntentId = await chargedShipment(3000);
    const key = `refund:${paymentIntentId}:reused`;
    await refundPayment({ paymentIntentId, amountCents: 1000, idempotencyKey: key }, db, client);
    const reused = await refundPayment({ paymentIntentId, amountCents: 2000, idempotencyKey: key }, db, client).catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(PaymentsError);
    expect(reused).toMatchObject({ code: 'provider_rejected' });
    expect(await stripeSide(paymentIntentId)).toEqual({ refunds: 1, amountRefunded: 1000 });
  });
});
