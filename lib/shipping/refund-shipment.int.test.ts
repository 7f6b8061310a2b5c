import { and, asc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { orderLines, orders, outboxMessages, shipmentLines, shipmentRefunds, shipments } from '@/db/schema';
import type { ShipmentRefundedPayload } from '@/lib/email/messages';
import { cancelLine } from '@/lib/orders/cancel-lines';
import { createTestVariant, placeTestOrder, SHIPPING_CENTS } from '@/lib/orders/testing/fixtures';
import { emulatorClient } from '@/lib/payments/emulator/testing';
import type { FetchFn } from '@/lib/payments/stripe-client';
import { testConnection } from '@/test/database';
import { placePaidOrder } from '@/test/paid-orders';
import { refundShipment, retryPendingRefunds } from './refund-shipment';
import { shipShipment } from './ship-shipment';

const { sql: pool, db } = testConnection();
const client = emulatorClient(db);
const STAFF = 'owner@example.com';
const noSleep = async () => {};
afterAll(() => pool.end());

/** A shipped order of two lines (3 × $10 and 1 × $25) paid with a saved card. */
async function shippedOrder() {
  const a = await createTestVariant(db, { onHand: 5, priceCents: 1000 });
  const b = await createTestVariant(db, { onHand: 5, priceCents: 2500 });
  const order = await placePaidOrder(db, [
    { variantId: a.variantId, quantity: 3 },
    { variantId: b.variantId, quantity: 1 },
  ]);
  const [shipment] = await db.select().from(shipments).where(eq(shipments.orderId, order.id));
  expect(await shipShipment({ shipmentId: shipment!.id }, STAFF, { database: db, client })).toMatchObject({
    status: 'shipped',
    chargedCents: 5500 + SHIPPING_CENTS,
  });
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.position));
  return { order, shipmentId: shipment!.id, lines };
}

async function stripeRefunded(shipmentId: string) {
  const [s] = await db.select({ pi: shipments.stripePaymentIntentId }).from(shipments).where(eq(shipments.id, shipmentId));
  const pi = await client.stripe.paymentIntents.retrieve(s!.pi!, { expand: ['latest_charge'] });
  return (pi.latest_charge as { amount_refunded: number }).amount_refunded;
}

const shipmentOf = async (id: string) => (await db.select().from(shipments).where(eq(shipments.id, id)))[0]!;

