import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCatalog } from '@/db/seed';
import { demoCatalog } from '@/db/seed-catalog';
import { products, stockMovements, variants } from '@/db/schema';
import { testConnection } from '@/test/database';
import { allocate } from './availability';
import { readCatalog, readProduct, readProductSlugs } from './catalog-reads';
import { addDays } from './dates';

const { sql: pool, db } = testConnection();
const today = '2026-03-02';

beforeAll(async () => {
  await seedDemoCatalog(db, today);
});
afterAll(() => pool.end());

describe('demo catalog', () => {
  it('is loaded once: a second seed adds nothing', async () => {
    const [before] = await db.select({ n: sql<number>`count(*)::int` }).from(variants);
    expect(await seedDemoCatalog(db, today)).toEqual({ products: 0, variants: 0 });
    const [after] = await db.select({ n: sql<number>`count(*)::int` }).from(variants);
    expect(after!.n).toBe(before!.n);
  });

  it('has at least 12 published products, several with variants, and covers every state', async () => {
    const catalog = await readCatalog(db, today);
    expect(catalog.length).toBeGreaterThanOrEqual(12);
    expect(new Set(catalog.map((p) => p.state))).toEqual(new Set(['in_stock', 'backorder', 'preorder', 'sold_out']));
    const withOptions = await db
      .select()
      .from(products)
      .where(sql`cardinality(${products.optionNames}) > 0`);
    expect(withOptions.length).toBeGreaterThanOrEqual(3);
    expect(catalog.some((p) => p.featured)).toBe(true);
  });

  it('records opening stock in the ledger for every variant with stock', async () => {
    // The demo catalog's variants only: other test files add products of their own.
    const demoSlugs = demoCatalog(today).map((p) => p.slug);
    const rows = await db
      .select({ onHand: variants.onHand, ledger: sql<number>`coalesce(sum(${stockMovements.change}), 0)::int` })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .leftJoin(stockMovements, eq(stockMovements.variantId, variants.id))
      .where(inArray(products.slug, demoSlugs))
      .groupBy(variants.id);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    for (const row of rows) expect(row.ledger).toBe(row.onHand);
  });

  it('hides unpublished products from listings, product reads and the sitemap', async () => {
    const [hidden] = await db.select().from(products).where(eq(products.published, false));
    expect(hidden).toBeDefined();
    expect((await readCatalog(db, today)).map((p) => p.slug)).not.toContain(hidden!.slug);
    expect(await readProduct(db, hidden!.slug, today)).toBeNull();
    expect((await readProductSlugs(db)).map((p) => p.slug)).not.toContain(hidden!.slug);
  });

  it('offers the split: 5 of merino-throw is 3 now and 2 by the lead-time date', async () => {
    const product = await readProduct(db, 'merino-throw', today);
    const allocation = allocate(product!.variants[0]!.offer, 5);
    expect(allocation).toMatchObject({ shipNow: 3, later: 2, laterKind: 'backorder', laterDate: addDays(today, 21), unavailable: 0 });
  });

  it('gives pre-orders their release date and backorders their ship date', async () => {
    const lantern = await readProduct(db, 'trail-lantern', today);
    expect(lantern!.variants[0]!.offer).toMatchObject({ state: 'preorder', laterDate: addDays(today, 60) });
    const skillet = await readProduct(db, 'cast-iron-skillet', today);
    expect(skillet!.variants[0]!.offer).toMatchObject({ state: 'backorder', laterDate: addDays(today, 45) });
  });

  it('returns only the fields a page needs: no stock counts or costs', async () => {
    const product = await readProduct(db, 'stoneware-mug', today);
    const variant = product!.variants[0]!;
    expect(Object.keys(variant).sort()).toEqual(['currency', 'id', 'offer', 'optionValues', 'priceCents', 'sku', 'title']);
    expect(variant).not.toHaveProperty('onHand');
  });
});
