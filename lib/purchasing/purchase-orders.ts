import 'server-only';
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { db as appDb, type Database, type Tx } from '@/db/client';
import { products, purchaseOrderLines, purchaseOrders, variants, type PurchaseOrder, type PurchaseOrderStatus } from '@/db/schema';
import { invalidateProducts } from '@/lib/cache/invalidate';
import { recomputeWaitingDates } from '@/lib/orders/waiting-dates';
import { lineTitle } from '@/lib/catalog/line-title';
import { CHECK_FIELDS, type FieldErrors } from '@/lib/forms/action-result';
import { containsPattern } from '@/lib/forms/like-pattern';
import { changeStockIn } from '@/lib/inventory/adjust-stock';
import { NOTHING_ALLOCATED, type Allocation } from '@/lib/orders/allocate-arrivals';
import {
  actorInput,
  looksLikePurchaseOrderNumber,
  MAX_PAGE,
  moveDateInput,
  newPurchaseOrderInput,
  parsePurchaseOrderNumber,
  purchaseOrderFieldErrors,
  purchaseOrderNumberIn,
  purchaseOrderRefInput,
  PURCHASE_ORDERS_PAGE_SIZE,
  receiptInput,
  receiptReason,
  type NewPurchaseOrderInput,
  type PurchaseOrderFilters,
  type PurchaseOrderFormValues,
  type ReceiptLineInput,
} from './purchase-order-input';

/**
 * Purchase orders: what staff order from suppliers, when it is expected, and receiving it. Every
 * change runs in one transaction that locks the purchase order's row first, so two people moving,
 * cancelling or receiving the same one at once take turns and each sees what the other did.
 * Receiving adds the units to stock through changeStockIn in the same transaction (the ledger row,
 * waiting orders filled first in first out, the page cache, back-in-stock emails). Creating, moving
 * and cancelling change the dates product pages show, so they drop those pages from the cache too.
 */

export type PurchaseOrderErrorCode = 'invalid' | 'not_found' | 'received' | 'cancelled' | 'unknown_line' | 'more_than_open';

/** An expected refusal: bad input, an unknown purchase order, one that is closed, too many units. Nothing was changed. */
export interface PurchaseOrderFailure {
  ok: false;
  code: PurchaseOrderErrorCode;
  error: string;
  fieldErrors?: FieldErrors;
}
export type PurchaseOrderResult<T extends object = object> = ({ ok: true } & T) | PurchaseOrderFailure;

export interface PurchasingOptions {
  database?: Database;
  /** Today's calendar date (UTC), for the "today or later" rule; tests pass their own. */
  today?: string;
}

export const ALREADY_RECEIVED = 'This purchase order is already received.';
export const CANCELLED = 'This purchase order is cancelled.';
export const notFoundText = (number: number) => `There is no purchase order ${number}.`;
export const unknownSkuText = (sku: string) => `No active variant has the SKU “${sku}”.`;

function fail(code: PurchaseOrderErrorCode, error: string, fieldErrors?: FieldErrors): PurchaseOrderFailure {
  return { ok: false, code, error, ...(fieldErrors ? { fieldErrors } : {}) };
}

/** One message alone is the answer; several point at the fields. */
function invalid(error: z.ZodError): PurchaseOrderFailure {
  const fieldErrors = purchaseOrderFieldErrors(error);
  return fail('invalid', error.issues.length === 1 ? error.issues[0]!.message : CHECK_FIELDS, fieldErrors);
}

/** Why a purchase order in this status cannot change, or null when it can (it is still expecting units). */
function closedRefusal(po: Pick<PurchaseOrder, 'status'>): PurchaseOrderFailure | null {
  if (po.status === 'received') return fail('received', ALREADY_RECEIVED);
  if (po.status === 'cancelled') return fail('cancelled', CANCELLED);
  return null;
}

async function lockPurchaseOrder(tx: Tx, number: number): Promise<PurchaseOrder | null> {
  const [po] = await tx.select().from(purchaseOrders).where(eq(purchaseOrders.number, number)).for('update');
  return po ?? null;
}

/** The slugs of the products on a purchase order: their pages show dates that come from it. */
async function productSlugs(tx: Tx, purchaseOrderId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ slug: products.slug })
    .from(purchaseOrderLines)
    .innerJoin(variants, eq(variants.id, purchaseOrderLines.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(purchaseOrderLines.purchaseOrderId, purchaseOrderId));
  return rows.map((r) => r.slug);
}

