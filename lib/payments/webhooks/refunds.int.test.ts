import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeWebhookEvents } from '@/db/schema';
import { testConnection } from '@/test/database';
import { chargeShipment } from '../charge-shipment';
import { refundPayment, type RefundsState } from '../refunds';
import { deliverPendingWebhooks, type SendWebhook } from '../emulator';
import { discardPendingWebhooks, EMULATOR_ENV, emulatorClient, emulatorEventsFor, saveTestCard, signedWebhookRequest as signed } from '../emulator/testing';
import type { PaymentHooks } from './apply-event';
import { handleStripeWebhook } from './handle-webhook';

/**
 * charge.refunded (and a refund changing later) reaches lib/shipping through onRefundsChanged,
 * with the PaymentIntent's refunds as Stripe has them when the event is processed, never the
 * event's snapshot. handleStripeWebhook is called with the hooks directly, as the route does.
 */
const { sql: pool, db } = testConnection();
const client = emulatorClient(db);
const { stripe } = client;

beforeAll(async () => {
  // Other test files of this run left deliveries behind; this file starts from a clean queue.
  await discardPendingWebhooks(db);
});
afterAll(() => pool.end());

let n = 0;
let card: { customerId: string; paymentMethodId: string };
beforeAll(async () => {
  card = await saveTestCard(db, `refund-webhook-${Date.now()}@example.com`, '4242424242424242', client);
});

async function chargedShipment(amountCents: number) {
  const result = await chargeShipment({ shipmentId: `refund-webhook-${Date.now()}-${n++}`, attempt: 1, amountCents, currency: 'usd', ...card }, db, client);
  if (result.status !== 'succeeded') throw new Error(`The charge failed: ${JSON.stringify(result)}`);
  return result.paymentIntentId;
}

async function refund(paymentIntentId: string, amountCents: number, metadata?: Record<string, string>) {
  const result = await refundPayment({ paymentIntentId, amountCents, idempotencyKey: `refund:${paymentIntentId}:${n++}`, metadata }, db, client);
  if (result.status !== 'succeeded') throw new Error(`The refund failed: ${JSON.stringify(result)}`);
  return result.refundId;
}

/** Hooks that remember what they were told, and can be made to fail. */
function recordingHooks(options: { fail?: boolean } = {}) {
  const calls: RefundsState[] = [];
  const hooks: PaymentHooks = {
    async onRefundsChanged(tx, state) {
      await tx.execute('select 1'); // it runs inside the event's transaction
      if (options.fail) throw new Error('The shipping side failed.');
      calls.push(state);
    },
  };
  return { calls, hooks };
}

const chargeRefundedEvents = async (chargeId: string) => (await emulatorEventsFor(db, chargeId, 'charge.refunded')).map((e) => e.body);
const recorded = (ids: string[]) => db.select().from(stripeWebhookEvents).where(inArray(stripeWebhookEvents.id, ids));

