import { and, asc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { orderEvents, orders, outboxMessages, paymentAttempts, shipments, stockMovements, variants } from '@/db/schema';
import type { PaymentActionNeededPayload, ShipmentShippedPayload } from '@/lib/email/messages';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { cancelLine } from '@/lib/orders/cancel-lines';
import { backorderTo, createTestVariant, inDays, SHIPPING_CENTS } from '@/lib/orders/testing/fixtures';
import { expireSavedCard } from '@/lib/payments/emulator';
import { EMULATOR_ENV, emulatorChargeCounts, emulatorClient } from '@/lib/payments/emulator/testing';
import type { FetchFn } from '@/lib/payments/stripe-client';
import { testConnection } from '@/test/database';
import { placePaidOrder } from '@/test/paid-orders';
import { chargeAndSettle, chargeJobFor, shipShipment, staleChargingShipments } from './ship-shipment';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const client = emulatorClient(db);
const STAFF = 'owner@example.com';
const noSleep = async () => {};
async function shipmentsOf(orderId: string) {
  return db.select().from(shipments).where(eq(shipments.orderId, orderId)).orderBy(asc(shipments.sequence));
}

async function emails<T>(orderId: string, kind: 'shipment_shipped' | 'payment_action_needed') {
  const rows = await db
    .select({ subject: outboxMessages.subject, payload: outboxMessages.payload })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orderId, orderId), eq(outboxMessages.kind, kind)));
  return rows.map((r) => ({ subject: r.subject, payload: r.payload as unknown as T }));
}

async function stockOf(variantId: string) {
  const [row] = await db.select({ onHand: variants.onHand, committed: variants.committed }).from(variants).where(eq(variants.id, variantId));
  return row!;
}

describe('shipping a ready shipment charges its card once', () => {
  it('charges the amount, ships, moves the stock out, records it and emails the shopper', async () => {
    const v = await createTestVariant(db, { onHand: 5, priceCents: 2500 });
    const o = await placePaidOrder(db, [{ variantId: v.variantId, quantity: 2 }]);
    const [s] = await shipmentsOf(o.id);

    const outcome = await shipShipment({ shipmentId: s!.id, carrier: 'UPS', trackingNumber: '1Z 999 AA1' }, STAFF, { database: db, client });
    expect(outcome).toEqual({ ok: true, status: 'shipped', orderNumber: o.number, sequence: 1, chargedCents: 5000 + SHIPPING_CENTS });

    const [after] = await shipmentsOf(o.id);
    expect(after).toMatchObject({ status: 'shipped', chargeAttempt: 1, chargedCents: 5500, carrier: 'UPS', trackingNumber: '1Z 999 AA1', shippedBy: STAFF });
    expect(after!.stripePaymentIntentId).toMatch(/^pi_/);
    expect(after!.shippedAt).not.toBeNull();
    const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.shipmentId, s!.id));
    expect(attempt).toMatchObject({
      idempotencyKey: `shipment:${s!.id}:attempt:1`,
      status: 'succeeded',
      amountCents: 5500,
      stripePaymentIntentId: after!.stripePaymentIntentId,
    });
    expect(await emulatorChargeCounts(db, o.card.customerId)).toEqual({ paymentIntents: 1, charges: 1 });

    expect(await stockOf(v.variantId)).toEqual({ onHand: 3, committed: 0 });
    const [ledger] = await db
      .select()
      .from(stockMovements)
      .where(and(eq(stockMovements.variantId, v.variantId), eq(stockMovements.kind, 'shipped')));
    expect(ledger).toMatchObject({ change: -2, onHandAfter: 3, reason: `Shipped: order ${o.number}, shipment 1`, actor: STAFF });
    const [order] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, o.id));
    expect(order!.status).toBe('shipped');
    const types = (await db.select({ type: orderEvents.type }).from(orderEvents).where(eq(orderEvents.orderId, o.id))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['shipment.charging', 'shipment.shipped', 'order.status_changed']));

    const [mail] = await emails<ShipmentShippedPayload>(o.id, 'shipment_shipped');
    expect(mail!.subject).toMatch(/^Shipped: .* order \d+$/);
    expect(mail!.payload).toMatchObject({
      chargedCents: 5500,
      card: { brand: 'visa', last4: '4242' },
      carrier: 'UPS',
      trackingNumber: '1Z 999 AA1',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA1',
      shipmentsLeft: 0,
      lines: [{ quantity: 2, amountCents: 5000 }],
    });

    // Shipping it again is refused and charges nothing more.
    expect(await shipShipment({ shipmentId: s!.id }, STAFF, { database: db, client })).toMatchObject({
      ok: false,
      code: 'not_ready',
      error: expect.stringContaining('already shipped'),
    });
    expect(await emulatorChargeCounts(db, o.card.customerId)).toEqual({ paymentIntents: 1, charges: 1 });
  });

  it('a double click, or two staff at once: one charge, one shipment shipped', async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const o = await placePaidOrder(db, [{ variantId: v.variantId, quantity: 1 }]);
    const [s] = await shipmentsOf(o.id);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => shipShipment({ shipmentId: s!.id }, STAFF, { database: db, client: emulatorClient(db) })),
    );
    expect(results.filter((r) => r.ok && r.status === 'shipped')).toHaveLength(1);
    expect(results.every((r) => r.ok || r.code === 'not_ready' || r.code === 'in_progress')).toBe(true);
    expect(await emulatorChargeCounts(db, o.card.customerId)).toEqual({ paymentIntents: 1, charges: 1 });
    expect(await stockOf(v.variantId)).toEqual({ onHand: 4, committed: 0 });
    expect(await emails(o.id, 'shipment_shipped')).toHaveLength(1);
  });

  it('refuses what is not ready, and bad input, changing nothing', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)) });
    const o = await placePaidOrder(db, [{ variantId: v.variantId, quantity: 1 }]);
    const [s] = await shipmentsOf(o.id);
    expect(await shipShipment({ shipmentId: s!.id }, STAFF, { database: db, client })).toMatchObject({
      ok: false,
      code: 'not_ready',
      error: expect.stringContaining('waiting for stock'),
    });
    expect(await shipShipment({ shipmentId: 'nope' }, STAFF, { database: db, client })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await shipShipment({ shipmentId: s!.id, carrier: '<script>' }, STAFF, { database: db, client })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { carrier: [expect.stringContaining('Carrier can hold')] },
    });
    expect(await shipShipment({ shipmentId: '00000000-0000-4000-8000-000000000000' }, STAFF, { database: db, client })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect((await shipmentsOf(o.id))[0]).toMatchObject({ status: 'planned', chargeAttempt: 0 });
  });
});

