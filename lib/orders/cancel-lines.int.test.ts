import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  orderEvents,
  orderLines,
  orders,
  outboxMessages,
  purchaseOrderLines,
  purchaseOrders,
  shipmentLines,
  shipments,
  variantQueueCounters,
  variants,
  waitingQueue,
} from '@/db/schema';
import type { OrderCancelledPayload } from '@/lib/email/messages';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { DEFAULT_HANDLING_DAYS } from '@/lib/purchasing/handling-days';
import { testConnection } from '@/test/database';
import { cancelLine, cancelOrder, settledStatus } from './cancel-lines';
import { recomputeWaitingDates } from './waiting-dates';
import { backorderTo, createTestVariant, inDays, placeTestOrder, SHIPPING_CENTS, TODAY } from './testing/fixtures';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const options = { database: db, today: TODAY };
const STAFF = 'owner@example.com';
const place = (lines: { variantId: string; quantity: number }[], email = 'shopper@example.com') => placeTestOrder(db, lines, { contact: { email } });
const receive = (variantId: string, change: number) => adjustStock({ variantId, change, kind: 'received', reason: 'Delivery', actor: 'test' }, db);

async function stock(variantId: string) {
  const [row] = await db
    .select({ onHand: variants.onHand, committed: variants.committed, waiting: variants.waiting })
    .from(variants)
    .where(eq(variants.id, variantId));
  return row!;
}

async function lineOf(orderId: string) {
  const rows = await db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.position));
  return rows;
}

/** Per order (in placement order): queue status, position and allocated units. */
async function queue(variantId: string) {
  return db
    .select({
      orderId: orderLines.orderId,
      status: waitingQueue.status,
      position: waitingQueue.position,
      allocated: waitingQueue.allocatedUnits,
      date: waitingQueue.expectedDate,
    })
    .from(waitingQueue)
    .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(eq(waitingQueue.variantId, variantId))
    .orderBy(asc(orders.placedAt), asc(orders.number));
}

async function shipmentsOf(orderId: string) {
  return db
    .select({
      sequence: shipments.sequence,
      kind: shipments.kind,
      status: shipments.status,
      items: shipments.itemsCents,
      shipping: shipments.shippingCents,
      amount: shipments.amountCents,
    })
    .from(shipments)
    .where(eq(shipments.orderId, orderId))
    .orderBy(asc(shipments.sequence));
}

async function orderStatus(orderId: string) {
  const [row] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  return row!.status;
}

async function emailsOf(orderId: string, kind: string) {
  return db
    .select({ to: outboxMessages.toAddress, subject: outboxMessages.subject, payload: outboxMessages.payload })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orderId, orderId), eq(outboxMessages.kind, kind as 'order_cancelled')));
}

async function eventTypes(orderId: string) {
  const rows = await db
    .select({ type: orderEvents.type, to: orderEvents.toStatus })
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.id));
  return rows.map((r) => (r.to ? `${r.type}:${r.to}` : r.type));
}

async function counter(variantId: string) {
  const [row] = await db.select({ last: variantQueueCounters.lastPosition }).from(variantQueueCounters).where(eq(variantQueueCounters.variantId, variantId));
  return row?.last ?? 0;
}

/**
 * The money and stock facts every change must keep, checked over the whole database
 * (../shared/reference/invariants.md): for each variant, committed = allocated units of live lines
 * plus ship-now units not cancelled, waiting = unallocated units of waiting lines, positions 1..n;
 * for each order, live shipments' amounts = its total less what was cancelled (the shipping fee
 * too once nothing is left).
 */