describe('refunding a shipped shipment', () => {
  it('refunds chosen units, then the rest: the parts add up to the charge, each with an email', async () => {
    const { order, shipmentId, lines } = await shippedOrder();
    const first = await refundShipment({ shipmentId, lines: [{ orderLineId: lines[0]!.id, quantity: 2 }] }, STAFF, { database: db, client });
    expect(first).toMatchObject({ ok: true, status: 'succeeded', amountCents: 2000 });
    expect(await shipmentOf(shipmentId)).toMatchObject({ chargedCents: 6000, refundedCents: 2000, status: 'shipped' });
    expect(await stripeRefunded(shipmentId)).toBe(2000);

    // More of a line than is left is refused, and changes nothing.
    expect(await refundShipment({ shipmentId, lines: [{ orderLineId: lines[0]!.id, quantity: 2 }] }, STAFF, { database: db, client })).toMatchObject({
      ok: false,
      code: 'invalid',
      error: 'Only 1 of that line can still be refunded.',
    });

    const rest = await refundShipment({ shipmentId, whole: true }, STAFF, { database: db, client });
    expect(rest).toMatchObject({ ok: true, status: 'succeeded', amountCents: 1000 + 2500 + SHIPPING_CENTS });
    expect(await shipmentOf(shipmentId)).toMatchObject({ chargedCents: 6000, refundedCents: 6000 });
    expect(await stripeRefunded(shipmentId)).toBe(6000);
    expect((await db.select().from(shipmentLines).where(eq(shipmentLines.shipmentId, shipmentId))).map((l) => l.refundedQuantity).sort()).toEqual([1, 3]);
    expect(await refundShipment({ shipmentId, whole: true }, STAFF, { database: db, client })).toMatchObject({ ok: false, code: 'not_refundable' });

    const mails = await db
      .select({ subject: outboxMessages.subject, payload: outboxMessages.payload })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.kind, 'shipment_refunded')));
    expect(mails).toHaveLength(2);
    expect(mails.map((m) => (m.payload as unknown as ShipmentRefundedPayload).amountCents).sort((x, y) => x - y)).toEqual([2000, 4000]);
    expect(mails[0]!.subject).toMatch(/^Refund for .* order \d+$/);
  });

  it('two refunds at once never add up to more than the charge', async () => {
    const { shipmentId } = await shippedOrder();
    const results = await Promise.all([1, 2, 3].map(() => refundShipment({ shipmentId, whole: true }, STAFF, { database: db, client: emulatorClient(db) })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await shipmentOf(shipmentId)).toMatchObject({ refundedCents: 6000 });
    expect(await stripeRefunded(shipmentId)).toBe(6000);
  });

  it('a transient error leaves it pending; the sweep asks again with the same key and refunds once', async () => {
    const { shipmentId, lines } = await shippedOrder();
    // Stripe refunds, but the answer is lost, every time within the call.
    const lossy = emulatorClient(db, {
      wrapFetch:
        (inner: FetchFn): FetchFn =>
        async (input, init) => {
          const response = await inner(input, init);
          if (init?.method === 'POST' && String(input).includes('/v1/refunds')) throw new TypeError('socket hang up');
          return response;
        },
    });
    const outcome = await refundShipment({ shipmentId, lines: [{ orderLineId: lines[1]!.id, quantity: 1 }] }, STAFF, {
      database: db,
      client: lossy,
      maxTries: 2,
      sleep: noSleep,
    });
    expect(outcome).toMatchObject({ ok: true, status: 'pending', amountCents: 2500 });
    expect(await stripeRefunded(shipmentId)).toBe(2500);
    expect(await shipmentOf(shipmentId)).toMatchObject({ refundedCents: 2500 });

    await retryPendingRefunds(db, client, 0);
    const [row] = await db.select().from(shipmentRefunds).where(eq(shipmentRefunds.shipmentId, shipmentId));
    expect(row).toMatchObject({ status: 'succeeded', amountCents: 2500 });
    expect(row!.stripeRefundId).toMatch(/^re_/);
    expect(await stripeRefunded(shipmentId)).toBe(2500);
  });

  it('a line named twice is refused; a refund the provider refuses outright gives its reservation back', async () => {
    const { shipmentId, lines } = await shippedOrder();
    const twice = [
      { orderLineId: lines[0]!.id, quantity: 2 },
      { orderLineId: lines[0]!.id, quantity: 2 },
    ];
    expect(await refundShipment({ shipmentId, lines: twice }, STAFF, { database: db, client })).toEqual({
      ok: false,
      code: 'invalid',
      error: 'Name each line once.',
    });
    const real = (await shipmentOf(shipmentId)).stripePaymentIntentId;
    await db.update(shipments).set({ stripePaymentIntentId: 'pi_gonegonegone' }).where(eq(shipments.id, shipmentId));
    expect(await refundShipment({ shipmentId, whole: true }, STAFF, { database: db, client })).toMatchObject({ ok: false, code: 'refused' });
    expect(await shipmentOf(shipmentId)).toMatchObject({ refundedCents: 0 });
    expect((await db.select().from(shipmentLines).where(eq(shipmentLines.shipmentId, shipmentId))).every((l) => l.refundedQuantity === 0)).toBe(true);
    expect((await db.select().from(shipmentRefunds).where(eq(shipmentRefunds.shipmentId, shipmentId)))[0]).toMatchObject({ status: 'failed' });
    await db.update(shipments).set({ stripePaymentIntentId: real }).where(eq(shipments.id, shipmentId));
  });

  it('refuses what was not charged and bad input', async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const o = await placeTestOrder(db, [{ variantId: v.variantId, quantity: 1 }]);
    const [s] = await db.select().from(shipments).where(eq(shipments.orderId, o.id));
    expect(await refundShipment({ shipmentId: s!.id, whole: true }, STAFF, { database: db, client })).toMatchObject({ ok: false, code: 'not_refundable' });
    expect(await refundShipment({ shipmentId: 'x', whole: true }, STAFF, { database: db, client })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await refundShipment({ shipmentId: s!.id }, STAFF, { database: db, client })).toMatchObject({ ok: false, code: 'not_refundable' });
  });
});

describe('the money of an order', () => {
  it('charges less refunds equal the total of what shipped, less what was refunded', async () => {
    const a = await createTestVariant(db, { onHand: 5, priceCents: 1000 });
    const b = await createTestVariant(db, { onHand: 5, priceCents: 2500 });
    const c = await createTestVariant(db, { onHand: 5, priceCents: 700 });
    const order = await placePaidOrder(db, [
      { variantId: a.variantId, quantity: 2 },
      { variantId: b.variantId, quantity: 1 },
      { variantId: c.variantId, quantity: 1 },
    ]);
    const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.position));
    expect(await cancelLine(order.number, lines[2]!.id, STAFF, { database: db })).toMatchObject({ ok: true });
    const [s] = await db.select().from(shipments).where(eq(shipments.orderId, order.id));
    await shipShipment({ shipmentId: s!.id }, STAFF, { database: db, client });
    await refundShipment({ shipmentId: s!.id, lines: [{ orderLineId: lines[0]!.id, quantity: 1 }] }, STAFF, { database: db, client });

    const all = await db.select().from(shipments).where(eq(shipments.orderId, order.id));
    const net = all.reduce((sum, x) => sum + x.chargedCents - x.refundedCents, 0);
    const [placed] = await db.select().from(orders).where(eq(orders.id, order.id));
    // Placed: 2 × 10 + 25 + 7 + 5 shipping = 57; cancelled 7; refunded 10.
    expect(placed!.totalCents).toBe(5700);
    expect(net).toBe(5700 - 700 - 1000);
  });
});
