import { and, asc, count, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { orderLines, outboxMessages, purchaseOrderLines, purchaseOrders, shipments, stockMovements, variants, waitingQueue } from '@/db/schema';
import { addDays } from '@/lib/catalog/dates';
import { DEFAULT_HANDLING_DAYS } from './handling-days';
import { CACHE_INVALIDATION_CHANNEL } from '@/lib/cache/tags';
import { backorderTo, createTestVariant, inDays, placeTestOrder, TODAY } from '@/lib/orders/testing/fixtures';
import { testConnection } from '@/test/database';
import { DATE_IN_PAST, receiptReason, SKU_ALREADY_ON_ORDER } from './purchase-order-input';
import {
  ALREADY_RECEIVED,
  CANCELLED,
  cancelPurchaseOrder,
  createPurchaseOrder,
  listPurchaseOrders,
  moveExpectedDate,
  notFoundText,
  purchaseOrderDetail,
  receive,
  receiveAll,
  unknownSkuText,
} from './purchase-orders';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const STAFF = 'buyer@example.com';
const options = { database: db, today: TODAY };

const order = (variantId: string, quantity = 1) => placeTestOrder(db, [{ variantId, quantity }]);

/** A new purchase order that must be accepted; its number. */
async function created(lines: { sku: string; quantity: number }[], supplier = 'Acme Supply', expectedDate = inDays(20)) {
  const result = await createPurchaseOrder({ supplier, expectedDate, lines }, STAFF, options);
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.number;
}

async function detail(number: number) {
  const po = await purchaseOrderDetail(number, db);
  if (!po) throw new Error(`no purchase order ${number}`);
  return po;
}

const lineFor = async (number: number, sku: string) => (await detail(number)).lines.find((l) => l.sku === sku)!;

async function onHand(variantId: string) {
  const [row] = await db
    .select({ onHand: variants.onHand, committed: variants.committed, waiting: variants.waiting })
    .from(variants)
    .where(eq(variants.id, variantId));
  return row!;
}

async function ledger(variantId: string) {
  return db
    .select({
      kind: stockMovements.kind,
      change: stockMovements.change,
      onHandAfter: stockMovements.onHandAfter,
      reason: stockMovements.reason,
      actor: stockMovements.actor,
    })
    .from(stockMovements)
    .where(eq(stockMovements.variantId, variantId))
    .orderBy(asc(stockMovements.id));
}

async function purchaseOrderCount() {
  const [row] = await db.select({ n: count() }).from(purchaseOrders);
  return row!.n;
}

async function backorderStatus(orderId: string) {
  const rows = await db
    .select({ status: shipments.status })
    .from(shipments)
    .where(and(eq(shipments.orderId, orderId), eq(shipments.kind, 'backorder')));
  return rows.map((r) => r.status);
}

async function queuePosition(orderId: string) {
  const [row] = await db
    .select({ position: waitingQueue.position, status: waitingQueue.status })
    .from(waitingQueue)
    .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
    .where(eq(orderLines.orderId, orderId));
  return row!;
}

describe('creating a purchase order', () => {
  it('records the supplier, date, lines and who created it, finding SKUs in any case', async () => {
    const a = await createTestVariant(db, { onHand: 0 });
    const b = await createTestVariant(db, { onHand: 4 });
    const result = await createPurchaseOrder(
      {
        supplier: ' Acme Supply ',
        expectedDate: inDays(14),
        lines: [
          { sku: a.sku.toLowerCase(), quantity: 10 },
          { sku: b.sku, quantity: '2' },
        ],
      },
      STAFF,
      options,
    );
    expect(result).toMatchObject({ ok: true, number: expect.any(Number) });
    if (!result.ok) return;
    const po = await detail(result.number);
    expect(po).toMatchObject({
      number: result.number,
      supplier: 'Acme Supply',
      expectedDate: inDays(14),
      status: 'open',
      createdBy: STAFF,
      ordered: 12,
      received: 0,
      open: 12,
    });
    expect(po.lines.map((l) => [l.sku, l.product, l.quantity, l.received, l.open])).toEqual(
      [
        [a.sku, a.title, 10, 0, 10],
        [b.sku, b.title, 2, 0, 2],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
  });

  it('numbers purchase orders in sequence and lists them newest first, filtered by status', async () => {
    const v = await createTestVariant(db, { onHand: 0 });
    const first = await created([{ sku: v.sku, quantity: 1 }]);
    const second = await created([{ sku: v.sku, quantity: 3 }], 'Second Supplier');
    expect(second).toBeGreaterThan(first);
    await cancelPurchaseOrder(first, options);

    const all = await listPurchaseOrders({ page: 1 }, db);
    expect(all.rows[0]).toMatchObject({ number: second, supplier: 'Second Supplier', status: 'open', ordered: 3, received: 0 });
    expect(all.rows.findIndex((r) => r.number === first)).toBeGreaterThan(0);
    const cancelled = await listPurchaseOrders({ page: 1, status: 'cancelled' }, db);
    expect(cancelled.rows.map((r) => r.number)).toContain(first);
    expect(cancelled.rows.every((r) => r.status === 'cancelled')).toBe(true);
    expect(cancelled.rows.map((r) => r.number)).not.toContain(second);
  });

  it('finds purchase orders by number, by part of the supplier, or by a SKU on them, within a status', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const lamp = await createTestVariant(db, { onHand: 0 });
    const mug = await createTestVariant(db, { onHand: 0 });
    const lodge = await created([{ sku: lamp.sku, quantity: 2 }], `Lodge ${tag} Foundry`);
    const mill = await created([{ sku: mug.sku, quantity: 4 }], `Mill ${tag}_works`);
    const numbers = async (q: string, status?: 'open' | 'cancelled') => (await listPurchaseOrders({ page: 1, q, status }, db)).rows.map((r) => r.number);

    expect(await numbers(`lodge ${tag}`)).toEqual([lodge]);
    expect(await numbers(tag)).toEqual([mill, lodge]);
    expect(await numbers(mug.sku.toLowerCase())).toEqual([mill]);
    for (const q of [String(lodge), `#${lodge}`, `PO ${lodge}`, `po${lodge}`]) expect(await numbers(q), q).toEqual([lodge]);
    // % and _ are themselves, not wildcards.
    expect(await numbers(`${tag}_works`)).toEqual([mill]);
    expect(await numbers(`${tag}%works`)).toEqual([]);
    // A number nothing can have finds nothing (rather than failing).
    expect(await numbers('99999999999')).toEqual([]);
    await cancelPurchaseOrder(mill, options);
    expect(await numbers(tag, 'open')).toEqual([lodge]);
    expect(await numbers(tag, 'cancelled')).toEqual([mill]);
  });

  it('refuses bad input and changes nothing', async () => {
    const v = await createTestVariant(db, { onHand: 0 });
    const before = await purchaseOrderCount();
    const cases: [unknown, Record<string, string[]>][] = [
      [{ supplier: '', expectedDate: inDays(3), lines: [{ sku: v.sku, quantity: 1 }] }, { supplier: ['Enter the supplier.'] }],
      [{ supplier: 'Acme', expectedDate: inDays(-1), lines: [{ sku: v.sku, quantity: 1 }] }, { expectedDate: [DATE_IN_PAST] }],
      [
        { supplier: 'Acme', expectedDate: inDays(3), lines: [{ sku: v.sku, quantity: 0 }] },
        { 'lines.0.quantity': ['Enter a whole number from 1 to 1,000,000.'] },
      ],
      [
        {
          supplier: 'Acme',
          expectedDate: inDays(3),
          lines: [
            { sku: v.sku, quantity: 1 },
            { sku: v.sku.toLowerCase(), quantity: 2 },
          ],
        },
        { 'lines.1.sku': [SKU_ALREADY_ON_ORDER] },
      ],
    ];
    for (const [input, fieldErrors] of cases) {
      const result = await createPurchaseOrder(input as never, STAFF, options);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: 'invalid', fieldErrors });
    }
    expect(await purchaseOrderCount()).toBe(before);
  });

  it('refuses an unknown or archived SKU on its line, naming it, and creates nothing', async () => {
    const v = await createTestVariant(db, { onHand: 0 });
    const archived = await createTestVariant(db, { onHand: 0 });
    await db.update(variants).set({ archivedAt: new Date() }).where(eq(variants.id, archived.variantId));
    const before = await purchaseOrderCount();

    const one = await createPurchaseOrder(
      {
        supplier: 'Acme',
        expectedDate: inDays(3),
        lines: [
          { sku: v.sku, quantity: 1 },
          { sku: 'no-such-sku', quantity: 1 },
        ],
      },
      STAFF,
      options,
    );
    expect(one).toEqual({ ok: false, code: 'invalid', error: unknownSkuText('NO-SUCH-SKU'), fieldErrors: { 'lines.1.sku': [unknownSkuText('NO-SUCH-SKU')] } });

    const two = await createPurchaseOrder(
      {
        supplier: 'Acme',
        expectedDate: inDays(3),
        lines: [
          { sku: 'NOPE-1', quantity: 1 },
          { sku: archived.sku, quantity: 1 },
        ],
      },
      STAFF,
      options,
    );
    expect(two).toMatchObject({
      ok: false,
      error: 'Check the highlighted fields.',
      fieldErrors: { 'lines.0.sku': [unknownSkuText('NOPE-1')], 'lines.1.sku': [unknownSkuText(archived.sku)] },
    });
    expect(await purchaseOrderCount()).toBe(before);
  });

  it('drops the pages of its products from the cache on commit (their dates come from purchase orders; receiving puts units on sale)', async () => {
    const v = await createTestVariant(db, { onHand: 0 });
    const listener = postgres(inject('databaseUrl'), { max: 1 });
    const received: string[] = [];
    await listener.listen(CACHE_INVALIDATION_CHANNEL, (payload) => received.push(payload));
    try {
      const number = await created([{ sku: v.sku, quantity: 2 }]);
      await expect.poll(() => received.length).toBe(1);
      expect(JSON.parse(received[0]!).tags).toEqual(['catalog', `product:${v.slug}`]);
      await moveExpectedDate(number, inDays(40), options);
      await expect.poll(() => received.length).toBe(2);
      await cancelPurchaseOrder(number, options);
      await expect.poll(() => received.length).toBe(3);
      expect(JSON.parse(received[2]!).tags).toEqual(['catalog', `product:${v.slug}`]);
      // Receiving puts units on sale.
      const next = await created([{ sku: v.sku, quantity: 1 }]);
      await expect.poll(() => received.length).toBe(4);
      await receiveAll(next, STAFF, options);
      await expect.poll(() => received.length).toBe(5);
      expect(JSON.parse(received[4]!).tags).toEqual(['catalog', `product:${v.slug}`]);
    } finally {
      await listener.end();
    }
  });
});