async function audit(variantIds: string[]) {
  const counts = await db.execute<{ id: string; committed: number; waiting: number; committedFromLines: number; waitingFromQueue: number }>(sql`
    select v.id, v.committed, v.waiting,
      (coalesce((select sum(w.allocated_units) from waiting_queue w where w.variant_id = v.id and w.status <> 'cancelled'), 0)
       + coalesce((select sum(sl.quantity) from shipment_lines sl join shipments s on s.id = sl.shipment_id join order_lines l on l.id = sl.order_line_id
                   where l.variant_id = v.id and s.kind = 'now' and sl.cancelled_at is null and s.status <> 'shipped'), 0))::int as "committedFromLines",
      coalesce((select sum(w.units - w.allocated_units) from waiting_queue w where w.variant_id = v.id and w.status = 'waiting'), 0)::int as "waitingFromQueue"
    from product_variants v where v.id = any(${`{${variantIds.join(',')}}`}::uuid[])`);
  for (const c of counts) {
    expect({ committed: c.committed, waiting: c.waiting }).toEqual({ committed: c.committedFromLines, waiting: c.waitingFromQueue });
    const positions = (await queue(c.id)).filter((q) => q.status === 'waiting').map((q) => q.position!);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions.map((_, i) => i + 1));
    expect(await counter(c.id)).toBe(positions.length);
    const [onHand] = await db.select({ onHand: variants.onHand }).from(variants).where(eq(variants.id, c.id));
    expect(c.committed).toBeLessThanOrEqual(onHand!.onHand);
  }
  const money = await db.execute<{ id: string; total: number; live: number; cancelled: number; allCancelled: boolean }>(sql`
    select o.id, o.total_cents as total,
      coalesce((select sum(s.amount_cents) from shipments s where s.order_id = o.id and s.status <> 'cancelled'), 0)::int as live,
      coalesce((select sum(sl.amount_cents) from shipment_lines sl join shipments s on s.id = sl.shipment_id where s.order_id = o.id and sl.cancelled_at is not null), 0)::int as cancelled,
      not exists (select 1 from shipments s where s.order_id = o.id and s.status <> 'cancelled') as "allCancelled"
    from orders o
    where o.id in (select l.order_id from order_lines l where l.variant_id = any(${`{${variantIds.join(',')}}`}::uuid[]))`);
  for (const m of money) expect(m.live).toBe(m.total - m.cancelled - (m.allCancelled ? m.total - m.cancelled : 0));
}