/** The variants on a purchase order: the dates of the orders waiting for them follow it. */
async function variantIdsOf(tx: Tx, purchaseOrderId: string): Promise<string[]> {
  const rows = await tx.select({ id: purchaseOrderLines.variantId }).from(purchaseOrderLines).where(eq(purchaseOrderLines.purchaseOrderId, purchaseOrderId));
  return rows.map((r) => r.id);
}

// --- Creating ----------------------------------------------------------------------------------

/**
 * A new purchase order, open, with its lines. SKUs are looked up case-insensitively among variants
 * that are not archived (nor their products); an unknown one is a field error on its line, naming
 * it. Field errors are keyed by path (`lines.2.sku`, by the row as given). Returns its number.
 */
export async function createPurchaseOrder(
  input: NewPurchaseOrderInput | PurchaseOrderFormValues,
  actor: string,
  options: PurchasingOptions = {},
): Promise<PurchaseOrderResult<{ number: number }>> {
  const createdBy = actorInput.parse(actor);
  const parsed = newPurchaseOrderInput(options.today).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { supplier, expectedDate, lines } = parsed.data;
  const database = options.database ?? appDb;

  return database.transaction(async (tx) => {
    const found = await tx
      .select({ id: variants.id, sku: variants.sku, slug: products.slug })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .where(
        and(
          inArray(
            sql`upper(${variants.sku})`,
            lines.map((l) => l.sku),
          ),
          isNull(variants.archivedAt),
          isNull(products.archivedAt),
        ),
      );
    // SKUs are unique as written, not by case: should two differ only by case, the exact one wins.
    const bySku = new Map<string, (typeof found)[number]>();
    for (const v of found) {
      const key = v.sku.toUpperCase();
      if (!bySku.has(key) || v.sku === key) bySku.set(key, v);
    }
    const unknown = lines.filter((l) => !bySku.has(l.sku));
    if (unknown.length > 0) {
      const fieldErrors = Object.fromEntries(unknown.map((l) => [`lines.${l.row}.sku`, [unknownSkuText(l.sku)]]));
      return fail('invalid', unknown.length === 1 ? unknownSkuText(unknown[0]!.sku) : CHECK_FIELDS, fieldErrors);
    }

    const [po] = await tx
      .insert(purchaseOrders)
      .values({ supplier, expectedDate, createdBy })
      .returning({ id: purchaseOrders.id, number: purchaseOrders.number });
    await tx.insert(purchaseOrderLines).values(lines.map((l) => ({ purchaseOrderId: po!.id, variantId: bySku.get(l.sku)!.id, quantity: l.quantity })));
    // Stock on its way re-dates the orders waiting for it, in this transaction.
    await recomputeWaitingDates(
      tx,
      lines.map((l) => bySku.get(l.sku)!.id),
      options.today,
    );
    await invalidateProducts(tx, [...new Set(lines.map((l) => bySku.get(l.sku)!.slug))]);
    return { ok: true as const, number: po!.number };
  });
}

// --- Moving and cancelling ---------------------------------------------------------------------

/**
 * Moves an open or partly received purchase order's expected date (today or later). Moving it to
 * the date it already has changes nothing and says so (`changed: false`).
 */
export async function moveExpectedDate(
  number: number | string,
  expectedDate: string,
  options: PurchasingOptions = {},
): Promise<PurchaseOrderResult<{ changed: boolean; expectedDate: string; previousDate: string }>> {
  const parsed = moveDateInput(options.today).safeParse({ number, expectedDate });
  if (!parsed.success) return invalid(parsed.error);
  const input = parsed.data;
  return (options.database ?? appDb).transaction(async (tx) => {
    const po = await lockPurchaseOrder(tx, input.number);
    if (!po) return fail('not_found', notFoundText(input.number));
    const refusal = closedRefusal(po);
    if (refusal) return refusal;
    if (po.expectedDate === input.expectedDate) return { ok: true as const, changed: false, expectedDate: po.expectedDate, previousDate: po.expectedDate };
    await tx
      .update(purchaseOrders)
      .set({ expectedDate: input.expectedDate, updatedAt: sql`now()` })
      .where(eq(purchaseOrders.id, po.id));
    // A later arrival is a delay for the orders it covers (emailed); an earlier one moves them up quietly.
    await recomputeWaitingDates(tx, await variantIdsOf(tx, po.id), options.today);
    await invalidateProducts(tx, await productSlugs(tx, po.id));
    return { ok: true as const, changed: true, expectedDate: input.expectedDate, previousDate: po.expectedDate };
  });
}