describe('a charge that does not go through', () => {
  it.each([
    ['4000002760003184', 'authentication_required'],
    ['4000000000000341', 'card_declined'],
  ])('card %s: payment failed (%s), nothing ships, the shopper is asked to act', async (number, reason) => {
    const v = await createTestVariant(db, { onHand: 5 });
    const o = await placePaidOrder(db, [{ variantId: v.variantId, quantity: 1 }], { card: number });
    const [s] = await shipmentsOf(o.id);
    const outcome = await shipShipment({ shipmentId: s!.id }, STAFF, { database: db, client });
    expect(outcome).toMatchObject({ ok: true, status: 'payment_failed', reason });
    expect((await shipmentsOf(o.id))[0]).toMatchObject({ status: 'payment_failed', failureCode: reason, chargedCents: 0, shippedAt: null });
    expect(await stockOf(v.variantId)).toEqual({ onHand: 5, committed: 1 });
    const [mail] = await emails<PaymentActionNeededPayload>(o.id, 'payment_action_needed');
    expect(mail!.subject).toMatch(/^Action needed: payment for .* order \d+$/);
    expect(mail!.payload).toMatchObject({ reason, amountCents: 1000 + SHIPPING_CENTS, orderUrl: expect.stringContaining('/orders/') });
    expect(await emails(o.id, 'shipment_shipped')).toEqual([]);
  });

  it('an expired card fails as expired_card', async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const o = await placePaidOrder(db, [{ variantId: v.variantId, quantity: 1 }]);
    await expireSavedCard(o.card.paymentMethodId, db, EMULATOR_ENV);
    const [s] = await shipmentsOf(o.id);
    expect(await shipShipment({ shipmentId: s!.id }, STAFF, { database: db, client })).toMatchObject({ status: 'payment_failed', reason: 'expired_card' });
  });

  it('a transient error leaves it charging; the retry uses the same key and charges once', async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const o = await placePaidOrder(db, [{ variantId: v.variantId, quantity: 1 }]);
    const [s] = await shipmentsOf(o.id);
    // The request reaches Stripe, which charges, but the answer is lost; then a 503.
    const plan: ('drop-response' | 503)[] = ['drop-response', 503];
    const flaky = emulatorClient(db, {
      wrapFetch:
        (inner: FetchFn): FetchFn =>
        async (input, init) => {
          const step = plan.shift();
          if (step === 503)
            return new Response(JSON.stringify({ error: { type: 'api_error', message: 'Simulated 503' } }), {
              status: 503,
              headers: { 'content-type': 'application/json' },
            });
          const response = await inner(input, init);
          if (step === 'drop-response') throw new TypeError('socket hang up');
          return response;
        },
    });
    const first = await shipShipment({ shipmentId: s!.id }, STAFF, { database: db, client: flaky, maxTries: 2, sleep: noSleep });
    expect(first).toMatchObject({ ok: true, status: 'charging' });
    expect((await shipmentsOf(o.id))[0]).toMatchObject({ status: 'charging', chargeAttempt: 1 });
    expect(await stockOf(v.variantId)).toEqual({ onHand: 5, committed: 1 });

    // What the retry job does: the same attempt, so the same key.
    const job = await chargeJobFor(db, s!.id);
    expect(job).toMatchObject({ attempt: 1, amountCents: 1000 + SHIPPING_CENTS });
    expect(await chargeAndSettle(job!, db, { client })).toMatchObject({ status: 'shipped' });
    expect(await emulatorChargeCounts(db, o.card.customerId)).toEqual({ paymentIntents: 1, charges: 1 });
    expect(await chargeJobFor(db, s!.id)).toBeNull();
  });

  it('the sweep finds shipments left charging', async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const o = await placePaidOrder(db, [{ variantId: v.variantId, quantity: 1 }]);
    const [s] = await shipmentsOf(o.id);
    await db
      .update(shipments)
      .set({ status: 'charging', chargeAttempt: 1, chargingSince: new Date(Date.now() - 60_000) })
      .where(eq(shipments.id, s!.id));
    expect(await staleChargingShipments(db, 30, 10_000)).toContain(s!.id);
    expect(await staleChargingShipments(db, 120, 10_000)).not.toContain(s!.id);
  });
});

