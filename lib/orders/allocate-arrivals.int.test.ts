import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { orderEvents, orderLines, orders, shipments, stockMovements, variantQueueCounters, variants, waitingQueue } from '@/db/schema';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { testConnection } from '@/test/database';
import { placeOrder } from './place-order';
import {
  backorderTo,
  cartWith,
  CONTACT,
  createTestVariant,
  inDays,
  placeTestOrder,
  quoteFor,
  SHIPPING_CENTS,
  TODAY,
  verifiedPayment,
} from './testing/fixtures';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const options = { database: db, today: TODAY, shippingCents: SHIPPING_CENTS };

const order = (lines: { variantId: string; quantity: number }[]) => placeTestOrder(db, lines);

const receive = (variantId: string, change: number) => adjustStock({ variantId, change, kind: 'received', reason: 'Delivery', actor: 'test' }, db);

async function stock(variantId: string) {
  const [row] = await db
    .select({ onHand: variants.onHand, committed: variants.committed, waiting: variants.waiting })
    .from(variants)
    .where(eq(variants.id, variantId));
  return row!;
}

/** Per order (in placement order): allocated units of units, and queue position. */
async function queue(variantId: string) {
  return db
    .select({
      orderId: orderLines.orderId,
      units: waitingQueue.units,
      allocated: waitingQueue.allocatedUnits,
      position: waitingQueue.position,
      status: waitingQueue.status,
    })
    .from(waitingQueue)
    .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(eq(waitingQueue.variantId, variantId))
    .orderBy(asc(orders.placedAt));
}

async function laterShipmentStatus(orderId: string) {
  const rows = await db
    .select({ status: shipments.status })
    .from(shipments)
    .where(and(eq(shipments.orderId, orderId), eq(shipments.kind, 'backorder')));
  return rows.map((r) => r.status);
}

async function counter(variantId: string) {
  const [row] = await db.select({ last: variantQueueCounters.lastPosition }).from(variantQueueCounters).where(eq(variantQueueCounters.variantId, variantId));
  return row?.last ?? 0;
}

