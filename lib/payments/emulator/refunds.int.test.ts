import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { testConnection } from '@/test/database';
import { emulatorClient, emulatorEventsFor, emulatorFetch, emulatorPublishableKey } from './testing';

/** The Refunds API of card charges, driven by the real stripe SDK, checked against Stripe's behaviour. */
const { sql: pool, db } = testConnection();
const { stripe } = emulatorClient(db);
afterAll(() => pool.end());

let n = 0;
/** A succeeded PaymentIntent of a Customer (as the shipping charge makes one), and its charge. */
async function paid(amount = 5000) {
  const customer = await stripe.customers.create({ email: `refund-${Date.now()}-${n++}@example.com` });
  const pi = await stripe.paymentIntents.create({ amount, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', confirm: true });
  expect(pi.status).toBe('succeeded');
  return { pi, chargeId: pi.latest_charge as string };
}

const charge = (id: string) => stripe.charges.retrieve(id);
const refundsOf = (paymentIntent: string) => stripe.refunds.list({ payment_intent: paymentIntent, limit: 100 }).autoPagingToArray({ limit: 1000 });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('should have been refused'),
    (err: unknown) => err as Stripe.errors.StripeError,
  );

describe('refunds', () => {
  it('refunds what is left by default: a Stripe-shaped refund, the charge fully refunded, the PaymentIntent still succeeded', async () => {
    const { pi, chargeId } = await paid(4200);
    const refund = await stripe.refunds.create({ payment_intent: pi.id, reason: 'requested_by_customer', metadata: { orderId: '42', empty: '' } });
    expect(refund).toMatchObject({
      object: 'refund',
      amount: 4200,
      currency: 'usd',
      charge: chargeId,
      payment_intent: pi.id,
      status: 'succeeded',
      reason: 'requested_by_customer',
      metadata: { orderId: '42' },
      destination_details: { type: 'card' },
    });
    expect(refund.id).toMatch(/^re_[A-Za-z0-9]{24}$/);
    expect(await stripe.refunds.retrieve(refund.id)).toEqual(expect.objectContaining({ id: refund.id, amount: 4200, status: 'succeeded' }));

    expect(await charge(chargeId)).toMatchObject({ amount: 4200, amount_refunded: 4200, refunded: true, status: 'succeeded' });
    const after = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
    expect(after.status).toBe('succeeded');
    expect(after.latest_charge).toMatchObject({ id: chargeId, amount_refunded: 4200, refunded: true });
    const expanded = await stripe.refunds.retrieve(refund.id, { expand: ['charge'] });
    expect(expanded.charge).toMatchObject({ id: chargeId, object: 'charge' });

    const again = await failure(stripe.refunds.create({ payment_intent: pi.id }));
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again).toMatchObject({ statusCode: 400, code: 'charge_already_refunded', message: `Charge ${chargeId} has already been refunded.` });
  });

  it('partial refunds add up to the charge, by PaymentIntent or by charge, and are listed newest first', async () => {
    const { pi, chargeId } = await paid(4200);
    const first = await stripe.refunds.create({ payment_intent: pi.id, amount: 1000 });
    expect(await charge(chargeId)).toMatchObject({ amount_refunded: 1000, refunded: false });
    const second = await stripe.refunds.create({ charge: chargeId, amount: 3200 });
    expect(second).toMatchObject({ amount: 3200, payment_intent: pi.id, charge: chargeId });
    expect(await charge(chargeId)).toMatchObject({ amount_refunded: 4200, refunded: true });

    expect((await refundsOf(pi.id)).map((r) => r.id)).toEqual([second.id, first.id]);
    const page = await stripe.refunds.list({ charge: chargeId, limit: 1 });
    expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/refunds' });
    expect(page.data.map((r) => r.id)).toEqual([second.id]);
    const next = await stripe.refunds.list({ charge: chargeId, limit: 1, starting_after: second.id });
    expect(next.data.map((r) => r.id)).toEqual([first.id]);
    expect(next.has_more).toBe(false);
  });

  it('refuses more than is left, with Stripe’s messages, and changes nothing', async () => {
    const { pi, chargeId } = await paid(5000);
    const overCharge = await failure(stripe.refunds.create({ payment_intent: pi.id, amount: 6000 }));
    expect(overCharge).toMatchObject({ statusCode: 400, param: 'amount', message: 'Refund amount ($60.00) is greater than charge amount ($50.00)' });

    await stripe.refunds.create({ payment_intent: pi.id, amount: 2000 });
    const overLeft = await failure(stripe.refunds.create({ payment_intent: pi.id, amount: 4000 }));
    expect(overLeft).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(overLeft).toMatchObject({
      statusCode: 400,
      rawType: 'invalid_request_error',
      param: 'amount',
      message: 'Refund amount ($40.00) is greater than unrefunded amount on charge ($30.00)',
    });
    expect(await charge(chargeId)).toMatchObject({ amount_refunded: 2000, refunded: false });
    expect(await refundsOf(pi.id)).toHaveLength(1);

    for (const amount of [0, -100]) {
      expect(await failure(stripe.refunds.create({ payment_intent: pi.id, amount }))).toMatchObject({ statusCode: 400, param: 'amount' });
    }
    expect((await stripe.refunds.create({ payment_intent: pi.id, amount: 3000 })).amount).toBe(3000); // exactly what is left
  });

  it('refuses a PaymentIntent that did not succeed, and its failed charge', async () => {
    const customer = await stripe.customers.create({ email: `refund-declined-${n++}@example.com` });
    const declined = await failure(
      stripe.paymentIntents.create({ amount: 3000, currency: 'usd', customer: customer.id, payment_method: 'pm_card_chargeDeclined', confirm: true }),
    );
    const pi = (declined as Stripe.errors.StripeCardError).payment_intent!;
    expect(pi.status).toBe('requires_payment_method');
    const message = `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`;
    expect(await failure(stripe.refunds.create({ payment_intent: pi.id }))).toMatchObject({ statusCode: 400, rawType: 'invalid_request_error', message });
    expect(await failure(stripe.refunds.create({ charge: pi.latest_charge as string }))).toMatchObject({ statusCode: 400, message });

    const unconfirmed = await stripe.paymentIntents.create({ amount: 3000, currency: 'usd' });
    expect(await failure(stripe.refunds.create({ payment_intent: unconfirmed.id }))).toMatchObject({ statusCode: 400 });
    expect(await refundsOf(pi.id)).toEqual([]);
  });

  it('answers unknown ids, missing and unknown parameters, and the publishable key like Stripe', async () => {
    const missing = await failure(stripe.refunds.create({ payment_intent: 'pi_doesnotexist' }));
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing', message: "No such payment_intent: 'pi_doesnotexist'" });
    expect(await failure(stripe.refunds.retrieve('re_doesnotexist'))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect(await failure(stripe.charges.retrieve('ch_doesnotexist'))).toMatchObject({ statusCode: 404, message: "No such charge: 'ch_doesnotexist'" });
    expect(await failure(stripe.refunds.create({}))).toMatchObject({ statusCode: 400 });

    const { pi } = await paid();
    const unknown = await emulatorFetch(db, '/v1/refunds', { form: { payment_intent: pi.id, amuont: '100' } });
    expect(unknown).toMatchObject({ status: 400, body: { error: { type: 'invalid_request_error', param: 'amuont' } } });
    const reason = await emulatorFetch(db, '/v1/refunds', { form: { payment_intent: pi.id, reason: 'changed_mind' } });
    expect(reason).toMatchObject({ status: 400, body: { error: { param: 'reason' } } });
    const browser = await emulatorFetch(db, '/v1/refunds', { key: emulatorPublishableKey(), form: { payment_intent: pi.id } });
    expect(browser.status).toBe(401);
    expect(await refundsOf(pi.id)).toEqual([]);
  });
});

describe('idempotency', () => {
  it('a replay with the same key returns the same refund and refunds once; other parameters are refused', async () => {
    const { pi, chargeId } = await paid(5000);
    const key = `refund-replay:${pi.id}`;
    const a = await stripe.refunds.create({ payment_intent: pi.id, amount: 1500 }, { idempotencyKey: key });
    const b = await stripe.refunds.create({ payment_intent: pi.id, amount: 1500 }, { idempotencyKey: key });
    expect(b.id).toBe(a.id);
    const raw = await emulatorFetch(db, '/v1/refunds', { form: { payment_intent: pi.id, amount: '1500' }, headers: { 'idempotency-key': key } });
    expect(raw.headers.get('idempotent-replayed')).toBe('true');
    expect(raw.body.id).toBe(a.id);
    expect(await refundsOf(pi.id)).toHaveLength(1);
    expect(await charge(chargeId)).toMatchObject({ amount_refunded: 1500 });

    const other = await failure(stripe.refunds.create({ payment_intent: pi.id, amount: 2500 }, { idempotencyKey: key }));
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(await charge(chargeId)).toMatchObject({ amount_refunded: 1500 });
  });

  it('a refused request keeps no result for its key: the retry is checked afresh and refused again', async () => {
    const { pi } = await paid(5000);
    const key = `refund-refused:${pi.id}`;
    const e1 = await failure(stripe.refunds.create({ payment_intent: pi.id, amount: 9000 }, { idempotencyKey: key }));
    const e2 = await failure(stripe.refunds.create({ payment_intent: pi.id, amount: 9000 }, { idempotencyKey: key }));
    expect(e1.message).toBe(e2.message);
    expect(await refundsOf(pi.id)).toEqual([]);
  });

  it('concurrent requests with one key make one refund; with different keys they never refund more than the charge', async () => {
    const { pi, chargeId } = await paid(5000);
    const key = `refund-concurrent:${pi.id}`;
    const same = await Promise.all(Array.from({ length: 8 }, () => stripe.refunds.create({ payment_intent: pi.id, amount: 1000 }, { idempotencyKey: key })));
    expect(new Set(same.map((r) => r.id)).size).toBe(1);
    expect(await refundsOf(pi.id)).toHaveLength(1);
    expect(await charge(chargeId)).toMatchObject({ amount_refunded: 1000 });

    // Five staff members refund "the rest" at once, each with a key of their own: one wins.
    const racing = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => stripe.refunds.create({ payment_intent: pi.id }, { idempotencyKey: `${key}:rest:${i}` })),
    );
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of racing.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });
    }
    expect(await charge(chargeId)).toMatchObject({ amount_refunded: 5000, refunded: true });
    expect((await refundsOf(pi.id)).reduce((sum, r) => sum + r.amount, 0)).toBe(5000);
  });
});