describe('moving the expected date', () => {
  it('moves an open or partly received purchase order to today or later', async () => {
    const v = await createTestVariant(db, { onHand: 0 });
    const number = await created([{ sku: v.sku, quantity: 4 }], 'Acme', inDays(10));
    expect(await moveExpectedDate(number, inDays(30), options)).toEqual({ ok: true, changed: true, expectedDate: inDays(30), previousDate: inDays(10) });
    expect((await detail(number)).expectedDate).toBe(inDays(30));
    // The same date again changes nothing.
    expect(await moveExpectedDate(number, inDays(30), options)).toMatchObject({ ok: true, changed: false });
    expect(await moveExpectedDate(number, TODAY, options)).toMatchObject({ ok: true, changed: true, expectedDate: TODAY });

    await receive(number, [{ lineId: (await lineFor(number, v.sku)).id, quantity: 1 }], STAFF, options);
    expect(await moveExpectedDate(number, inDays(5), options)).toMatchObject({ ok: true, changed: true });
  });

  it('refuses a past or malformed date, an unknown number, and a purchase order that is received or cancelled', async () => {
    const v = await createTestVariant(db, { onHand: 0 });
    const number = await created([{ sku: v.sku, quantity: 1 }], 'Acme', inDays(10));
    expect(await moveExpectedDate(number, inDays(-1), options)).toMatchObject({
      ok: false,
      code: 'invalid',
      error: DATE_IN_PAST,
      fieldErrors: { expectedDate: [DATE_IN_PAST] },
    });
    expect(await moveExpectedDate(number, '2030-02-30', options)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await moveExpectedDate(2_000_000_000, inDays(3), options)).toEqual({ ok: false, code: 'not_found', error: notFoundText(2_000_000_000) });
    expect((await detail(number)).expectedDate).toBe(inDays(10));

    await receiveAll(number, STAFF, options);
    expect(await moveExpectedDate(number, inDays(3), options)).toEqual({ ok: false, code: 'received', error: ALREADY_RECEIVED });

    const other = await created([{ sku: v.sku, quantity: 1 }], 'Acme', inDays(10));
    await cancelPurchaseOrder(other, options);
    expect(await moveExpectedDate(other, inDays(3), options)).toEqual({ ok: false, code: 'cancelled', error: CANCELLED });
    expect((await detail(other)).expectedDate).toBe(inDays(10));
  });
});

