import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { orderLines, purchaseOrderLines, purchaseOrders } from '@/db/schema';
import { addDays } from '@/lib/catalog/dates';
import { readProduct } from '@/lib/catalog/catalog-reads';
import { createTestVariant, inDays, placeTestOrder, TODAY } from '@/lib/orders/testing/fixtures';
import { testConnection } from '@/test/database';
import { DEFAULT_HANDLING_DAYS } from './handling-days';
import { supplyFor } from './incoming';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

async function purchaseOrder(
  variantId: string,
  quantity: number,
  expectedDate: string,
  status: 'open' | 'partly_received' | 'received' | 'cancelled' = 'open',
  received = 0,
) {
  const [po] = await db.insert(purchaseOrders).values({ supplier: 'Acme Foundry', expectedDate, status, createdBy: 'test' }).returning();
  await db.insert(purchaseOrderLines).values({ purchaseOrderId: po!.id, variantId, quantity, receivedQuantity: received });
  return po!;
}

/** Places an order for the variant; the date it was promised. */
async function place(variantId: string, quantity: number) {
  const placed = await placeTestOrder(db, [{ variantId, quantity }]);
  const [line] = await db.select({ laterDate: orderLines.laterDate }).from(orderLines).where(eq(orderLines.orderId, placed.id));
  return line!.laterDate;
}

describe('dates from purchase orders', () => {
  it('reads open quantities by arrival, leaving out received units and closed orders', async () => {
    const v = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: 60 });
    await purchaseOrder(v.variantId, 5, inDays(30), 'partly_received', 2);
    await purchaseOrder(v.variantId, 4, inDays(10));
    await purchaseOrder(v.variantId, 7, inDays(5), 'cancelled');
    await purchaseOrder(v.variantId, 9, inDays(3), 'received', 9);
    const supply = (await supplyFor(db, [v.variantId]))(v.variantId);
    expect(supply).toEqual({
      incoming: [
        { date: inDays(10), quantity: 4 },
        { date: inDays(30), quantity: 3 },
      ],
      handlingDays: DEFAULT_HANDLING_DAYS,
    });
  });

  it('the product page shows the date the next unit gets, and each order the date of its own place in the queue', async () => {
    const v = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: 60 });
    await purchaseOrder(v.variantId, 2, inDays(10));
    await purchaseOrder(v.variantId, 3, inDays(20));
    const handled = (date: string) => addDays(date, DEFAULT_HANDLING_DAYS);

    const offerNow = async () => (await readProduct(db, v.slug, TODAY))!.variants[0]!.offer;
    expect(await offerNow()).toMatchObject({ state: 'backorder', laterDate: handled(inDays(10)) });

    expect(await place(v.variantId, 1)).toBe(handled(inDays(10)));
    // Two units: the second falls past the first purchase order, so the line ships with the second.
    expect(await place(v.variantId, 2)).toBe(handled(inDays(20)));
    expect((await offerNow()).laterDate).toBe(handled(inDays(20)));
    expect(await place(v.variantId, 2)).toBe(handled(inDays(20)));
    // All incoming is spoken for: the variant's own lead time.
    expect((await offerNow()).laterDate).toBe(inDays(60));
    expect(await place(v.variantId, 1)).toBe(inDays(60));
  });

  it('adds the store-wide handling time set in HANDLING_DAYS', async () => {
    const v = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: 60 });
    await purchaseOrder(v.variantId, 2, inDays(10));
    const saved = process.env.HANDLING_DAYS;
    process.env.HANDLING_DAYS = '5';
    try {
      expect((await readProduct(db, v.slug, TODAY))!.variants[0]!.offer.laterDate).toBe(inDays(15));
      expect(await place(v.variantId, 1)).toBe(inDays(15));
    } finally {
      if (saved === undefined) delete process.env.HANDLING_DAYS;
      else process.env.HANDLING_DAYS = saved;
    }
  });

  it('the cart and the checkout show each line the date of the purchase order that covers it', async () => {
    const { readCartView } = await import('@/lib/cart/cart-view');
    const { cartWith, SHIPPING_CENTS } = await import('@/lib/orders/testing/fixtures');
    const covered = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: 60 });
    const beyond = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: 60 });
    await purchaseOrder(covered.variantId, 3, inDays(10));
    await purchaseOrder(beyond.variantId, 1, inDays(8));
    await purchaseOrder(beyond.variantId, 5, inDays(25));
    const handled = (date: string) => addDays(date, DEFAULT_HANDLING_DAYS);
    // Two of the first (both covered by its purchase order); three of the second, past its first
    // purchase order's one unit, so the line ships with the second.
    const cart = await cartWith(db, [
      { variantId: covered.variantId, quantity: 2 },
      { variantId: beyond.variantId, quantity: 3 },
    ]);
    // Both pages render this one view of the cart (app/(shop)/cart and app/(shop)/checkout).
    const { quote } = await readCartView(cart.id, { database: db, today: TODAY, shippingCents: SHIPPING_CENTS });
    expect(quote.lines.map(({ allocation: a }) => ({ later: a.later, laterKind: a.laterKind, laterDate: a.laterDate }))).toEqual([
      { later: 2, laterKind: 'backorder', laterDate: handled(inDays(10)) },
      { later: 3, laterKind: 'backorder', laterDate: handled(inDays(25)) },
    ]);
    expect(quote.shipments.map((s) => ({ kind: s.kind, date: s.date }))).toEqual([
      { kind: 'backorder', date: handled(inDays(10)) },
      { kind: 'backorder', date: handled(inDays(25)) },
    ]);
  });
});