describe('events', () => {
  it('records refund.created and charge.refunded (the charge with amount_refunded) once per refund, each with a webhook delivery', async () => {
    const { pi, chargeId } = await paid(4000);
    const key = `refund-events:${pi.id}`;
    const partial = await stripe.refunds.create({ payment_intent: pi.id, amount: 1000 }, { idempotencyKey: key });
    await stripe.refunds.create({ payment_intent: pi.id, amount: 1000 }, { idempotencyKey: key }); // a replay: no new events
    const rest = await stripe.refunds.create({ payment_intent: pi.id });

    const created = await emulatorEventsFor(db, partial.id, 'refund.created');
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({
      object: 'event',
      type: 'refund.created',
      livemode: false,
      data: { object: { id: partial.id, object: 'refund', amount: 1000, status: 'succeeded', payment_intent: pi.id } },
      request: { idempotency_key: key },
    });
    expect(await emulatorEventsFor(db, rest.id, 'refund.created')).toHaveLength(1);

    const refunded = await emulatorEventsFor(db, chargeId, 'charge.refunded');
    expect(refunded.map((e) => e.body)).toMatchObject([
      { data: { object: { id: chargeId, object: 'charge', amount_refunded: 1000, refunded: false }, previous_attributes: { amount_refunded: 0 } } },
      {
        data: {
          object: { id: chargeId, amount_refunded: 4000, refunded: true },
          previous_attributes: { amount_refunded: 1000, refunded: false },
        },
      },
    ]);
    const deliveries =
      await pool`select count(*)::int as n from stripe_emulator_webhook_deliveries where event_id in ${pool([...created, ...refunded].map((e) => e.id))}`;
    expect(deliveries[0]!.n).toBe(3);
  });
});
