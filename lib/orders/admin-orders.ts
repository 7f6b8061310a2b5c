import 'server-only';
import { and, asc, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import {
  orderEvents,
  orderLines,
  orders,
  outboxMessages,
  shipmentLines,
  shipments,
  waitingQueue,
  type EmailKind,
  type EmailStatus,
  type OrderStatus,
  type QueueEntryStatus,
  type ShipmentKind,
  type ShipmentStatus,
} from '@/db/schema';
import type { PostalAddress } from '@/lib/checkout/address-format';
import { lineTitle } from '@/lib/catalog/line-title';
import { EMAIL_KIND_LABELS } from '@/lib/email/messages';
import { MAX_EMAIL_LENGTH } from '@/lib/forms/inputs';
import { trackingUrl } from '@/lib/shipping/tracking';
import { containsPattern } from '@/lib/forms/like-pattern';

/**
 * The admin's view of orders: the list at /admin/orders and one order at /admin/orders/<number>.
 * Staff see everything the order holds except the Stripe ids (the card's brand, last4 and expiry
 * are enough to talk to a customer).
 */

export const ORDERS_PAGE_SIZE = 50;
/** Far past any real store; a bigger page number is treated as junk rather than sent to the database as an offset. */
const MAX_PAGE = 100_000;
/** orders.number is an integer column: anything larger cannot be an order number. */
const MAX_ORDER_NUMBER = 2_147_483_647;

/** The list's status filters. An order can match several (one shipment ready, another still waiting). */
export const ORDER_FILTERS = ['waiting', 'ready_to_ship', 'payment_failed', 'shipped', 'cancelled'] as const;
export type OrderFilter = (typeof ORDER_FILTERS)[number];

export const ORDER_FILTER_LABELS: Record<OrderFilter, string> = {
  waiting: 'Waiting',
  ready_to_ship: 'Ready to ship',
  payment_failed: 'Payment failed',
  shipped: 'Shipped',
  cancelled: 'Cancelled',
};

export interface OrderFilters {
  /** 1-based. */
  page: number;
  /** An order number ("1042" or "#1042"), or part of the customer's email, any case. */
  q?: string;
  status?: OrderFilter;
}

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const filtersSchema = z.object({
  page: z.preprocess(single, z.coerce.number().int().min(1).max(MAX_PAGE)).catch(1),
  q: z
    .preprocess(
      single,
      z
        .string()
        .trim()
        .transform((s) => s.slice(0, MAX_EMAIL_LENGTH))
        .optional(),
    )
    .catch(undefined),
  status: z.preprocess(single, z.enum(ORDER_FILTERS).optional()).catch(undefined),
});

/**
 * The list's filters from the page's query string. Anything unusable (a junk page number, an unknown
 * status, a repeated parameter) falls back to "no filter" rather than an error: it is a search form.
 */
export function parseOrderFilters(searchParams: Record<string, string | string[] | undefined>): OrderFilters {
  const parsed = filtersSchema.parse(searchParams);
  return { page: parsed.page, q: parsed.q || undefined, status: parsed.status };
}

/** "1042" or "#1042" as an order number; null for anything else (including numbers no order can have). */
export function parseOrderNumber(text: string): number | null {
  const match = /^#?(\d{1,10})$/.exec(text.trim());
  if (!match) return null;
  const number = Number(match[1]);
  return number >= 1 && number <= MAX_ORDER_NUMBER ? number : null;
}

export interface OrderListRow {
  number: number;
  placedAt: Date;
  email: string;
  fullName: string;
  totalCents: number;
  currency: string;
  status: OrderStatus;
  /** How many of its shipments are in each status ({ planned: 1, ready_to_ship: 1 }); absent statuses are left out. */
  shipments: Partial<Record<ShipmentStatus, number>>;
}

export interface OrderList {
  rows: OrderListRow[];
  page: number;
  pageSize: number;
  /** Orders matching the filters, on every page. */
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

const hasShipmentIn = (status: ShipmentStatus) =>
  sql`exists (select 1 from ${shipments} where ${shipments.orderId} = ${orders.id} and ${shipments.status} = ${status})`;

function statusCondition(status: OrderFilter): SQL {
  switch (status) {
    case 'waiting':
      return and(ne(orders.status, 'cancelled'), hasShipmentIn('planned'))!;
    case 'ready_to_ship':
      return hasShipmentIn('ready_to_ship');
    case 'payment_failed':
      return hasShipmentIn('payment_failed');
    case 'shipped':
      return or(eq(orders.status, 'shipped'), eq(orders.status, 'partially_shipped'))!;
    case 'cancelled':
      return eq(orders.status, 'cancelled');
  }
}

function whereOf(filters: Omit<OrderFilters, 'page'>): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.q) {
    // Something shaped like a number is an order number, and only that: "1042" should not also
    // list every address with 1042 in it.
    if (/^#?\d+$/.test(filters.q)) {
      const number = parseOrderNumber(filters.q);
      conditions.push(number === null ? sql`false` : eq(orders.number, number));
    } else {
      conditions.push(ilike(orders.email, containsPattern(filters.q)));
    }
  }
  if (filters.status) conditions.push(statusCondition(filters.status));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** Every order, newest first, a page at a time, with how far along each one's shipments are. */
export async function listOrders(filters: OrderFilters, database: Database = appDb): Promise<OrderList> {
  const page = Number.isInteger(filters.page) && filters.page >= 1 ? Math.min(filters.page, MAX_PAGE) : 1;
  const where = whereOf(filters);
  const [found, [counted]] = await Promise.all([
    database
      .select({
        id: orders.id,
        number: orders.number,
        placedAt: orders.placedAt,
        email: orders.email,
        fullName: orders.fullName,
        totalCents: orders.totalCents,
        currency: orders.currency,
        status: orders.status,
      })
      .from(orders)
      .where(where)
      .orderBy(desc(orders.placedAt), desc(orders.number))
      .limit(ORDERS_PAGE_SIZE)
      .offset((page - 1) * ORDERS_PAGE_SIZE),
    database.select({ total: count() }).from(orders).where(where),
  ]);
  const summaries = found.length
    ? await database
        .select({ orderId: shipments.orderId, status: shipments.status, shipments: count() })
        .from(shipments)
        .where(
          inArray(
            shipments.orderId,
            found.map((o) => o.id),
          ),
        )
        .groupBy(shipments.orderId, shipments.status)
    : [];
  const rows = found.map(({ id, ...order }) => ({
    ...order,
    shipments: Object.fromEntries(summaries.filter((s) => s.orderId === id).map((s) => [s.status, s.shipments])) as Partial<Record<ShipmentStatus, number>>,
  }));
  const total = counted?.total ?? 0;
  return { rows, page, pageSize: ORDERS_PAGE_SIZE, total, hasPrevious: page > 1, hasNext: page * ORDERS_PAGE_SIZE < total };
}

export interface AdminOrderQueueEntry {
  status: QueueEntryStatus;
  units: number;
  allocatedUnits: number;
  /** Place in the variant's queue while waiting ("3 of 7": position 3, count 7); null once allocated or cancelled. */
  position: number | null;
  /** How many entries wait for the variant, this one included; null when this one is no longer waiting. */
  waitingCount: number | null;
  /** Current date of the waiting units (the line's laterDate is the one promised); null: nothing dates them. */
  expectedDate: string | null;
  /** Times the date moved later than the one the shopper last had. */
  delays: number;
  /** 'needed': the shopper must agree to the delay (US FTC Mail Order Rule); 'agreed' once they have. */
  agreement: 'needed' | 'agreed' | null;
}

export interface AdminOrderLine {
  id: string;
  /** lineTitle(product, variant), as snapshotted at placement. */
  title: string;
  sku: string;
  quantity: number;
  shipNow: number;
  later: number;
  laterKind: 'backorder' | 'preorder' | null;
  laterDate: string | null;
  unitPriceCents: number;
  lineTotalCents: number;
  /** Units taken off the order before they shipped (never charged). */
  cancelledQuantity: number;
  /** Units staff can still cancel: not cancelled, in a shipment that has not been charged or sent. */
  cancellableQuantity: number;
  /** cancellableQuantity > 0: the line gets a "Cancel line" button. */
  cancellable: boolean;
  /** The line's entry in the waiting queue; null when every unit shipped from stock. */
  queue: AdminOrderQueueEntry | null;
}

export interface AdminShipment {
  id: string;
  sequence: number;
  kind: ShipmentKind;
  expectedDate: string | null;
  status: ShipmentStatus;
  itemsCents: number;
  shippingCents: number;
  amountCents: number;
  /** What the card was charged when it shipped: 0 before, and for a shipment with nothing to charge. */
  chargedCents: number;
  /** What was refunded of that charge (a refund still being processed counts: its amount is reserved). */
  refundedCents: number;
  /** While charging: when the current attempt began. */
  chargingSince: Date | null;
  shippedAt: Date | null;
  /** The staff member who pressed "Ship". */
  shippedBy: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  /** The carrier's tracking page for the number, when the carrier is one the store knows. */
  trackingUrl: string | null;
  /** With payment_failed: why (authentication_required, card_declined, expired_card) and the bank's words. */
  failureCode: string | null;
  failureMessage: string | null;
  /**
   * Cancelled lines stay listed (cancelled: true) for the record; the amounts above no longer count
   * them. refundedQuantity: units of the line in this shipment refunded after it shipped.
   */
  lines: { lineId: string; title: string; sku: string; quantity: number; amountCents: number; cancelled: boolean; refundedQuantity: number }[];
}

export interface AdminOrderEvent {
  id: number;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  createdAt: Date;
  /** The shipment the event is about, by its sequence in the order; null for the order itself. */
  shipmentSequence: number | null;
  data: Record<string, unknown>;
}

export interface AdminOrderEmail {
  id: string;
  kind: EmailKind;
  kindLabel: string;
  subject: string;
  status: EmailStatus;
  createdAt: Date;
}

export interface AdminOrder {
  number: number;
  status: OrderStatus;
  placedAt: Date;
  email: string;
  address: PostalAddress;
  currency: string;
  itemsCents: number;
  shippingCents: number;
  totalCents: number;
  /**
   * What the order comes to now: the amounts of its shipments that are not cancelled. null while
   * nothing has been cancelled (then it is totalCents).
   */
  totalAfterCancellationsCents: number | null;
  /** Some line can still be cancelled: the order gets a "Cancel order" button. */
  cancellable: boolean;
  card: { brand: string; last4: string; expMonth: number; expYear: number };
  /** What the shopper agreed to when some units ship later; null when everything shipped from stock. */
  consent: { text: string; at: Date; ip: string | null } | null;
  lines: AdminOrderLine[];
  shipments: AdminShipment[];
  /** The order's history from order_events, oldest first. */
  events: AdminOrderEvent[];
  /** Emails written for the order, newest first. */
  emails: AdminOrderEmail[];
}

/** Shipments whose lines staff can still cancel (the same set lib/orders/cancel-lines.ts cancels from). */
const CANCELLABLE_SHIPMENTS: readonly ShipmentStatus[] = ['planned', 'ready_to_ship', 'payment_failed'];

/** One order as the admin shows it; null for a number that is malformed or unknown. */
export async function orderForAdmin(numberText: string | number, database: Database = appDb): Promise<AdminOrder | null> {
  const number = typeof numberText === 'number' ? (Number.isInteger(numberText) ? parseOrderNumber(String(numberText)) : null) : parseOrderNumber(numberText);
  if (number === null) return null;
  const [order] = await database.select().from(orders).where(eq(orders.number, number));
  if (!order) return null;

  const [lines, planned, queue, events, emails] = await Promise.all([
    database.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.position)),
    database.select().from(shipments).where(eq(shipments.orderId, order.id)).orderBy(asc(shipments.sequence)),
    database
      .select({
        orderLineId: waitingQueue.orderLineId,
        variantId: waitingQueue.variantId,
        status: waitingQueue.status,
        units: waitingQueue.units,
        allocatedUnits: waitingQueue.allocatedUnits,
        position: waitingQueue.position,
        expectedDate: waitingQueue.expectedDate,
        delays: waitingQueue.delays,
        agreement: waitingQueue.agreement,
      })
      .from(waitingQueue)
      .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
      .where(eq(orderLines.orderId, order.id)),
    database
      .select({
        id: orderEvents.id,
        type: orderEvents.type,
        fromStatus: orderEvents.fromStatus,
        toStatus: orderEvents.toStatus,
        createdAt: orderEvents.createdAt,
        shipmentSequence: shipments.sequence,
        data: orderEvents.data,
      })
      .from(orderEvents)
      .leftJoin(shipments, eq(shipments.id, orderEvents.shipmentId))
      .where(eq(orderEvents.orderId, order.id))
      .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)),
    database
      .select({
        id: outboxMessages.id,
        kind: outboxMessages.kind,
        subject: outboxMessages.subject,
        status: outboxMessages.status,
        createdAt: outboxMessages.createdAt,
      })
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id))
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.seq)),
  ]);

  const waitingVariants = [...new Set(queue.filter((q) => q.status === 'waiting').map((q) => q.variantId))];
  const [parts, waitingCounts] = await Promise.all([
    planned.length
      ? database
          .select()
          .from(shipmentLines)
          .where(
            inArray(
              shipmentLines.shipmentId,
              planned.map((s) => s.id),
            ),
          )
      : [],
    waitingVariants.length
      ? database
          .select({ variantId: waitingQueue.variantId, waiting: count() })
          .from(waitingQueue)
          .where(and(inArray(waitingQueue.variantId, waitingVariants), eq(waitingQueue.status, 'waiting')))
          .groupBy(waitingQueue.variantId)
      : [],
  ]);
  const waitingCountOf = new Map(waitingCounts.map((w) => [w.variantId, w.waiting]));
  // The rule lib/orders/cancel-lines.ts applies: only units in a shipment not yet charged or sent can go.
  const openShipments = new Set(planned.filter((s) => CANCELLABLE_SHIPMENTS.includes(s.status)).map((s) => s.id));
  const cancellableOf = new Map<string, number>();
  for (const p of parts) {
    if (p.cancelledAt === null && openShipments.has(p.shipmentId)) cancellableOf.set(p.orderLineId, (cancellableOf.get(p.orderLineId) ?? 0) + p.quantity);
  }
  const anyCancelled = lines.some((l) => l.cancelledQuantity > 0) || planned.some((s) => s.status === 'cancelled');
  const queueOf = new Map(queue.map((q) => [q.orderLineId, q]));
  const lineById = new Map(lines.map((l) => [l.id, l]));

  return {
    number: order.number,
    status: order.status,
    placedAt: order.placedAt,
    email: order.email,
    address: {
      fullName: order.fullName,
      addressLine: order.addressLine,
      city: order.city,
      region: order.region,
      postalCode: order.postalCode,
      country: order.country,
    },
    currency: order.currency,
    itemsCents: order.itemsCents,
    shippingCents: order.shippingCents,
    totalCents: order.totalCents,
    totalAfterCancellationsCents: anyCancelled ? planned.filter((s) => s.status !== 'cancelled').reduce((n, s) => n + s.amountCents, 0) : null,
    cancellable: [...cancellableOf.values()].some((units) => units > 0),
    card: { brand: order.cardBrand, last4: order.cardLast4, expMonth: order.cardExpMonth, expYear: order.cardExpYear },
    consent: order.consentText !== null && order.consentAt !== null ? { text: order.consentText, at: order.consentAt, ip: order.consentIp } : null,
    lines: lines.map((l) => {
      const entry = queueOf.get(l.id);
      return {
        id: l.id,
        title: lineTitle(l.productTitle, l.variantTitle),
        sku: l.sku,
        quantity: l.quantity,
        shipNow: l.shipNowQuantity,
        later: l.laterQuantity,
        laterKind: l.laterKind,
        laterDate: l.laterDate,
        unitPriceCents: l.unitPriceCents,
        lineTotalCents: l.lineTotalCents,
        cancelledQuantity: l.cancelledQuantity,
        cancellableQuantity: cancellableOf.get(l.id) ?? 0,
        cancellable: (cancellableOf.get(l.id) ?? 0) > 0,
        queue: entry
          ? {
              status: entry.status,
              units: entry.units,
              allocatedUnits: entry.allocatedUnits,
              position: entry.status === 'waiting' ? entry.position : null,
              waitingCount: entry.status === 'waiting' ? (waitingCountOf.get(entry.variantId) ?? null) : null,
              expectedDate: entry.expectedDate,
              delays: entry.delays,
              agreement: entry.agreement,
            }
          : null,
      };
    }),
    shipments: planned.map((s) => ({
      id: s.id,
      sequence: s.sequence,
      kind: s.kind,
      expectedDate: s.expectedDate,
      status: s.status,
      itemsCents: s.itemsCents,
      shippingCents: s.shippingCents,
      amountCents: s.amountCents,
      chargedCents: s.chargedCents,
      refundedCents: s.refundedCents,
      chargingSince: s.chargingSince,
      shippedAt: s.shippedAt,
      shippedBy: s.shippedBy,
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      trackingUrl: trackingUrl(s.carrier, s.trackingNumber),
      failureCode: s.failureCode,
      failureMessage: s.failureMessage,
      lines: parts
        .filter((p) => p.shipmentId === s.id)
        .map((p) => ({ line: lineById.get(p.orderLineId)!, part: p }))
        .sort((a, b) => a.line.position - b.line.position)
        .map(({ line, part }) => ({
          lineId: line.id,
          title: lineTitle(line.productTitle, line.variantTitle),
          sku: line.sku,
          quantity: part.quantity,
          amountCents: part.amountCents,
          cancelled: part.cancelledAt !== null,
          refundedQuantity: part.refundedQuantity,
        })),
    })),
    events,
    emails: emails.map((e) => ({ ...e, kindLabel: EMAIL_KIND_LABELS[e.kind] })),
  };
}

/** A line's title ("Cast-iron skillet — 10 inch"), for the admin's messages about it; null when the order has no such line. */
export async function orderLineTitle(number: number, lineId: string, database: Database = appDb): Promise<string | null> {
  const [line] = await database
    .select({ productTitle: orderLines.productTitle, variantTitle: orderLines.variantTitle })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(and(eq(orders.number, number), eq(orderLines.id, lineId)));
  return line ? lineTitle(line.productTitle, line.variantTitle) : null;
}

/** The card an order is charged to ("Visa ending 4242") and its currency, for the admin's messages about a charge; null when there is no such order. */
export async function orderCard(number: number, database: Database = appDb): Promise<{ brand: string; last4: string; currency: string } | null> {
  const [card] = await database
    .select({ brand: orders.cardBrand, last4: orders.cardLast4, currency: orders.currency })
    .from(orders)
    .where(eq(orders.number, number));
  return card ?? null;
}