describe('receiving fills waiting orders first in, first out', () => {
  it('fills lines in queue order, one in part, closes the queue up, and readies the shipments it completes', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)) });
    const a = await order([{ variantId: v.variantId, quantity: 2 }]);
    const b = await order([{ variantId: v.variantId, quantity: 3 }]);
    const c = await order([{ variantId: v.variantId, quantity: 1 }]);
    expect(await stock(v.variantId)).toEqual({ onHand: 0, committed: 0, waiting: 6 });

    await receive(v.variantId, 3);
    expect(await stock(v.variantId)).toEqual({ onHand: 3, committed: 3, waiting: 3 });
    expect((await queue(v.variantId)).map((q) => [q.allocated, q.units, q.position, q.status])).toEqual([
      [2, 2, null, 'allocated'],
      [1, 3, 1, 'waiting'],
      [0, 1, 2, 'waiting'],
    ]);
    expect(await counter(v.variantId)).toBe(2);
    expect(await laterShipmentStatus(a.id)).toEqual(['ready_to_ship']);
    expect(await laterShipmentStatus(b.id)).toEqual(['planned']);

    // A new order joins the back of the closed-up queue.
    const d = await order([{ variantId: v.variantId, quantity: 1 }]);
    expect((await queue(v.variantId)).map((q) => q.position)).toEqual([null, 1, 2, 3]);

    await receive(v.variantId, 3);
    expect(await stock(v.variantId)).toEqual({ onHand: 6, committed: 6, waiting: 1 });
    expect((await queue(v.variantId)).map((q) => [q.allocated, q.position, q.status])).toEqual([
      [2, null, 'allocated'],
      [3, null, 'allocated'],
      [1, null, 'allocated'],
      [0, 1, 'waiting'],
    ]);
    expect(await laterShipmentStatus(b.id)).toEqual(['ready_to_ship']);
    expect(await laterShipmentStatus(c.id)).toEqual(['ready_to_ship']);
    expect(await laterShipmentStatus(d.id)).toEqual(['planned']);

    // More than is waiting: the rest is for sale.
    await receive(v.variantId, 4);
    expect(await stock(v.variantId)).toEqual({ onHand: 10, committed: 7, waiting: 0 });
    expect(await counter(v.variantId)).toBe(0);

    const events = await db
      .select({ type: orderEvents.type, to: orderEvents.toStatus, data: orderEvents.data })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, b.id), inArray(orderEvents.type, ['line.allocated', 'shipment.ready'])))
      .orderBy(asc(orderEvents.id));
    expect(events.map((e) => [e.type, e.to, (e.data as { units?: number }).units ?? null])).toEqual([
      ['line.allocated', 'partly_allocated', 1],
      ['line.allocated', 'allocated', 2],
      ['shipment.ready', 'ready_to_ship', null],
    ]);
  });

  it('readies a shipment only when every line in it is filled', async () => {
    const date = inDays(25);
    const x = await createTestVariant(db, { onHand: 0, ...backorderTo(date) });
    const y = await createTestVariant(db, { onHand: 0, ...backorderTo(date) });
    const both = await order([
      { variantId: x.variantId, quantity: 1 },
      { variantId: y.variantId, quantity: 1 },
    ]);
    await receive(x.variantId, 1);
    expect(await laterShipmentStatus(both.id)).toEqual(['planned']);
    await receive(y.variantId, 1);
    expect(await laterShipmentStatus(both.id)).toEqual(['ready_to_ship']);
  });

  it("holds a pre-order's stock until its release", async () => {
    const v = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'preorder', releaseDate: inDays(30) });
    await order([{ variantId: v.variantId, quantity: 2 }]);
    await receive(v.variantId, 5);
    expect(await stock(v.variantId)).toEqual({ onHand: 5, committed: 0, waiting: 2 });
  });

  it('a stock change that fails fills nothing', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)) });
    await order([{ variantId: v.variantId, quantity: 1 }]);
    await expect(adjustStock({ variantId: v.variantId, change: -1, kind: 'damaged', reason: 'x', actor: 'test' }, db)).rejects.toThrow();
    expect(await stock(v.variantId)).toEqual({ onHand: 0, committed: 0, waiting: 1 });
  });

  it('any stock added counts as receiving: a return, a count, or another reason fills the waiting orders too', async () => {
    for (const kind of ['returned', 'count', 'other'] as const) {
      const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)) });
      const a = await order([{ variantId: v.variantId, quantity: 1 }]);
      await adjustStock({ variantId: v.variantId, change: 1, kind, reason: `A ${kind}`, actor: 'test' }, db);
      expect(await stock(v.variantId), kind).toEqual({ onHand: 1, committed: 1, waiting: 0 });
      expect(await laterShipmentStatus(a.id), kind).toEqual(['ready_to_ship']);
    }
  });

  it('a receipt whose allocation fails leaves nothing behind: no stock, no ledger row, no line filled, no event', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)) });
    const a = await order([{ variantId: v.variantId, quantity: 2 }]);
    const eventsBefore = await db.select({ id: orderEvents.id }).from(orderEvents).where(eq(orderEvents.orderId, a.id));
    // A count that no longer matches the queue (1 unit waiting, the line wants 2) makes allocation
    // throw after it has filled the line.
    await db.update(variants).set({ waiting: 1 }).where(eq(variants.id, v.variantId));
    await expect(receive(v.variantId, 3)).rejects.toThrow(/do not match its queue/);
    expect(await stock(v.variantId)).toEqual({ onHand: 0, committed: 0, waiting: 1 });
    expect(
      await db
        .select()
        .from(stockMovements)
        .where(and(eq(stockMovements.variantId, v.variantId), eq(stockMovements.kind, 'received'))),
    ).toEqual([]);
    expect(await queue(v.variantId)).toEqual([{ orderId: a.id, units: 2, allocated: 0, position: 1, status: 'waiting' }]);
    expect(await laterShipmentStatus(a.id)).toEqual(['planned']);
    expect(await db.select({ id: orderEvents.id }).from(orderEvents).where(eq(orderEvents.orderId, a.id))).toEqual(eventsBefore);
  });

  it('receipts and checkouts of one variant at once: no unit given twice, lost, or sold past stock, and the queue stays first in, first out', async () => {
    const v = await createTestVariant(db, { onHand: 2, ...backorderTo(inDays(20)) });
    const carts = [];
    for (let i = 0; i < 16; i++) carts.push(await cartWith(db, [{ variantId: v.variantId, quantity: 1 + (i % 3) }]));
    const fingerprints = await Promise.all(carts.map((c) => quoteFor(db, c.id)));
    const results = await Promise.allSettled([
      ...carts.map((cart, i) =>
        placeOrder(
          {
            cartId: cart.id,
            idempotencyKey: cart.checkoutKey,
            quoteFingerprint: fingerprints[i]!.fingerprint,
            contact: CONTACT,
            consent: { at: new Date(), ip: null },
            payment: verifiedPayment(),
          },
          options,
        ),
      ),
      ...Array.from({ length: 8 }, () => receive(v.variantId, 2)),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

    const s = await stock(v.variantId);
    expect(s.onHand).toBe(2 + 16);
    expect(s.committed).toBeLessThanOrEqual(s.onHand);
    const [sums] = await db
      .select({
        shipNow: sql<number>`coalesce(sum(${orderLines.shipNowQuantity}), 0)::int`,
        later: sql<number>`coalesce(sum(${orderLines.laterQuantity}), 0)::int`,
      })
      .from(orderLines)
      .where(eq(orderLines.variantId, v.variantId));
    const q = await queue(v.variantId);
    const allocated = q.reduce((n, e) => n + e.allocated, 0);
    const stillWaiting = q.reduce((n, e) => n + e.units - e.allocated, 0);
    // Every unit sold is either committed (from stock at placement, or allocated since) or waiting.
    expect(s.committed).toBe(sums!.shipNow + allocated);
    expect(s.waiting).toBe(stillWaiting);
    expect(sums!.later).toBe(allocated + stillWaiting);
    // Nothing sellable is left while an order waits.
    if (s.waiting > 0) expect(s.onHand - s.committed).toBe(0);
    // First in, first out: filled lines, at most one partly filled, then untouched lines.
    const shape = q.map((e) => (e.allocated === e.units ? 'F' : e.allocated > 0 ? 'P' : 'W')).join('');
    expect(shape).toMatch(/^F*P?W*$/);
    // Positions among waiting lines: 1..n.
    expect(q.filter((e) => e.status === 'waiting').map((e) => e.position)).toEqual(q.filter((e) => e.status === 'waiting').map((_, i) => i + 1));
    expect(await counter(v.variantId)).toBe(q.filter((e) => e.status === 'waiting').length);
  });
});

describe('the queue position constraint', () => {
  it('is checked at commit, so closing the queue up can renumber inside a transaction (migration 0011; drizzle cannot express it)', async () => {
    const [row] = await pool<{ deferrable: boolean; deferred: boolean }[]>`
      select condeferrable as deferrable, condeferred as deferred from pg_constraint where conname = 'waiting_queue_variant_position_unique'`;
    expect(row).toEqual({ deferrable: true, deferred: true });
  });
});

describe('order_events', () => {
  it('is append-only', async () => {
    const v = await createTestVariant(db, { onHand: 3 });
    const placed = await order([{ variantId: v.variantId, quantity: 1 }]);
    await expect(db.update(orderEvents).set({ type: 'edited' }).where(eq(orderEvents.orderId, placed.id))).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/append-only/) },
    });
    await expect(db.delete(orderEvents).where(eq(orderEvents.orderId, placed.id))).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/append-only/) },
    });
  });
});
