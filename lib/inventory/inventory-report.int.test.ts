import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products, variants } from '@/db/schema';
import { testConnection } from '@/test/database';
import { adjustStock } from './adjust-stock';
import { readDashboard } from './dashboard';
import { readInventory } from './inventory-report';

const { sql: pool, db } = testConnection();
let variantId: string;

beforeAll(async () => {
  const [product] = await db
    .insert(products)
    .values({ slug: `report-${Date.now()}`, title: 'Report Lamp' })
    .returning();
  const [variant] = await db
    .insert(variants)
    .values({
      productId: product!.id,
      sku: `REPORT-${Date.now()}`,
      title: 'Default',
      priceCents: 2500,
      leadTimeDays: 10,
      shipDateSource: 'lead_time',
      inventoryPolicy: 'backorder',
      safetyStock: 5,
    })
    .returning();
  variantId = variant!.id;
  await adjustStock({ variantId, change: 100, kind: 'received', reason: 'Delivery', actor: 'test' }, db);
  // 60 sold over the last 30 days: 2 a day.
  await adjustStock({ variantId, change: -60, kind: 'sold', reason: 'Market stall', actor: 'test' }, db);
  await adjustStock({ variantId, change: -10, kind: 'damaged', reason: 'Water damage', actor: 'test' }, db);
  await db.update(variants).set({ committed: 4, waiting: 0 }).where(eq(variants.id, variantId));
});
afterAll(() => pool.end());

describe('inventory report', () => {
  it('derives demand from units sold, then days of cover and the reorder point', async () => {
    const row = (await readInventory(db)).find((r) => r.variantId === variantId)!;
    expect(row).toMatchObject({ onHand: 30, committed: 4, sellable: 26, dailyDemand: 2, daysOfCover: 13 });
    // 2 a day over a 10-day lead time, plus 5 safety stock.
    expect(row.reorderPoint).toBe(25);
    expect(row.needsReorder).toBe(false);

    await adjustStock({ variantId, change: -2, kind: 'sold', reason: 'Market stall', actor: 'test' }, db);
    const after = (await readInventory(db)).find((r) => r.variantId === variantId)!;
    expect(after.sellable).toBe(24);
    expect(after.needsReorder).toBe(true);
  });

  it('values the units waiting at their price, and the dashboard ranks them', async () => {
    await db.update(variants).set({ waiting: 3 }).where(eq(variants.id, variantId));
    const row = (await readInventory(db)).find((r) => r.variantId === variantId)!;
    expect(row.waitingValueCents).toBe(7500);
    // The dashboard shows the ten most wanted across the shared test database, where other tests'
    // variants have many units waiting: this one must outrank them all to be shown.
    await db.update(variants).set({ waiting: 900_000 }).where(eq(variants.id, variantId));
    const dashboard = await readDashboard(db);
    expect(dashboard.mostWanted.find((b) => b.variantId === variantId)).toMatchObject({ committed: 4, waiting: 900_000, signups: 0 });
    // Ranked by what is wanted (units promised, and back-in-stock signups), most first.
    const wanted = dashboard.mostWanted.map((b) => b.committed + b.waiting + b.signups);
    expect([...wanted].sort((a, b) => b - a)).toEqual(wanted);
    expect(dashboard.alerts.some((a) => a.variantId === variantId && a.needsReorder)).toBe(true);
    await db.update(variants).set({ waiting: 3 }).where(eq(variants.id, variantId));
  });
});

