import 'server-only';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database, type Executor } from '@/db/client';
import { orderLines, orders, products, shipmentLines, shipments, variants, waitingQueue, type OrderStatus, type ShipmentStatus } from '@/db/schema';
import { notifyRestocks } from '@/lib/back-in-stock/notify';
import { invalidateProducts } from '@/lib/cache/invalidate';
import { todayUtc } from '@/lib/catalog/dates';
import { lockVariants } from '@/lib/cart/lines';
import { lineTitle } from '@/lib/catalog/line-title';
import type { OrderCancelledPayload } from '@/lib/email/messages';
import { enqueueEmails } from '@/lib/email/outbox';
import { siteUrl } from '@/lib/site';
import { allocateArrivals, NOTHING_ALLOCATED, type Allocation } from './allocate-arrivals';
import { recordOrderEvents, type OrderEventInput } from './events';
import { lockOrder } from './order-lock';
import { readyAmong } from './shipment-readiness';
import { recomputeWaitingDates, redateShipmentsOf } from './waiting-dates';

/**
 * Cancelling order lines before they ship, by staff ("Cancel line", "Cancel order") or by the
 * delay rule (lib/orders/unanswered-delays.ts). Nothing is charged before a shipment ships, so
 * nothing is refunded: the units go back. Stock committed to the line is freed and handed to the
 * next waiting orders; a queue place is given up and everyone behind moves up (positions stay
 * 1..n); the dates behind move earlier; the shipments lose the lines' amounts (an emptied one is
 * cancelled and its shipping fee moves to the next one); the order is cancelled when nothing is
 * left; the shopper gets one email. All in one transaction, with an event for every step.
 */

export type CancelReason = 'staff' | 'no_agreement';

/** Shipments whose lines can still be cancelled: nothing has been charged or sent. */
const OPEN: readonly ShipmentStatus[] = ['planned', 'ready_to_ship', 'payment_failed'];

const orderNumber = z.coerce
  .number({ error: 'Enter an order number.' })
  .int('Enter an order number.')
  .min(1, 'Enter an order number.')
  .max(2_147_483_647, 'Enter an order number.');
export const cancelOrderInput = z.object({ number: orderNumber });
export const cancelLineInput = z.object({ number: orderNumber, lineId: z.uuid('That is not a line of this order.') });

export type CancelErrorCode = 'invalid' | 'not_found' | 'nothing_to_cancel' | 'charging';
export interface CancelFailure {
  ok: false;
  code: CancelErrorCode;
  error: string;
}
export interface Cancellation {
  ok: true;
  number: number;
  /** Order lines that lost units. */
  lines: number;
  /** Units cancelled. */
  units: number;
  /** Nothing is left of the order. */
  orderCancelled: boolean;
  /** What the freed stock did for other waiting orders. */
  allocation: Allocation;
}
export type CancelResult = Cancellation | CancelFailure;

export interface CancelOptions {
  database?: Database;
  today?: string;
}

const fail = (code: CancelErrorCode, error: string): CancelFailure => ({ ok: false, code, error });

/** Cancels everything of an order that has not shipped. */
export async function cancelOrder(number: unknown, actor: string, options: CancelOptions = {}): Promise<CancelResult> {
  const parsed = cancelOrderInput.safeParse({ number });
  if (!parsed.success) return fail('invalid', parsed.error.issues[0]!.message);
  return (options.database ?? appDb).transaction((tx) =>
    cancelLinesIn(tx, { number: parsed.data.number }, { lineIds: null, reason: 'staff', actor, today: options.today }),
  );
}

/** Cancels what has not shipped of one line of an order. */
export async function cancelLine(number: unknown, lineId: unknown, actor: string, options: CancelOptions = {}): Promise<CancelResult> {
  const parsed = cancelLineInput.safeParse({ number, lineId });
  if (!parsed.success) return fail('invalid', parsed.error.issues[0]!.message);
  return (options.database ?? appDb).transaction((tx) =>
    cancelLinesIn(tx, { number: parsed.data.number }, { lineIds: [parsed.data.lineId], reason: 'staff', actor, today: options.today }),
  );
}

export interface CancelRequest {
  /** The lines to cancel; null for the whole order. */
  lineIds: readonly string[] | null;
  reason: CancelReason;
  /** Who cancelled: a staff email, or the job's name. */
  actor: string;
  today?: string;
}

/**
 * The cancellation inside the caller's transaction. Locks, in this order: the order's row (two
 * cancellations of one order take turns), the
 * rows of every variant on the order (in id order, the order placement and receiving take them
 * in), then the order's shipments. Receiving and allocation take variants before shipments too,
 * so the two never wait on each other in a circle. With reason 'no_agreement' only the lines'
 * waiting units are cancelled, and only while their delay is still unanswered past its day
 * (checked again under the locks: an answer or a new date in between keeps them).
 */