describe('dates of the orders waiting for a purchase order', () => {
  it('creating, moving and cancelling a purchase order re-date the waiting lines it covers, in the same transaction', async () => {
    const v = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: 60 });
    const waiting = await order(v.variantId);
    const current = async () => {
      const [row] = await db
        .select({ date: waitingQueue.expectedDate, agreement: waitingQueue.agreement })
        .from(waitingQueue)
        .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
        .where(eq(orderLines.orderId, waiting.id));
      return row!;
    };
    const dateEmails = async () =>
      (
        await db
          .select({ n: count() })
          .from(outboxMessages)
          .where(and(eq(outboxMessages.orderId, waiting.id), eq(outboxMessages.kind, 'date_changed')))
      )[0]!.n;
    expect((await current()).date).toBe(inDays(60));

    // Stock on order sooner: the line moves up, quietly.
    const number = await created([{ sku: v.sku, quantity: 1 }], 'Acme', inDays(10));
    expect((await current()).date).toBe(addDays(inDays(10), DEFAULT_HANDLING_DAYS));
    expect(await dateEmails()).toBe(0);

    // Later, but still before the promise: quiet too.
    await moveExpectedDate(number, inDays(40), options);
    expect((await current()).date).toBe(addDays(inDays(40), DEFAULT_HANDLING_DAYS));
    expect(await dateEmails()).toBe(0);

    // Past the promise by more than 30 days: a delay that needs the shopper's agreement, emailed.
    await moveExpectedDate(number, inDays(100), options);
    expect(await current()).toEqual({ date: addDays(inDays(100), DEFAULT_HANDLING_DAYS), agreement: 'needed' });
    expect(await dateEmails()).toBe(1);

    // Cancelled: back to the variant's own date (placement + 60 days), quietly earlier.
    await cancelPurchaseOrder(number, options);
    expect((await current()).date).toBe(inDays(60));
    expect(await dateEmails()).toBe(1);
  });
});