describe('charge.refunded', () => {
  it('calls onRefundsChanged with the state re-fetched from Stripe, not the event’s snapshot; a duplicate changes nothing', async () => {
    const paymentIntentId = await chargedShipment(4200);
    const first = await refund(paymentIntentId, 1000, { line: 'l1' });
    const second = await refund(paymentIntentId, 500, { line: 'l2' });
    const chargeId = (await stripe.paymentIntents.retrieve(paymentIntentId)).latest_charge as string;
    const [older, newer] = await chargeRefundedEvents(chargeId);
    expect(older).toMatchObject({ data: { object: { amount_refunded: 1000 } } }); // the snapshot is stale by now

    const { calls, hooks } = recordingHooks();
    const expected: RefundsState = {
      paymentIntentId,
      refunds: [
        { refundId: second, amountCents: 500, status: 'succeeded', metadata: { line: 'l2' } },
        { refundId: first, amountCents: 1000, status: 'succeeded', metadata: { line: 'l1' } },
      ],
      amountRefundedCents: 1500,
    };
    const response = await handleStripeWebhook(signed(JSON.stringify(older)), db, client, hooks);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, duplicate: false });
    expect(calls).toEqual([expected]);

    // The same event again: acknowledged, the hook is not called.
    expect(await (await handleStripeWebhook(signed(JSON.stringify(older)), db, client, hooks)).json()).toMatchObject({ duplicate: true });
    expect(calls).toHaveLength(1);
    // The newer event, arriving after the older one was processed, hands over the same state.
    expect((await handleStripeWebhook(signed(JSON.stringify(newer)), db, client, hooks)).status).toBe(200);
    expect(calls).toEqual([expected, expected]);
    expect(await recorded([String(older!.id), String(newer!.id)])).toHaveLength(2);
  });

  it('out of order: the newer event first, then the older one, both give the latest state', async () => {
    const paymentIntentId = await chargedShipment(3000);
    await refund(paymentIntentId, 1000);
    await refund(paymentIntentId, 2000);
    const chargeId = (await stripe.paymentIntents.retrieve(paymentIntentId)).latest_charge as string;
    const [older, newer] = await chargeRefundedEvents(chargeId);
    const { calls, hooks } = recordingHooks();
    await handleStripeWebhook(signed(JSON.stringify(newer)), db, client, hooks);
    await handleStripeWebhook(signed(JSON.stringify(older)), db, client, hooks);
    expect(calls.map((c) => [c.amountRefundedCents, c.refunds.length])).toEqual([
      [3000, 2],
      [3000, 2],
    ]);
  });

  it("the emulator's own deliveries reach the hook, even sent twice each and newest first", async () => {
    await discardPendingWebhooks(db);
    const paymentIntentId = await chargedShipment(2000);
    await refund(paymentIntentId, 700);
    await refund(paymentIntentId, 1300);
    const { calls, hooks } = recordingHooks();
    const send: SendWebhook = (url, init) => handleStripeWebhook(new Request(url, init), db, client, hooks);
    for (const chaos of ['duplicate', 'reverse'] as const) await deliverPendingWebhooks({ database: db, env: EMULATOR_ENV, send, chaos });
    const mine = calls.filter((c) => c.paymentIntentId === paymentIntentId);
    expect(mine).toHaveLength(2); // one per charge.refunded event; duplicates and refund.created call nothing
    for (const state of mine) expect(state).toMatchObject({ amountRefundedCents: 2000, refunds: [{ amountCents: 1300 }, { amountCents: 700 }] });
  });

  it('a hook that fails rolls the event back, so Stripe’s retry processes it', async () => {
    const paymentIntentId = await chargedShipment(1500);
    await refund(paymentIntentId, 1500);
    const chargeId = (await stripe.paymentIntents.retrieve(paymentIntentId)).latest_charge as string;
    const [event] = await chargeRefundedEvents(chargeId);
    await expect(handleStripeWebhook(signed(JSON.stringify(event)), db, client, recordingHooks({ fail: true }).hooks)).rejects.toThrow(/shipping side/);
    expect(await recorded([String(event!.id)])).toEqual([]);
    const { calls, hooks } = recordingHooks();
    expect((await handleStripeWebhook(signed(JSON.stringify(event)), db, client, hooks)).status).toBe(200);
    expect(calls).toMatchObject([{ paymentIntentId, amountRefundedCents: 1500 }]);
  });

  it('a charge that cannot be re-fetched gets 503 and is not recorded; without the hook the event is only acknowledged', async () => {
    const paymentIntentId = await chargedShipment(1500);
    await refund(paymentIntentId, 500);
    const chargeId = (await stripe.paymentIntents.retrieve(paymentIntentId)).latest_charge as string;
    const [event] = await chargeRefundedEvents(chargeId);
    const unreachable = emulatorClient(db, {
      wrapFetch: () => async () => new Response(JSON.stringify({ error: { type: 'api_error', message: 'down' } }), { status: 500 }),
    });
    const { calls, hooks } = recordingHooks();
    expect((await handleStripeWebhook(signed(JSON.stringify(event)), db, unreachable, hooks)).status).toBe(503);
    expect(await recorded([String(event!.id)])).toEqual([]);
    expect(calls).toEqual([]);

    // No hook (an app without refunds): nothing is fetched, the event is recorded.
    expect((await handleStripeWebhook(signed(JSON.stringify(event)), db, unreachable, {})).status).toBe(200);
    expect(await recorded([String(event!.id)])).toHaveLength(1);
  });

  it('an unknown charge (another mode, or gone) is acknowledged without calling the hook', async () => {
    const { calls, hooks } = recordingHooks();
    const event = { id: `evt_gone${Date.now()}`, object: 'event', type: 'charge.refunded', data: { object: { id: 'ch_doesnotexist', object: 'charge' } } };
    expect((await handleStripeWebhook(signed(JSON.stringify(event)), db, client, hooks)).status).toBe(200);
    expect(calls).toEqual([]);
  });
});

describe('refund.updated and refund.failed', () => {
  it('re-fetch the refund, then its charge and refunds, and call the hook with the same state', async () => {
    const paymentIntentId = await chargedShipment(2400);
    const refundId = await refund(paymentIntentId, 400);
    const { calls, hooks } = recordingHooks();
    for (const type of ['refund.updated', 'refund.failed']) {
      const event = { id: `evt_${type.replace('.', '_')}${Date.now()}${n++}`, object: 'event', type, data: { object: { id: refundId, object: 'refund' } } };
      expect((await handleStripeWebhook(signed(JSON.stringify(event)), db, client, hooks)).status).toBe(200);
    }
    const state = { paymentIntentId, refunds: [{ refundId, amountCents: 400, status: 'succeeded', metadata: {} }], amountRefundedCents: 400 };
    expect(calls).toEqual([state, state]);
  });
});