export async function cancelLinesIn(tx: Executor, ref: { number: number } | { orderId: string }, request: CancelRequest): Promise<CancelResult> {
  const today = request.today ?? todayUtc();
  const order = await lockOrder(tx, ref);
  if (!order) return fail('not_found', 'number' in ref ? `There is no order ${ref.number}.` : 'That order does not exist.');

  const lines = await tx
    .select({
      id: orderLines.id,
      variantId: orderLines.variantId,
      productTitle: orderLines.productTitle,
      variantTitle: orderLines.variantTitle,
    })
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id))
    .orderBy(asc(orderLines.position));
  if (request.lineIds && request.lineIds.some((id) => !lines.some((l) => l.id === id))) {
    return fail('not_found', `That line is not on order ${order.number}.`);
  }
  const variantIds = [...new Set(lines.map((l) => l.variantId))].sort();
  await lockVariants(tx, variantIds);
  const orderShipments = await tx
    .select({
      id: shipments.id,
      sequence: shipments.sequence,
      kind: shipments.kind,
      status: shipments.status,
      shippingCents: shipments.shippingCents,
      failureCode: shipments.failureCode,
    })
    .from(shipments)
    .where(eq(shipments.orderId, order.id))
    .orderBy(asc(shipments.sequence))
    .for('update');
  const shipmentOf = new Map(orderShipments.map((s) => [s.id, s]));

  const targetIds = new Set(request.lineIds ?? lines.map((l) => l.id));
  const entries = await tx
    .select({
      id: waitingQueue.id,
      orderLineId: waitingQueue.orderLineId,
      variantId: waitingQueue.variantId,
      units: waitingQueue.units,
      allocatedUnits: waitingQueue.allocatedUnits,
      position: waitingQueue.position,
      status: waitingQueue.status,
      agreement: waitingQueue.agreement,
      answerBy: waitingQueue.answerBy,
    })
    .from(waitingQueue)
    .where(inArray(waitingQueue.orderLineId, [...targetIds]));
  const entryOf = new Map(entries.map((e) => [e.orderLineId, e]));
  if (request.reason === 'no_agreement') {
    for (const id of targetIds) {
      const e = entryOf.get(id);
      if (!e || e.status !== 'waiting' || e.agreement !== 'needed' || e.answerBy === null || e.answerBy >= today) targetIds.delete(id);
    }
  }

  const live = await tx
    .select({
      id: shipmentLines.id,
      shipmentId: shipmentLines.shipmentId,
      orderLineId: shipmentLines.orderLineId,
      quantity: shipmentLines.quantity,
      amountCents: shipmentLines.amountCents,
    })
    .from(shipmentLines)
    .innerJoin(shipments, eq(shipments.id, shipmentLines.shipmentId))
    .where(and(eq(shipments.orderId, order.id), isNull(shipmentLines.cancelledAt)));
  const candidates = live.filter((sl) => {
    if (!targetIds.has(sl.orderLineId)) return false;
    // The delay rule covers the units that wait, not ones already in hand.
    return request.reason !== 'no_agreement' || shipmentOf.get(sl.shipmentId)!.kind !== 'now';
  });
  const charging = candidates.find((sl) => shipmentOf.get(sl.shipmentId)!.status === 'charging');
  if (charging) {
    return fail('charging', `Shipment ${shipmentOf.get(charging.shipmentId)!.sequence} is being charged right now; try again once it has settled.`);
  }
  // A charge waiting for the shopper to confirm with their bank can still go through, for the
  // amount it asked: changing the shipment under it would charge for what was cancelled.
  const confirming = candidates.find((sl) => {
    const s = shipmentOf.get(sl.shipmentId)!;
    return s.status === 'payment_failed' && s.failureCode === 'authentication_required';
  });
  if (confirming) {
    return fail(
      'charging',
      `Shipment ${shipmentOf.get(confirming.shipmentId)!.sequence} is waiting for the shopper to confirm its payment with their bank, which can still go through; it cannot be changed until then.`,
    );
  }
  const cancelled = candidates.filter((sl) => OPEN.includes(shipmentOf.get(sl.shipmentId)!.status));
  if (cancelled.length === 0) {
    if (request.reason === 'no_agreement') return fail('nothing_to_cancel', 'No unanswered delay is due on this order.');
    return fail(
      'nothing_to_cancel',
      request.lineIds ? 'Nothing is left to cancel on that line: it has shipped or is cancelled.' : `Nothing is left to cancel on order ${order.number}.`,
    );
  }

  // --- Stock and queue ---------------------------------------------------------------------------
  const freed = new Map<string, { committed: number; waiting: number; positions: number[] }>();
  const tally = (variantId: string) => {
    const t = freed.get(variantId) ?? { committed: 0, waiting: 0, positions: [] };
    freed.set(variantId, t);
    return t;
  };
  const lineById = new Map(lines.map((l) => [l.id, l]));
  const cancelledEntries: number[] = [];
  for (const sl of cancelled) {
    const line = lineById.get(sl.orderLineId)!;
    if (shipmentOf.get(sl.shipmentId)!.kind === 'now') {
      tally(line.variantId).committed += sl.quantity;
      continue;
    }
    const entry = entryOf.get(sl.orderLineId);
    if (!entry || entry.status === 'cancelled') throw new Error(`cancelLinesIn: line ${sl.orderLineId} has no live queue entry`);
    const t = tally(entry.variantId);
    t.committed += entry.allocatedUnits;
    if (entry.status === 'waiting') {
      t.waiting += entry.units - entry.allocatedUnits;
      t.positions.push(entry.position!);
    }
    cancelledEntries.push(entry.id);
  }
  if (cancelledEntries.length > 0) {
    await tx
      .update(waitingQueue)
      .set({ status: 'cancelled', position: null, updatedAt: sql`now()` })
      .where(inArray(waitingQueue.id, cancelledEntries));
  }
  for (const [variantId, t] of freed) {
    if (t.positions.length > 0) {
      // Everyone behind a place given up moves up by the places given up ahead of them.
      const gone = `{${t.positions.join(',')}}`;
      await tx.execute(sql`
        update waiting_queue w
        set position = w.position - (select count(*) from unnest(${gone}::int[]) g where g < w.position)::int
        where w.variant_id = ${variantId} and w.status = 'waiting' and w.position > ${Math.min(...t.positions)}`);
      await tx.execute(sql`update variant_queue_counters set last_position = last_position - ${t.positions.length} where variant_id = ${variantId}`);
    }
    const [moved] = await tx.execute<{ id: string }>(sql`
      update product_variants set committed = committed - ${t.committed}, waiting = waiting - ${t.waiting}, updated_at = now()
      where id = ${variantId} and committed >= ${t.committed} and waiting >= ${t.waiting}
      returning id`);
    if (!moved) throw new Error(`cancelLinesIn: the counts of variant ${variantId} do not match its orders`);
  }

  // --- Lines and shipments -----------------------------------------------------------------------
  await tx
    .update(shipmentLines)
    .set({ cancelledAt: sql`now()` })
    .where(
      inArray(
        shipmentLines.id,
        cancelled.map((sl) => sl.id),
      ),
    );
  const unitsByLine = new Map<string, number>();
  for (const sl of cancelled) unitsByLine.set(sl.orderLineId, (unitsByLine.get(sl.orderLineId) ?? 0) + sl.quantity);
  for (const [lineId, units] of unitsByLine) {
    await tx
      .update(orderLines)
      .set({ cancelledQuantity: sql`${orderLines.cancelledQuantity} + ${units}`, cancelledAt: sql`now()` })
      .where(eq(orderLines.id, lineId));
  }

  const events: OrderEventInput[] = [];
  for (const [lineId, units] of unitsByLine) {
    const amountCents = cancelled.filter((sl) => sl.orderLineId === lineId).reduce((n, sl) => n + sl.amountCents, 0);
    events.push({ orderId: order.id, type: 'line.cancelled', data: { orderLineId: lineId, units, amountCents, reason: request.reason, by: request.actor } });
  }

  const remainingLines = live.filter((sl) => !cancelled.includes(sl));
  const after = new Map(orderShipments.map((s) => [s.id, { status: s.status, shippingCents: s.shippingCents }]));
  const touched = [...new Set(cancelled.map((sl) => sl.shipmentId))];
  const emptied = touched.filter((id) => !remainingLines.some((sl) => sl.shipmentId === id));
  for (const id of emptied) after.get(id)!.status = 'cancelled';
  // The flat shipping fee rides on one shipment: if that one is gone, the next one still to ship carries it.
  const nextOpen = orderShipments.find((s) => OPEN.includes(after.get(s.id)!.status));
  const movedTo = new Map<string, number>();
  for (const id of emptied) {
    const fee = after.get(id)!.shippingCents;
    if (fee === 0) continue;
    after.get(id)!.shippingCents = 0;
    if (nextOpen) {
      after.get(nextOpen.id)!.shippingCents += fee;
      movedTo.set(id, nextOpen.sequence);
    }
  }
  const readyIds = new Set(
    (await tx.execute<{ id: string }>(readyAmong(sql`select unnest(${`{${touched.join(',')}}`}::uuid[]) as shipment_id`))).map((r) => r.id),
  );
  for (const id of readyIds) after.get(id)!.status = 'ready_to_ship';

  for (const s of orderShipments) {
    const next = after.get(s.id)!;
    const removedCents = cancelled.filter((sl) => sl.shipmentId === s.id).reduce((n, sl) => n + sl.amountCents, 0);
    if (removedCents === 0 && next.status === s.status && next.shippingCents === s.shippingCents) continue;
    await tx
      .update(shipments)
      .set({
        status: next.status,
        itemsCents: sql`${shipments.itemsCents} - ${removedCents}`,
        shippingCents: next.shippingCents,
        amountCents: sql`${shipments.itemsCents} - ${removedCents} + ${next.shippingCents}`,
        updatedAt: sql`now()`,
      })
      .where(eq(shipments.id, s.id));
    if (next.status !== s.status) {
      events.push({
        orderId: order.id,
        shipmentId: s.id,
        type: next.status === 'cancelled' ? 'shipment.cancelled' : 'shipment.ready',
        fromStatus: s.status,
        toStatus: next.status,
        data: movedTo.has(s.id) ? { shippingMovedToShipment: movedTo.get(s.id) } : {},
      });
    }
  }

  const statuses = orderShipments.map((s) => after.get(s.id)!.status);
  const orderStatus = settledStatus(statuses);
  if (orderStatus !== order.status) {
    await tx
      .update(orders)
      .set({ status: orderStatus, updatedAt: sql`now()` })
      .where(eq(orders.id, order.id));
    events.push({
      orderId: order.id,
      type: orderStatus === 'cancelled' ? 'order.cancelled' : 'order.status_changed',
      fromStatus: order.status,
      toStatus: orderStatus,
      data: { reason: request.reason, by: request.actor },
    });
  }
  await recordOrderEvents(tx, events);

  // --- What the freed stock does next ------------------------------------------------------------
  let allocation: Allocation = NOTHING_ALLOCATED;
  for (const [variantId, t] of freed) {
    if (t.committed === 0) continue;
    const a = await allocateArrivals(tx, variantId, today);
    allocation = { units: allocation.units + a.units, lines: allocation.lines + a.lines, readyShipments: allocation.readyShipments + a.readyShipments };
  }
  const changedVariants = [...freed.keys()];
  await recomputeWaitingDates(tx, changedVariants, today);
  // A shipment the cancelled line held back now ships when its other lines can.
  await redateShipmentsOf(
    tx,
    remainingLines.filter((sl) => touched.includes(sl.shipmentId)).map((sl) => sl.orderLineId),
  );
  const slugs = (
    await tx
      .select({ slug: products.slug })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .where(inArray(variants.id, changedVariants))
  ).map((p) => p.slug);
  slugs.splice(0, slugs.length, ...new Set(slugs));
  await invalidateProducts(tx, slugs);
  await notifyRestocks(tx, slugs, today);

  // --- The shopper's email -----------------------------------------------------------------------
  const [remaining] = await tx.execute<{ cents: number }>(sql`
    select coalesce(sum(amount_cents), 0)::int as cents from shipments
    where order_id = ${order.id} and status in ('planned', 'ready_to_ship', 'payment_failed', 'charging')`);
  const answerBys = [...unitsByLine.keys()].map((id) => entryOf.get(id)?.answerBy ?? null).filter((d): d is string => d !== null);
  const payload: OrderCancelledPayload = {
    orderNumber: order.number,
    orderUrl: `${siteUrl()}/orders/${order.token}`,
    fullName: order.fullName,
    currency: order.currency,
    reason: request.reason,
    answerBy: request.reason === 'no_agreement' ? (answerBys.sort()[0] ?? null) : null,
    lines: [...unitsByLine].map(([lineId, quantity]) => {
      const line = lineById.get(lineId)!;
      return {
        title: lineTitle(line.productTitle, line.variantTitle),
        quantity,
        amountCents: cancelled.filter((sl) => sl.orderLineId === lineId).reduce((n, sl) => n + sl.amountCents, 0),
      };
    }),
    orderCancelled: orderStatus === 'cancelled',
    remainingCents: orderStatus === 'cancelled' ? 0 : (remaining?.cents ?? 0),
    writtenOn: today,
  };
  await enqueueEmails(tx, [{ kind: 'order_cancelled', to: order.email, orderId: order.id, payload }]);

  const units = [...unitsByLine.values()].reduce((n, u) => n + u, 0);
  return { ok: true, number: order.number, lines: unitsByLine.size, units, orderCancelled: orderStatus === 'cancelled', allocation };
}

/** An order's status from its shipments': cancelled when all are, shipped when all that are left shipped. */
export function settledStatus(statuses: readonly ShipmentStatus[]): OrderStatus {
  const left = statuses.filter((s) => s !== 'cancelled');
  if (left.length === 0) return 'cancelled';
  const shipped = left.filter((s) => s === 'shipped').length;
  if (shipped === left.length) return 'shipped';
  return shipped > 0 ? 'partially_shipped' : 'placed';
}