describe('back-in-stock signups in the demand view', () => {
  it('counts waiting signups per variant beside units waiting, and lists a sold-out variant nobody could order', async () => {
    const { backInStockSignups } = await import('@/db/schema');
    const { createTestVariant } = await import('@/lib/orders/testing/fixtures');
    const { waitingSignups } = await import('./demand');
    const soldOut = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'deny' });
    const promised = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'deny' });
    const unwanted = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'deny' });
    await db.update(variants).set({ waiting: 2 }).where(eq(variants.id, promised.variantId));
    const signup = (variantId: string, i: number, status: 'waiting' | 'notified' | 'unsubscribed' = 'waiting') => ({
      variantId,
      email: `signup${i}.${variantId}@example.test`,
      status,
      unsubscribeToken: `${variantId}-${i}-${Math.random()}`,
      notifiedAt: status === 'notified' ? new Date() : null,
      unsubscribedAt: status === 'unsubscribed' ? new Date() : null,
    });
    await db.insert(backInStockSignups).values([
      // Enough to rank among the ten most wanted whatever else the shared test database holds.
      ...Array.from({ length: 400 }, (_, i) => signup(soldOut.variantId, i)),
      // Past signups: already emailed, or asked not to be. Neither counts.
      signup(soldOut.variantId, 1000, 'notified'),
      signup(soldOut.variantId, 1001, 'notified'),
      signup(soldOut.variantId, 1002, 'unsubscribed'),
      ...Array.from({ length: 350 }, (_, i) => signup(promised.variantId, i)),
      signup(unwanted.variantId, 0, 'notified'),
      signup(unwanted.variantId, 1, 'unsubscribed'),
    ]);

    const counts = await waitingSignups([soldOut.variantId, promised.variantId, unwanted.variantId], db);
    expect(Object.fromEntries(counts)).toEqual({ [soldOut.variantId]: 400, [promised.variantId]: 350 });

    const { mostWanted } = await readDashboard(db);
    expect(mostWanted.find((b) => b.variantId === soldOut.variantId)).toEqual({
      variantId: soldOut.variantId,
      label: soldOut.title,
      sku: soldOut.sku,
      committed: 0,
      waiting: 0,
      signups: 400,
    });
    expect(mostWanted.find((b) => b.variantId === promised.variantId)).toMatchObject({ committed: 0, waiting: 2, signups: 350 });
    // Only past signups and no units promised: nothing wanted now.
    expect(mostWanted.some((b) => b.variantId === unwanted.variantId)).toBe(false);
    // 400 asked for the sold-out one; 2 units and 350 signups for the other.
    const order = mostWanted.map((b) => b.variantId).filter((id) => id === soldOut.variantId || id === promised.variantId);
    expect(order).toEqual([soldOut.variantId, promised.variantId]);
  });
});

describe('demand from orders', () => {
  it('counts units ordered in this store, shipped now or waiting, alongside units sold elsewhere', async () => {
    const { createTestVariant, cartWith, quoteFor, CONTACT, verifiedPayment, SHIPPING_CENTS, TODAY } = await import('@/lib/orders/testing/fixtures');
    const { placeOrder } = await import('@/lib/orders/place-order');
    const lamp = await createTestVariant(db, { onHand: 30, inventoryPolicy: 'deny', priceCents: 4000 });
    await adjustStock({ variantId: lamp.variantId, change: -3, kind: 'sold', reason: 'Market stall', actor: 'test' }, db);
    const cart = await cartWith(db, [{ variantId: lamp.variantId, quantity: 12 }]);
    const { fingerprint } = await quoteFor(db, cart.id);
    const result = await placeOrder(
      { cartId: cart.id, idempotencyKey: cart.checkoutKey, quoteFingerprint: fingerprint, contact: CONTACT, consent: null, payment: verifiedPayment() },
      { database: db, today: TODAY, shippingCents: SHIPPING_CENTS },
    );
    expect(result.status).toBe('placed');
    const row = (await readInventory(db)).find((r) => r.variantId === lamp.variantId)!;
    // 12 ordered + 3 sold elsewhere, over 30 days.
    expect(row.dailyDemand).toBeCloseTo(15 / 30);
  });
});

describe('orders ready to ship', () => {
  it('lists planned shipments of units in stock, oldest order first, and not those waiting for stock', async () => {
    const { createTestVariant, placeTestOrder, CONTACT, SHIPPING_CENTS, backorderTo, inDays } = await import('@/lib/orders/testing/fixtures');
    const { readyToShip } = await import('@/lib/orders/ready-to-ship');
    const kettle = await createTestVariant(db, { onHand: 1, ...backorderTo(inDays(30)), priceCents: 7800 });
    const order = await placeTestOrder(db, [{ variantId: kettle.variantId, quantity: 3 }]);
    const result = { order };
    const ready = await readyToShip(db, 100_000);
    // One shipment of the order: the unit in stock, with the shipping. The two waiting units are a
    // later shipment, not ready.
    const mine = ready.filter((r) => r.orderNumber === result.order.number);
    expect(mine).toEqual([
      expect.objectContaining({
        units: 1,
        amountCents: 7800 + SHIPPING_CENTS,
        fullName: CONTACT.fullName,
        address: expect.objectContaining({ city: 'Springfield', region: 'IL' }),
      }),
    ]);
    const placed = ready.map((r) => r.placedAt.getTime());
    expect([...placed].sort((a, b) => a - b)).toEqual(placed);
  });
});