describe('cancelling a waiting line', () => {
  it('gives up its queue place: the lines behind close up, the counts drop, and the emptied order is cancelled with one email', async () => {
    const v = await createTestVariant(db, { onHand: 0, priceCents: 2500, ...backorderTo(inDays(20)) });
    const a = await place([{ variantId: v.variantId, quantity: 2 }]);
    const b = await place([{ variantId: v.variantId, quantity: 3 }], 'second@example.com');
    const c = await place([{ variantId: v.variantId, quantity: 1 }]);
    expect(await stock(v.variantId)).toEqual({ onHand: 0, committed: 0, waiting: 6 });

    const [bLine] = await lineOf(b.id);
    const result = await cancelLine(b.number, bLine!.id, STAFF, options);
    expect(result).toMatchObject({ ok: true, number: b.number, lines: 1, units: 3, orderCancelled: true });

    expect(await stock(v.variantId)).toEqual({ onHand: 0, committed: 0, waiting: 3 });
    expect((await queue(v.variantId)).map((q) => [q.orderId, q.status, q.position])).toEqual([
      [a.id, 'waiting', 1],
      [b.id, 'cancelled', null],
      [c.id, 'waiting', 2],
    ]);
    expect(await counter(v.variantId)).toBe(2);
    const [after] = await lineOf(b.id);
    expect(after!.cancelledQuantity).toBe(3);
    expect(after!.cancelledAt).not.toBeNull();
    expect(await shipmentsOf(b.id)).toEqual([{ sequence: 1, kind: 'backorder', status: 'cancelled', items: 0, shipping: 0, amount: 0 }]);
    expect(await orderStatus(b.id)).toBe('cancelled');
    expect(await eventTypes(b.id)).toEqual(expect.arrayContaining(['line.cancelled', 'shipment.cancelled:cancelled', 'order.cancelled:cancelled']));

    const emails = await emailsOf(b.id, 'order_cancelled');
    expect(emails).toHaveLength(1);
    expect(emails[0]!.to).toBe('second@example.com');
    const payload = emails[0]!.payload as unknown as OrderCancelledPayload;
    expect(payload).toMatchObject({ orderNumber: b.number, reason: 'staff', orderCancelled: true, remainingCents: 0, answerBy: null });
    expect(payload.lines).toEqual([{ title: expect.stringContaining(v.title), quantity: 3, amountCents: 7500 }]);
    await audit([v.variantId]);

    // Arriving stock now skips the cancelled line: A gets 2, then C.
    await receive(v.variantId, 3);
    expect((await queue(v.variantId)).map((q) => [q.status, q.allocated])).toEqual([
      ['allocated', 2],
      ['cancelled', 0],
      ['allocated', 1],
    ]);
    await audit([v.variantId]);
  });

  it('moves the dates of the lines behind earlier, quietly', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(40)) });
    const [po] = await db
      .insert(purchaseOrders)
      .values({ supplier: 'Acme', expectedDate: inDays(10), createdBy: 'test' })
      .returning();
    await db.insert(purchaseOrderLines).values({ purchaseOrderId: po!.id, variantId: v.variantId, quantity: 2 });
    const a = await place([{ variantId: v.variantId, quantity: 2 }]);
    const b = await place([{ variantId: v.variantId, quantity: 1 }]);
    const byPo = inDays(10 + DEFAULT_HANDLING_DAYS);
    expect((await queue(v.variantId)).map((q) => q.date)).toEqual([byPo, inDays(40)]);

    const [aLine] = await lineOf(a.id);
    expect(await cancelLine(a.number, aLine!.id, STAFF, options)).toMatchObject({ ok: true });
    const [, bEntry] = await queue(v.variantId);
    expect(bEntry).toMatchObject({ status: 'waiting', position: 1, date: byPo });
    expect((await shipmentsOf(b.id))[0]).toMatchObject({ status: 'planned' });
    const [bShipment] = await db.select({ date: shipments.expectedDate }).from(shipments).where(eq(shipments.orderId, b.id));
    expect(bShipment!.date).toBe(byPo);
    expect(await emailsOf(b.id, 'date_changed')).toEqual([]);
    await audit([v.variantId]);
  });

  it('re-dates a shipment that the cancelled line was holding back', async () => {
    const soon = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)) });
    const slow = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)) });
    const o = await place([
      { variantId: soon.variantId, quantity: 1 },
      { variantId: slow.variantId, quantity: 1 },
    ]);
    await db.transaction(async (tx) => {
      await tx
        .update(variants)
        .set({ fixedShipDate: inDays(40) })
        .where(eq(variants.id, slow.variantId));
      await recomputeWaitingDates(tx, [slow.variantId], TODAY);
    });
    const dateOf = async () => (await db.select({ date: shipments.expectedDate }).from(shipments).where(eq(shipments.orderId, o.id)))[0]!.date;
    expect(await dateOf()).toBe(inDays(40));

    const [, slowLine] = await lineOf(o.id);
    expect(await cancelLine(o.number, slowLine!.id, STAFF, options)).toMatchObject({ ok: true });
    expect(await dateOf()).toBe(inDays(20));
  });

  it('frees allocated units of a partly filled line to the next one waiting', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)) });
    const a = await place([{ variantId: v.variantId, quantity: 3 }]);
    const b = await place([{ variantId: v.variantId, quantity: 2 }]);
    await receive(v.variantId, 2);
    expect((await queue(v.variantId)).map((q) => [q.status, q.allocated])).toEqual([
      ['waiting', 2],
      ['waiting', 0],
    ]);

    const result = await cancelOrder(a.number, STAFF, options);
    expect(result).toMatchObject({ ok: true, units: 3, orderCancelled: true, allocation: { units: 2, lines: 1, readyShipments: 1 } });
    expect((await queue(v.variantId)).map((q) => [q.status, q.allocated, q.position])).toEqual([
      ['cancelled', 2, null],
      ['allocated', 2, null],
    ]);
    expect(await stock(v.variantId)).toEqual({ onHand: 2, committed: 2, waiting: 0 });
    expect((await shipmentsOf(b.id))[0]).toMatchObject({ status: 'ready_to_ship' });
    await audit([v.variantId]);
  });
});