/**
 * Cancels an open or partly received purchase order: its open units are no longer expected; what
 * was received stays in stock. Cancelling one already cancelled changes nothing (`changed: false`).
 */
export async function cancelPurchaseOrder(number: number | string, options: PurchasingOptions = {}): Promise<PurchaseOrderResult<{ changed: boolean }>> {
  const parsed = purchaseOrderRefInput.safeParse({ number });
  if (!parsed.success) return invalid(parsed.error);
  const input = parsed.data;
  return (options.database ?? appDb).transaction(async (tx) => {
    const po = await lockPurchaseOrder(tx, input.number);
    if (!po) return fail('not_found', notFoundText(input.number));
    if (po.status === 'cancelled') return { ok: true as const, changed: false };
    if (po.status === 'received') return fail('received', ALREADY_RECEIVED);
    await tx
      .update(purchaseOrders)
      .set({ status: 'cancelled', updatedAt: sql`now()` })
      .where(eq(purchaseOrders.id, po.id));
    await recomputeWaitingDates(tx, await variantIdsOf(tx, po.id), options.today);
    await invalidateProducts(tx, await productSlugs(tx, po.id));
    return { ok: true as const, changed: true };
  });
}

// --- Receiving ---------------------------------------------------------------------------------

export interface Receipt {
  number: number;
  /** The purchase order's status afterwards: partly_received or received. */
  status: PurchaseOrderStatus;
  /** Units received, over all lines. */
  units: number;
  /** Each line that received units, in the order they were received (by variant). */
  lines: { lineId: string; sku: string; units: number }[];
  /** What the units did for waiting orders, summed over the lines (allocationText words it). */
  allocation: Allocation;
}