describe('the shipping fee and the money', () => {
  it('goes with the first shipment that actually ships, and the charges add up to the total after cancellations', async () => {
    const now = await createTestVariant(db, { onHand: 5, priceCents: 1200 });
    const later = await createTestVariant(db, { onHand: 0, priceCents: 3000, ...backorderTo(inDays(20)) });
    const also = await createTestVariant(db, { onHand: 0, priceCents: 700, ...backorderTo(inDays(20)) });
    const o = await placePaidOrder(db, [
      { variantId: now.variantId, quantity: 1 },
      { variantId: later.variantId, quantity: 1 },
      { variantId: also.variantId, quantity: 1 },
    ]);
    await adjustStock({ variantId: later.variantId, change: 1, kind: 'received', reason: 'Delivery', actor: 'test' }, db);
    await adjustStock({ variantId: also.variantId, change: 1, kind: 'received', reason: 'Delivery', actor: 'test' }, db);
    const [first, second] = await shipmentsOf(o.id);
    expect([first!.shippingCents, second!.shippingCents]).toEqual([SHIPPING_CENTS, 0]);

    // One of the backordered lines is cancelled; the rest of the second shipment ships first and takes the fee.
    const lines = await db.query.orderLines.findMany({ where: (l, { eq: is }) => is(l.orderId, o.id), orderBy: (l, { asc: up }) => up(l.position) });
    expect(await cancelLine(o.number, lines[2]!.id, STAFF, { database: db })).toMatchObject({ ok: true });
    expect(await shipShipment({ shipmentId: second!.id }, STAFF, { database: db, client })).toMatchObject({
      status: 'shipped',
      chargedCents: 3000 + SHIPPING_CENTS,
    });
    const statusOf = async () => (await db.select({ status: orders.status }).from(orders).where(eq(orders.id, o.id)))[0]!.status;
    // One shipment out, one still to go.
    expect(await statusOf()).toBe('partially_shipped');
    expect(await shipShipment({ shipmentId: first!.id }, STAFF, { database: db, client })).toMatchObject({ status: 'shipped', chargedCents: 1200 });

    const all = await shipmentsOf(o.id);
    const charged = all.reduce((sum, s) => sum + s.chargedCents - s.refundedCents, 0);
    const [order] = await db.select().from(orders).where(eq(orders.id, o.id));
    expect(charged).toBe(order!.totalCents - 700);
    expect(order!.status).toBe('shipped');
    expect(await emulatorChargeCounts(db, o.card.customerId)).toEqual({ paymentIntents: 2, charges: 2 });
  });
});