describe('cancelling stock already committed', () => {
  it('returns in-stock units: the next waiting order gets them, or they are for sale again', async () => {
    const v = await createTestVariant(db, { onHand: 2, ...backorderTo(inDays(20)) });
    const a = await place([{ variantId: v.variantId, quantity: 2 }]);
    const b = await place([{ variantId: v.variantId, quantity: 1 }]);
    expect(await stock(v.variantId)).toEqual({ onHand: 2, committed: 2, waiting: 1 });

    const result = await cancelOrder(a.number, STAFF, options);
    expect(result).toMatchObject({ ok: true, units: 2, orderCancelled: true, allocation: { units: 1, lines: 1, readyShipments: 1 } });
    expect(await stock(v.variantId)).toEqual({ onHand: 2, committed: 1, waiting: 0 });
    expect(await shipmentsOf(a.id)).toEqual([{ sequence: 1, kind: 'now', status: 'cancelled', items: 0, shipping: 0, amount: 0 }]);
    expect((await shipmentsOf(b.id))[0]).toMatchObject({ status: 'ready_to_ship' });
    await audit([v.variantId]);
  });

  it('moves the shipping fee to the next shipment when the first one is emptied, and keeps the rest of the order', async () => {
    const inStock = await createTestVariant(db, { onHand: 5, priceCents: 1200 });
    const later = await createTestVariant(db, { onHand: 0, priceCents: 3000, ...backorderTo(inDays(20)) });
    const o = await place([
      { variantId: inStock.variantId, quantity: 2 },
      { variantId: later.variantId, quantity: 1 },
    ]);
    expect(await shipmentsOf(o.id)).toEqual([
      { sequence: 1, kind: 'now', status: 'ready_to_ship', items: 2400, shipping: SHIPPING_CENTS, amount: 2400 + SHIPPING_CENTS },
      { sequence: 2, kind: 'backorder', status: 'planned', items: 3000, shipping: 0, amount: 3000 },
    ]);
    const [first] = await lineOf(o.id);

    const result = await cancelLine(o.number, first!.id, STAFF, options);
    expect(result).toMatchObject({ ok: true, units: 2, orderCancelled: false });
    expect(await shipmentsOf(o.id)).toEqual([
      { sequence: 1, kind: 'now', status: 'cancelled', items: 0, shipping: 0, amount: 0 },
      { sequence: 2, kind: 'backorder', status: 'planned', items: 3000, shipping: SHIPPING_CENTS, amount: 3000 + SHIPPING_CENTS },
    ]);
    expect(await orderStatus(o.id)).toBe('placed');
    expect(await stock(inStock.variantId)).toEqual({ onHand: 5, committed: 0, waiting: 0 });
    const [email] = await emailsOf(o.id, 'order_cancelled');
    expect(email!.subject).toMatch(/^Items cancelled from .* order \d+$/);
    expect(email!.payload).toMatchObject({ orderCancelled: false, remainingCents: 3000 + SHIPPING_CENTS, lines: [{ quantity: 2, amountCents: 2400 }] });
    const [shippingMoved] = await db
      .select({ data: orderEvents.data })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, o.id), eq(orderEvents.type, 'shipment.cancelled')));
    expect(shippingMoved!.data).toEqual({ shippingMovedToShipment: 2 });
    await audit([inStock.variantId, later.variantId]);

    // Cancelling what is left drops the fee too: nothing of the order will be charged.
    expect(await cancelOrder(o.number, STAFF, options)).toMatchObject({ ok: true, units: 1, orderCancelled: true });
    expect((await shipmentsOf(o.id)).map((s) => [s.status, s.amount])).toEqual([
      ['cancelled', 0],
      ['cancelled', 0],
    ]);
    expect(await orderStatus(o.id)).toBe('cancelled');
    await audit([inStock.variantId, later.variantId]);
  });

  it('readies a shipment whose last waiting line is cancelled', async () => {
    const filled = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)) });
    const short = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)) });
    const o = await place([
      { variantId: filled.variantId, quantity: 1 },
      { variantId: short.variantId, quantity: 1 },
    ]);
    await receive(filled.variantId, 1);
    expect((await shipmentsOf(o.id)).map((s) => s.status)).toEqual(['planned']);

    const [, shortLine] = await lineOf(o.id);
    expect(await cancelLine(o.number, shortLine!.id, STAFF, options)).toMatchObject({ ok: true, orderCancelled: false });
    const [s] = await shipmentsOf(o.id);
    expect(s).toMatchObject({ status: 'ready_to_ship', items: 1000, shipping: SHIPPING_CENTS });
    expect(await eventTypes(o.id)).toContain('shipment.ready:ready_to_ship');
    const kept = await db
      .select({ cancelledAt: shipmentLines.cancelledAt })
      .from(shipmentLines)
      .where(inArray(shipmentLines.orderLineId, [shortLine!.id]));
    expect(kept[0]!.cancelledAt).not.toBeNull();
    await audit([filled.variantId, short.variantId]);
  });
});