const unitsText = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'unit' : 'units'}`;

/**
 * Receives units on lines of an open or partly received purchase order, in one transaction: each
 * line's received quantity, its stock (ledger row "Received: PO <n> from <supplier>", waiting
 * orders filled first), then the purchase order's status. More than a line still expects is
 * refused and nothing changes. Lines are received in variant order, the order every receipt takes
 * its variants' locks in, so two receipts sharing variants never deadlock.
 */
export async function receive(
  number: number | string,
  lines: ReceiptLineInput[],
  actor: string,
  options: PurchasingOptions = {},
): Promise<PurchaseOrderResult<Receipt>> {
  const by = actorInput.parse(actor);
  const parsed = receiptInput.safeParse({ number, lines });
  if (!parsed.success) return invalid(parsed.error);
  const input = parsed.data;
  return (options.database ?? appDb).transaction((tx) => receiveIn(tx, input.number, input.lines, by, options.today));
}

/** Receives every unit still open on every line of an open or partly received purchase order. */
export async function receiveAll(number: number | string, actor: string, options: PurchasingOptions = {}): Promise<PurchaseOrderResult<Receipt>> {
  const by = actorInput.parse(actor);
  const parsed = purchaseOrderRefInput.safeParse({ number });
  if (!parsed.success) return invalid(parsed.error);
  const input = parsed.data;
  return (options.database ?? appDb).transaction((tx) => receiveIn(tx, input.number, 'all', by, options.today));
}

async function receiveIn(
  tx: Tx,
  number: number,
  asked: { lineId: string; quantity: number }[] | 'all',
  actor: string,
  today?: string,
): Promise<PurchaseOrderResult<Receipt>> {
  // First, and for update: a concurrent receipt of the same purchase order waits here, then reads what this one received.
  const po = await lockPurchaseOrder(tx, number);
  if (!po) return fail('not_found', notFoundText(number));
  const refusal = closedRefusal(po);
  if (refusal) return refusal;

  const lines = await tx
    .select({
      id: purchaseOrderLines.id,
      variantId: purchaseOrderLines.variantId,
      quantity: purchaseOrderLines.quantity,
      received: purchaseOrderLines.receivedQuantity,
      sku: variants.sku,
    })
    .from(purchaseOrderLines)
    .innerJoin(variants, eq(variants.id, purchaseOrderLines.variantId))
    .where(eq(purchaseOrderLines.purchaseOrderId, po.id))
    .orderBy(asc(purchaseOrderLines.variantId));
  // Every variant of the order, locked up front in id order (as placement does): receiving one line
  // touches shipments that may also hold another line's variant, which another change may lock.
  await tx
    .select({ id: variants.id })
    .from(variants)
    .where(
      inArray(
        variants.id,
        lines.map((l) => l.variantId),
      ),
    )
    .orderBy(asc(variants.id))
    .for('no key update');

  const takes = new Map<string, number>();
  if (asked === 'all') {
    for (const l of lines) if (l.quantity > l.received) takes.set(l.id, l.quantity - l.received);
  } else {
    const fieldErrors: FieldErrors = {};
    const messages: string[] = [];
    const refuse = (key: string, message: string) => {
      fieldErrors[key] = [message];
      messages.push(message);
    };
    asked.forEach((a, i) => {
      const line = lines.find((l) => l.id === a.lineId);
      if (!line) return refuse(`lines.${i}.lineId`, 'That line is not on this purchase order.');
      if (takes.has(line.id)) return refuse(`lines.${i}.lineId`, `${line.sku} is listed twice.`);
      const open = line.quantity - line.received;
      if (a.quantity > open)
        return refuse(
          `lines.${i}.quantity`,
          open === 0 ? `Every unit of ${line.sku} is already received.` : `Only ${unitsText(open)} of ${line.sku} ${open === 1 ? 'is' : 'are'} still expected.`,
        );
      takes.set(line.id, a.quantity);
    });
    if (messages.length > 0)
      return fail(messages.length === 1 ? 'more_than_open' : 'invalid', messages.length === 1 ? messages[0]! : CHECK_FIELDS, fieldErrors);
  }

  const reason = receiptReason(po.number, po.supplier);
  const received: Receipt['lines'] = [];
  const allocation = { ...NOTHING_ALLOCATED };
  for (const line of lines) {
    const take = takes.get(line.id);
    if (!take) continue;
    await tx
      .update(purchaseOrderLines)
      .set({ receivedQuantity: sql`${purchaseOrderLines.receivedQuantity} + ${take}` })
      .where(eq(purchaseOrderLines.id, line.id));
    const result = await changeStockIn(tx, { variantId: line.variantId, change: take, kind: 'received', reason, actor }, today);
    allocation.units += result.allocation.units;
    allocation.lines += result.allocation.lines;
    allocation.readyShipments += result.allocation.readyShipments;
    received.push({ lineId: line.id, sku: line.sku, units: take });
    line.received += take;
  }

  const status: PurchaseOrderStatus = lines.every((l) => l.received >= l.quantity) ? 'received' : 'partly_received';
  await tx
    .update(purchaseOrders)
    .set({ status, updatedAt: sql`now()` })
    .where(eq(purchaseOrders.id, po.id));
  return { ok: true as const, number: po.number, status, units: received.reduce((n, l) => n + l.units, 0), lines: received, allocation };
}

// --- Reading -----------------------------------------------------------------------------------

export interface PurchaseOrderListRow {
  number: number;
  supplier: string;
  expectedDate: string;
  status: PurchaseOrderStatus;
  createdAt: Date;
  /** Units ordered and received, over all lines. */
  ordered: number;
  received: number;
}

export interface PurchaseOrderList {
  rows: PurchaseOrderListRow[];
  page: number;
  pageSize: number;
  /** Purchase orders matching the filters, on every page. */
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

function listWhere(filters: Omit<PurchaseOrderFilters, 'page'>): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.q) {
    // A number is a purchase order number, and only that: "12" should not also list every SKU with 12 in it.
    if (looksLikePurchaseOrderNumber(filters.q)) {
      const number = purchaseOrderNumberIn(filters.q);
      conditions.push(number === null ? sql`false` : eq(purchaseOrders.number, number));
    } else {
      const pattern = containsPattern(filters.q);
      conditions.push(
        or(
          ilike(purchaseOrders.supplier, pattern),
          sql`exists (select 1 from ${purchaseOrderLines} l join ${variants} v on v.id = l.variant_id
                      where l.purchase_order_id = ${purchaseOrders.id} and v.sku ilike ${pattern})`,
        )!,
      );
    }
  }
  if (filters.status) conditions.push(eq(purchaseOrders.status, filters.status));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** Every purchase order, newest first, a page at a time, with its units received of ordered. */
export async function listPurchaseOrders(filters: PurchaseOrderFilters, database: Database = appDb): Promise<PurchaseOrderList> {
  const page = Number.isInteger(filters.page) && filters.page >= 1 ? Math.min(filters.page, MAX_PAGE) : 1;
  const where = listWhere(filters);
  const [rows, [counted]] = await Promise.all([
    database
      .select({
        number: purchaseOrders.number,
        supplier: purchaseOrders.supplier,
        expectedDate: purchaseOrders.expectedDate,
        status: purchaseOrders.status,
        createdAt: purchaseOrders.createdAt,
        ordered: sql<number>`coalesce(sum(${purchaseOrderLines.quantity}), 0)::int`,
        received: sql<number>`coalesce(sum(${purchaseOrderLines.receivedQuantity}), 0)::int`,
      })
      .from(purchaseOrders)
      .leftJoin(purchaseOrderLines, eq(purchaseOrderLines.purchaseOrderId, purchaseOrders.id))
      .where(where)
      .groupBy(purchaseOrders.id)
      .orderBy(desc(purchaseOrders.createdAt), desc(purchaseOrders.number))
      .limit(PURCHASE_ORDERS_PAGE_SIZE)
      .offset((page - 1) * PURCHASE_ORDERS_PAGE_SIZE),
    database.select({ total: count() }).from(purchaseOrders).where(where),
  ]);
  const total = counted?.total ?? 0;
  return { rows, page, pageSize: PURCHASE_ORDERS_PAGE_SIZE, total, hasPrevious: page > 1, hasNext: page * PURCHASE_ORDERS_PAGE_SIZE < total };
}

export interface PurchaseOrderDetailLine {
  id: string;
  variantId: string;
  sku: string;
  /** lineTitle(product, variant): "Linen Camp Shirt — L / Navy". */
  product: string;
  quantity: number;
  received: number;
  /** Units still expected: none once the purchase order is received or cancelled. */
  open: number;
}

export interface PurchaseOrderDetail {
  number: number;
  supplier: string;
  expectedDate: string;
  status: PurchaseOrderStatus;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** By SKU. */
  lines: PurchaseOrderDetailLine[];
  ordered: number;
  received: number;
  open: number;
}

/** One purchase order with its lines; null for a number that is malformed or unknown. */
export async function purchaseOrderDetail(numberText: string | number, database: Database = appDb): Promise<PurchaseOrderDetail | null> {
  const number = parsePurchaseOrderNumber(numberText);
  if (number === null) return null;
  const [po] = await database.select().from(purchaseOrders).where(eq(purchaseOrders.number, number));
  if (!po) return null;
  const rows = await database
    .select({
      id: purchaseOrderLines.id,
      variantId: purchaseOrderLines.variantId,
      sku: variants.sku,
      productTitle: products.title,
      variantTitle: variants.title,
      quantity: purchaseOrderLines.quantity,
      received: purchaseOrderLines.receivedQuantity,
    })
    .from(purchaseOrderLines)
    .innerJoin(variants, eq(variants.id, purchaseOrderLines.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(purchaseOrderLines.purchaseOrderId, po.id))
    .orderBy(asc(variants.sku));
  const expecting = po.status === 'open' || po.status === 'partly_received';
  const lines = rows.map(({ productTitle, variantTitle, ...l }) => ({
    ...l,
    product: lineTitle(productTitle, variantTitle),
    open: expecting ? l.quantity - l.received : 0,
  }));
  const sum = (pick: (l: PurchaseOrderDetailLine) => number) => lines.reduce((n, l) => n + pick(l), 0);
  return {
    number: po.number,
    supplier: po.supplier,
    expectedDate: po.expectedDate,
    status: po.status,
    createdBy: po.createdBy,
    createdAt: po.createdAt,
    updatedAt: po.updatedAt,
    lines,
    ordered: sum((l) => l.quantity),
    received: sum((l) => l.received),
    open: sum((l) => l.open),
  };
}
