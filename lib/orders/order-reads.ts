import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { db as appDb, type Database, type Executor } from '@/db/client';
import { orderLines, orders, shipmentLines, shipments, waitingQueue, type OrderStatus, type ShipmentKind, type ShipmentStatus } from '@/db/schema';
import type { PostalAddress } from '@/lib/checkout/address-format';
import { trackingUrl } from '@/lib/shipping/tracking';
import type { LineQueueDate } from './waiting-line-copy';

/** An order as its page shows it: what the link's holder may see, nothing more (no Stripe ids). */
export interface OrderView extends PostalAddress {
  number: number;
  status: OrderStatus;
  placedAt: string;
  email: string;
  currency: string;
  itemsCents: number;
  shippingCents: number;
  totalCents: number;
  card: { brand: string; last4: string; expMonth: number; expYear: number };
  consentText: string | null;
  lines: OrderLineView[];
  shipments: ShipmentView[];
  /**
   * Set once anything on the order was cancelled: what came off the total as placed, and the total
   * of what is left (the amounts of its shipments that are not cancelled). Null otherwise.
   */
  cancellations: { cancelledCents: number; remainingCents: number } | null;
}

export interface OrderLineView {
  id: string;
  productSlug: string;
  title: string;
  variantTitle: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
  /** Units taken off the order before they shipped: never charged. */
  cancelledQuantity: number;
  shipNow: number;
  later: number;
  laterKind: 'backorder' | 'preorder' | null;
  /** The date promised at placement (ship-by or release); the current one is queue.expectedDate. */
  laterDate: string | null;
  /**
   * The line's later units in the waiting queue: filled yet or not, and their current date (none
   * once cancelled: a cancelled line has no date). Null when all shipped from stock.
   */
  queue: LineQueueDate | null;
  /** Where this line's units are: one entry per shipment that carries some of them, cancelled ones included. */
  parts: { sequence: number; quantity: number; cancelled: boolean }[];
}

export interface ShipmentView {
  sequence: number;
  kind: ShipmentKind;
  expectedDate: string | null;
  status: ShipmentStatus;
  itemsCents: number;
  shippingCents: number;
  amountCents: number;
  /** Once shipped: when (ISO timestamp), what the card was charged (0 when there was nothing to charge) and how to follow it. */
  shippedAt: string | null;
  chargedCents: number;
  /** What was refunded of that charge, 0 when nothing was. */
  refundedCents: number;
  carrier: string | null;
  trackingNumber: string | null;
  /** The carrier's tracking page for the number, when the carrier is one the store knows. */
  trackingUrl: string | null;
  /** A cancelled line stays listed for the record; its amount is no longer in the shipment's. */
  lines: { lineId: string; quantity: number; amountCents: number; cancelled: boolean }[];
}

/** The order page's link token: 32 random bytes, base64url. */
export function isOrderToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

export async function readOrderByToken(token: string, database: Database = appDb): Promise<OrderView | null> {
  if (!isOrderToken(token)) return null;
  // One snapshot: a cancellation changes lines, shipments and the queue together, and the page's
  // totals must agree with its lines.
  return database.transaction((tx) => readOrder(tx, token), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

async function readOrder(tx: Executor, token: string): Promise<OrderView | null> {
  const [order] = await tx.select().from(orders).where(eq(orders.publicToken, token));
  if (!order) return null;
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.position));
  const planned = await tx.select().from(shipments).where(eq(shipments.orderId, order.id)).orderBy(asc(shipments.sequence));
  const parts = planned.length
    ? await tx
        .select()
        .from(shipmentLines)
        .where(
          inArray(
            shipmentLines.shipmentId,
            planned.map((s) => s.id),
          ),
        )
    : [];
  const queue = lines.some((l) => l.laterQuantity > 0)
    ? await tx
        .select({ orderLineId: waitingQueue.orderLineId, status: waitingQueue.status, expectedDate: waitingQueue.expectedDate })
        .from(waitingQueue)
        .where(
          inArray(
            waitingQueue.orderLineId,
            lines.map((l) => l.id),
          ),
        )
    : [];
  // A cancelled entry keeps the date it last had; nothing ships then, so the page never gets it.
  const queueOf = new Map(
    queue.map(({ orderLineId, status, expectedDate }) => [orderLineId, { status, expectedDate: status === 'cancelled' ? null : expectedDate }]),
  );
  const sequenceOf = new Map(planned.map((s) => [s.id, s.sequence]));
  const anyCancelled = lines.some((l) => l.cancelledQuantity > 0);
  // What is left to pay is what the shipments still say (cancelling took the lines' amounts off
  // them and moved the shipping fee on), not a sum worked out here again.
  const remainingCents = planned.filter((s) => s.status !== 'cancelled').reduce((n, s) => n + s.amountCents, 0);
  return {
    number: order.number,
    status: order.status,
    placedAt: order.placedAt.toISOString(),
    email: order.email,
    fullName: order.fullName,
    addressLine: order.addressLine,
    city: order.city,
    region: order.region,
    postalCode: order.postalCode,
    country: order.country,
    currency: order.currency,
    itemsCents: order.itemsCents,
    shippingCents: order.shippingCents,
    totalCents: order.totalCents,
    card: { brand: order.cardBrand, last4: order.cardLast4, expMonth: order.cardExpMonth, expYear: order.cardExpYear },
    consentText: order.consentText,
    lines: lines.map((l) => ({
      id: l.id,
      productSlug: l.productSlug,
      title: l.productTitle,
      variantTitle: l.variantTitle,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      lineTotalCents: l.lineTotalCents,
      cancelledQuantity: l.cancelledQuantity,
      shipNow: l.shipNowQuantity,
      later: l.laterQuantity,
      laterKind: l.laterKind,
      laterDate: l.laterDate,
      queue: queueOf.get(l.id) ?? null,
      parts: parts
        .filter((p) => p.orderLineId === l.id)
        .map((p) => ({ sequence: sequenceOf.get(p.shipmentId)!, quantity: p.quantity, cancelled: p.cancelledAt !== null }))
        .sort((a, b) => a.sequence - b.sequence),
    })),
    shipments: planned.map((s) => ({
      sequence: s.sequence,
      kind: s.kind,
      expectedDate: s.expectedDate,
      status: s.status,
      itemsCents: s.itemsCents,
      shippingCents: s.shippingCents,
      amountCents: s.amountCents,
      shippedAt: s.shippedAt?.toISOString() ?? null,
      chargedCents: s.chargedCents,
      refundedCents: s.refundedCents,
      // Typed when "Ship" was pressed; the shopper sees them once it has actually shipped.
      carrier: s.status === 'shipped' ? s.carrier : null,
      trackingNumber: s.status === 'shipped' ? s.trackingNumber : null,
      trackingUrl: s.status === 'shipped' ? trackingUrl(s.carrier, s.trackingNumber) : null,
      lines: parts
        .filter((p) => p.shipmentId === s.id)
        .map((p) => ({ lineId: p.orderLineId, quantity: p.quantity, amountCents: p.amountCents, cancelled: p.cancelledAt !== null })),
    })),
    cancellations: anyCancelled ? { cancelledCents: order.totalCents - remainingCents, remainingCents } : null,
  };
}