describe('refusals change nothing', () => {
  it('explains a bad number, a line from another order, a second cancel and a shipment being charged', async () => {
    const v = await createTestVariant(db, { onHand: 4 });
    const o = await place([{ variantId: v.variantId, quantity: 1 }]);
    const other = await place([{ variantId: v.variantId, quantity: 1 }]);
    const [line] = await lineOf(o.id);
    const [otherLine] = await lineOf(other.id);
    const before = await stock(v.variantId);

    expect(await cancelOrder('abc', STAFF, options)).toMatchObject({ ok: false, code: 'invalid', error: 'Enter an order number.' });
    expect(await cancelLine(o.number, 'not-a-uuid', STAFF, options)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await cancelOrder(2_000_000_000, STAFF, options)).toMatchObject({ ok: false, code: 'not_found', error: 'There is no order 2000000000.' });
    expect(await cancelLine(o.number, otherLine!.id, STAFF, options)).toMatchObject({ ok: false, code: 'not_found' });

    await db.update(shipments).set({ status: 'charging', chargingSince: new Date() }).where(eq(shipments.orderId, o.id));
    expect(await cancelLine(o.number, line!.id, STAFF, options)).toMatchObject({
      ok: false,
      code: 'charging',
      error: expect.stringContaining('Shipment 1 is being charged'),
    });
    await db.update(shipments).set({ status: 'ready_to_ship', chargingSince: null }).where(eq(shipments.orderId, o.id));
    expect(await stock(v.variantId)).toEqual(before);
    expect(await emailsOf(o.id, 'order_cancelled')).toEqual([]);

    expect(await cancelOrder(o.number, STAFF, options)).toMatchObject({ ok: true });
    expect(await cancelOrder(o.number, STAFF, options)).toMatchObject({ ok: false, code: 'nothing_to_cancel' });
    expect(await cancelLine(o.number, line!.id, STAFF, options)).toMatchObject({ ok: false, code: 'nothing_to_cancel' });
    expect(await emailsOf(o.id, 'order_cancelled')).toHaveLength(1);
  });

  it('leaves shipped units alone and cancels only what has not shipped', async () => {
    const v = await createTestVariant(db, { onHand: 1, ...backorderTo(inDays(20)) });
    const o = await place([{ variantId: v.variantId, quantity: 3 }]);
    // Shipping (the next issue) moves the shipped units out of on hand and committed together.
    await db
      .update(shipments)
      .set({ status: 'shipped', shippedAt: new Date() })
      .where(and(eq(shipments.orderId, o.id), eq(shipments.kind, 'now')));
    await db
      .update(variants)
      .set({ onHand: sql`${variants.onHand} - 1`, committed: sql`${variants.committed} - 1` })
      .where(eq(variants.id, v.variantId));
    await db.update(orders).set({ status: 'partially_shipped' }).where(eq(orders.id, o.id));

    expect(await cancelOrder(o.number, STAFF, options)).toMatchObject({ ok: true, units: 2, orderCancelled: false });
    expect(await orderStatus(o.id)).toBe('shipped');
    expect((await shipmentsOf(o.id)).map((s) => s.status)).toEqual(['shipped', 'cancelled']);
    const [line] = await lineOf(o.id);
    expect(line!.cancelledQuantity).toBe(2);
  });
});

describe('settledStatus', () => {
  it('reads an order from its shipments', () => {
    expect(settledStatus(['cancelled', 'cancelled'])).toBe('cancelled');
    expect(settledStatus(['shipped', 'cancelled'])).toBe('shipped');
    expect(settledStatus(['shipped', 'planned'])).toBe('partially_shipped');
    expect(settledStatus(['cancelled', 'ready_to_ship'])).toBe('placed');
  });
});

describe('cancelling alongside receipts and checkouts', () => {
  it('never gives a unit twice, loses one, or leaves a gap in the queue', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)) });
    const placed = [];
    for (let i = 0; i < 8; i++) placed.push(await place([{ variantId: v.variantId, quantity: 1 + (i % 3) }]));

    const results = await Promise.allSettled([
      cancelOrder(placed[0]!.number, STAFF, options),
      receive(v.variantId, 3),
      cancelOrder(placed[3]!.number, STAFF, options),
      place([{ variantId: v.variantId, quantity: 2 }]),
      receive(v.variantId, 2),
      cancelOrder(placed[6]!.number, STAFF, options),
      place([{ variantId: v.variantId, quantity: 1 }]),
      cancelOrder(placed[1]!.number, STAFF, options),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await stock(v.variantId)).toMatchObject({ onHand: 5 });
    await audit([v.variantId]);
    // First in, first out: no waiting line is ahead of one that got stock.
    const q = (await queue(v.variantId)).filter((e) => e.status !== 'cancelled');
    const firstWaiting = q.findIndex((e) => e.status === 'waiting');
    if (firstWaiting >= 0) expect(q.slice(firstWaiting + 1).every((e) => e.status === 'waiting' && e.allocated === 0)).toBe(true);
  });
});
