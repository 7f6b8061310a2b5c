import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '@/test/database';
import { seedDemoCatalog } from './seed';
import { demoCatalog } from './seed-catalog';
import { orderLines, orders, variants, waitingQueue } from './schema';

const { sql: pool, db } = testConnection();
const today = '2026-03-02';
// The demo catalog's variants only: other test files add products and orders of their own.
const demoSkus = demoCatalog(today).flatMap((p) => p.variants.map((v) => v.sku));

beforeAll(async () => {
  await seedDemoCatalog(db, today);
});
afterAll(() => pool.end());

describe('the demo catalog is consistent with its orders', () => {
  it('seeds every demo variant', async () => {
    const rows = await db.select({ sku: variants.sku }).from(variants).where(inArray(variants.sku, demoSkus));
    expect(rows).toHaveLength(demoSkus.length);
  });

  /** Per variant, the units its live queue entries still wait for ('waiting') or were given ('allocated'; a line can be partly filled). */
  const queued = (kind: 'waiting' | 'allocated', name: string) =>
    db
      .select({
        variantId: waitingQueue.variantId,
        units: (kind === 'waiting'
          ? sql<number>`sum(${waitingQueue.units} - ${waitingQueue.allocatedUnits})`
          : sql<number>`sum(${waitingQueue.allocatedUnits})`
        ).as(`${name}_units`),
      })
      .from(waitingQueue)
      .where(kind === 'waiting' ? eq(waitingQueue.status, 'waiting') : ne(waitingQueue.status, 'cancelled'))
      .groupBy(waitingQueue.variantId)
      .as(name);

  it("every variant's waiting count is the units of its waiting queue entries", async () => {
    const entries = queued('waiting', 'waiting_entries');
    const rows = await db
      .select({ sku: variants.sku, waiting: variants.waiting, queued: sql<number>`coalesce(${entries.units}, 0)::int` })
      .from(variants)
      .leftJoin(entries, eq(entries.variantId, variants.id))
      .where(inArray(variants.sku, demoSkus));
    expect(rows).toHaveLength(demoSkus.length);
    expect(rows.filter((r) => r.waiting !== r.queued)).toEqual([]);
  });

  it("every variant's committed count is the units allocated to its order lines", async () => {
    // Nothing has shipped in a freshly seeded store: allocated = ships-now units of live orders + allocated queue entries.
    const shipNow = db
      .select({ variantId: orderLines.variantId, units: sql<number>`sum(${orderLines.shipNowQuantity})`.as('ship_now_units') })
      .from(orderLines)
      .innerJoin(orders, and(eq(orders.id, orderLines.orderId), ne(orders.status, 'cancelled')))
      .groupBy(orderLines.variantId)
      .as('ship_now');
    const allocated = queued('allocated', 'allocated_entries');
    const rows = await db
      .select({
        sku: variants.sku,
        committed: variants.committed,
        allocated: sql<number>`(coalesce(${shipNow.units}, 0) + coalesce(${allocated.units}, 0))::int`,
      })
      .from(variants)
      .leftJoin(shipNow, eq(shipNow.variantId, variants.id))
      .leftJoin(allocated, eq(allocated.variantId, variants.id))
      .where(inArray(variants.sku, demoSkus));
    expect(rows).toHaveLength(demoSkus.length);
    expect(rows.filter((r) => r.committed !== r.allocated)).toEqual([]);
  });

  it('has open purchase orders behind its dated backorders, and they keep the dates the catalog promises', async () => {
    const { purchaseOrderLines, purchaseOrders } = await import('./schema');
    const { readProduct } = await import('../lib/catalog/catalog-reads');
    const { addDays } = await import('../lib/catalog/dates');
    const rows = await db
      .select({
        sku: variants.sku,
        status: purchaseOrders.status,
        open: sql<number>`(${purchaseOrderLines.quantity} - ${purchaseOrderLines.receivedQuantity})::int`,
      })
      .from(purchaseOrderLines)
      .innerJoin(purchaseOrders, eq(purchaseOrders.id, purchaseOrderLines.purchaseOrderId))
      .innerJoin(variants, eq(variants.id, purchaseOrderLines.variantId))
      .where(inArray(variants.sku, demoSkus));
    expect(rows.map((r) => r.sku).sort()).toEqual(['CAST-IRON-SKILLET-10', 'LINEN-SHIRT-L-NVY', 'MERINO-THROW', 'RAIN-SHELL-M']);
    expect(rows.every((r) => r.status === 'open' && r.open > 0)).toBe(true);
    const skillet = await readProduct(db, 'cast-iron-skillet', today);
    expect(skillet!.variants[0]!.offer).toMatchObject({ state: 'backorder', laterDate: addDays(today, 45) });
  });
});