describe('cancelling', () => {
  it('cancels an open purchase order, once; a second cancel changes nothing', async () => {
    const v = await createTestVariant(db, { onHand: 0 });
    const number = await created([{ sku: v.sku, quantity: 5 }]);
    expect(await cancelPurchaseOrder(number, options)).toEqual({ ok: true, changed: true });
    expect(await detail(number)).toMatchObject({ status: 'cancelled', open: 0 });
    expect(await cancelPurchaseOrder(number, options)).toEqual({ ok: true, changed: false });
    expect(await receiveAll(number, STAFF, options)).toEqual({ ok: false, code: 'cancelled', error: CANCELLED });
    expect(await onHand(v.variantId)).toMatchObject({ onHand: 0 });
  });

  it('keeps what a partly received purchase order brought in; a received one cannot be cancelled', async () => {
    const v = await createTestVariant(db, { onHand: 1 });
    const number = await created([{ sku: v.sku, quantity: 5 }]);
    await receive(number, [{ lineId: (await lineFor(number, v.sku)).id, quantity: 2 }], STAFF, options);
    expect(await cancelPurchaseOrder(number, options)).toEqual({ ok: true, changed: true });
    expect(await detail(number)).toMatchObject({ status: 'cancelled', received: 2, open: 0 });
    expect(await onHand(v.variantId)).toMatchObject({ onHand: 3 });

    const done = await created([{ sku: v.sku, quantity: 1 }]);
    await receiveAll(done, STAFF, options);
    expect(await cancelPurchaseOrder(done, options)).toEqual({ ok: false, code: 'received', error: ALREADY_RECEIVED });
    expect((await detail(done)).status).toBe('received');
    expect(await cancelPurchaseOrder(2_000_000_001, options)).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('receiving', () => {
  it('receives part of a line, then the rest: received quantities, status, on hand and ledger rows with the reason', async () => {
    const a = await createTestVariant(db, { onHand: 2 });
    const b = await createTestVariant(db, { onHand: 0 });
    const number = await created(
      [
        { sku: a.sku, quantity: 5 },
        { sku: b.sku, quantity: 2 },
      ],
      'Acme Supply',
    );
    const lineA = await lineFor(number, a.sku);
    const lineB = await lineFor(number, b.sku);

    const part = await receive(number, [{ lineId: lineA.id, quantity: '3' }], STAFF, options);
    expect(part).toEqual({
      ok: true,
      number,
      status: 'partly_received',
      units: 3,
      lines: [{ lineId: lineA.id, sku: a.sku, units: 3 }],
      allocation: { units: 0, lines: 0, readyShipments: 0 },
    });
    expect(await detail(number)).toMatchObject({ status: 'partly_received', received: 3, open: 4 });
    expect(await lineFor(number, a.sku)).toMatchObject({ quantity: 5, received: 3, open: 2 });
    expect(await onHand(a.variantId)).toMatchObject({ onHand: 5 });
    const reason = `Received: PO ${number} from Acme Supply`;
    expect(await ledger(a.variantId)).toEqual([{ kind: 'received', change: 3, onHandAfter: 5, reason, actor: STAFF }]);

    const rest = await receiveAll(number, STAFF, options);
    expect(rest).toMatchObject({ ok: true, status: 'received', units: 4 });
    if (!rest.ok) return;
    // In variant order, whatever order the lines were entered in.
    const inVariantOrder = [
      [a.variantId, { lineId: lineA.id, sku: a.sku, units: 2 }],
      [b.variantId, { lineId: lineB.id, sku: b.sku, units: 2 }],
    ] as const;
    expect(rest.lines).toEqual([...inVariantOrder].sort(([x], [y]) => (x < y ? -1 : 1)).map(([, line]) => line));
    expect(await detail(number)).toMatchObject({ status: 'received', ordered: 7, received: 7, open: 0 });
    expect(await onHand(a.variantId)).toMatchObject({ onHand: 7 });
    expect(await onHand(b.variantId)).toMatchObject({ onHand: 2 });
    expect((await ledger(a.variantId)).map((r) => [r.change, r.onHandAfter, r.reason])).toEqual([
      [3, 5, reason],
      [2, 7, reason],
    ]);
    expect(await ledger(b.variantId)).toEqual([{ kind: 'received', change: 2, onHandAfter: 2, reason, actor: STAFF }]);

    expect(await receiveAll(number, STAFF, options)).toEqual({ ok: false, code: 'received', error: ALREADY_RECEIVED });
    expect(await receive(number, [{ lineId: lineA.id, quantity: 1 }], STAFF, options)).toEqual({ ok: false, code: 'received', error: ALREADY_RECEIVED });
  });

  it('refuses more than a line still expects, an unknown line, or a line listed twice, and changes nothing', async () => {
    const a = await createTestVariant(db, { onHand: 0 });
    const b = await createTestVariant(db, { onHand: 0 });
    const number = await created([
      { sku: a.sku, quantity: 5 },
      { sku: b.sku, quantity: 1 },
    ]);
    const lineA = await lineFor(number, a.sku);
    const lineB = await lineFor(number, b.sku);
    await receive(number, [{ lineId: lineA.id, quantity: 3 }], STAFF, options);
    const elsewhere = await created([{ sku: a.sku, quantity: 1 }]);
    const foreignLine = await lineFor(elsewhere, a.sku);

    const snapshot = async () => ({
      po: await detail(number),
      a: await onHand(a.variantId),
      b: await onHand(b.variantId),
      ledger: (await ledger(a.variantId)).length,
    });
    const before = await snapshot();

    // Even alongside a line that could be received, nothing is.
    const over = await receive(
      number,
      [
        { lineId: lineB.id, quantity: 1 },
        { lineId: lineA.id, quantity: 3 },
      ],
      STAFF,
      options,
    );
    expect(over).toEqual({
      ok: false,
      code: 'more_than_open',
      error: `Only 2 units of ${a.sku} are still expected.`,
      fieldErrors: { 'lines.1.quantity': [`Only 2 units of ${a.sku} are still expected.`] },
    });
    expect(await receive(number, [{ lineId: foreignLine.id, quantity: 1 }], STAFF, options)).toMatchObject({
      ok: false,
      error: 'That line is not on this purchase order.',
    });
    expect(
      await receive(
        number,
        [
          { lineId: lineB.id, quantity: 1 },
          { lineId: lineB.id, quantity: 1 },
        ],
        STAFF,
        options,
      ),
    ).toMatchObject({ ok: false, error: `${b.sku} is listed twice.` });
    expect(await receive(number, [{ lineId: lineA.id, quantity: 0 }], STAFF, options)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await receive(number, [], STAFF, options)).toMatchObject({ ok: false, code: 'invalid', error: 'Say what arrived.' });
    expect(await receive(2_000_000_002, [{ lineId: lineA.id, quantity: 1 }], STAFF, options)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await snapshot()).toEqual(before);

    await receive(number, [{ lineId: lineB.id, quantity: 1 }], STAFF, options);
    expect(await receive(number, [{ lineId: lineB.id, quantity: 1 }], STAFF, options)).toMatchObject({
      ok: false,
      error: `Every unit of ${b.sku} is already received.`,
    });
  });

  it('fills waiting orders first in, first out: the first backorder becomes ready to ship, the second keeps its place', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(30)) });
    const first = await order(v.variantId);
    const second = await order(v.variantId);
    const number = await created([{ sku: v.sku, quantity: 1 }]);

    const result = await receiveAll(number, STAFF, options);
    expect(result).toMatchObject({ ok: true, status: 'received', units: 1, allocation: { units: 1, lines: 1, readyShipments: 1 } });
    expect(await backorderStatus(first.id)).toEqual(['ready_to_ship']);
    expect(await backorderStatus(second.id)).toEqual(['planned']);
    expect(await queuePosition(second.id)).toEqual({ position: 1, status: 'waiting' });
    expect(await onHand(v.variantId)).toEqual({ onHand: 1, committed: 1, waiting: 1 });
  });

  it('sums what each line did for waiting orders', async () => {
    const x = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(30)) });
    const y = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(30)) });
    await order(x.variantId, 2);
    await order(y.variantId);
    await order(y.variantId);
    const number = await created([
      { sku: x.sku, quantity: 3 },
      { sku: y.sku, quantity: 1 },
    ]);
    expect(await receiveAll(number, STAFF, options)).toMatchObject({ ok: true, units: 4, allocation: { units: 3, lines: 2, readyShipments: 2 } });
    expect(await onHand(x.variantId)).toEqual({ onHand: 3, committed: 2, waiting: 0 });
  });

  it('writes a long supplier name into the ledger’s reason, cut to fit', async () => {
    const v = await createTestVariant(db, { onHand: 0 });
    const number = await created([{ sku: v.sku, quantity: 1 }], 'S'.repeat(200));
    expect(await receiveAll(number, STAFF, options)).toMatchObject({ ok: true, units: 1 });
    const [row] = await ledger(v.variantId);
    expect(row!.reason).toBe(receiptReason(number, 'S'.repeat(200)));
    expect(row!.reason.startsWith(`Received: PO ${number} from SSS`)).toBe(true);
  });

  it('two receipts of one purchase order at once receive each unit once', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(30)) });
    await order(v.variantId, 2);
    const number = await created([{ sku: v.sku, quantity: 3 }]);
    const results = await Promise.all([receiveAll(number, STAFF, options), receiveAll(number, 'other@example.com', options)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, code: 'received', error: ALREADY_RECEIVED });
    expect(await onHand(v.variantId)).toEqual({ onHand: 3, committed: 2, waiting: 0 });
    expect((await ledger(v.variantId)).map((r) => r.change)).toEqual([3]);
    expect(await lineFor(number, v.sku)).toMatchObject({ received: 3, open: 0 });

    // Two partial receipts that together ask for more than is open: the second sees the first.
    const w = await createTestVariant(db, { onHand: 0 });
    const other = await created([{ sku: w.sku, quantity: 3 }]);
    const lineId = (await lineFor(other, w.sku)).id;
    const partial = await Promise.all([receive(other, [{ lineId, quantity: 2 }], STAFF, options), receive(other, [{ lineId, quantity: 2 }], STAFF, options)]);
    expect(partial.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(partial.find((r) => !r.ok)).toMatchObject({ code: 'more_than_open', error: `Only 1 unit of ${w.sku} is still expected.` });
    expect(await onHand(w.variantId)).toMatchObject({ onHand: 2 });
    const [line] = await db.select({ received: purchaseOrderLines.receivedQuantity }).from(purchaseOrderLines).where(eq(purchaseOrderLines.id, lineId));
    expect(line!.received).toBe(2);
  });
});

describe('reading', () => {
  it('a malformed or unknown number has no detail', async () => {
    for (const n of ['abc', '0', '-1', '1.5', '2147483648', '2147483647']) expect(await purchaseOrderDetail(n, db), n).toBeNull();
  });
});
