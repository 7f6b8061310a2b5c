import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { products, stockMovements, variants } from '@/db/schema';
import { CACHE_INVALIDATION_CHANNEL } from '@/lib/cache/tags';
import { testConnection } from '@/test/database';
import { adjustStock, StockAdjustmentError } from './adjust-stock';
import { adjustmentForm, MAX_NOTE_LENGTH, MAX_STOCK_CHANGE } from './adjustment-input';

const { sql: pool, db } = testConnection();
let variantId: string;

async function onHand(): Promise<number> {
  const [row] = await db.select({ onHand: variants.onHand }).from(variants).where(eq(variants.id, variantId));
  return row!.onHand;
}

async function ledgerCount(): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(stockMovements)
    .where(eq(stockMovements.variantId, variantId));
  return row!.n;
}

beforeAll(async () => {
  const [product] = await db
    .insert(products)
    .values({ slug: `adjust-test-${Date.now()}`, title: 'Adjust test' })
    .returning();
  const [variant] = await db
    .insert(variants)
    .values({ productId: product!.id, sku: `ADJ-${Date.now()}`, title: 'Default', priceCents: 1000 })
    .returning();
  variantId = variant!.id;
  await adjustStock({ variantId, change: 10, reason: 'Opening stock', actor: 'test' }, db);
  // Two units promised to an order (orders arrive with the checkout issue).
  await db.update(variants).set({ committed: 2 }).where(eq(variants.id, variantId));
});
afterAll(() => pool.end());

describe('adjustStock', () => {
  it('changes on hand and writes a ledger row with who, why, the change and the result', async () => {
    const result = await adjustStock({ variantId, change: 5, reason: 'Delivery from supplier', actor: 'owner@example.com' }, db);
    expect(result).toEqual({ onHand: 15, allocation: { units: 0, lines: 0, readyShipments: 0 } });
    const [row] = await db
      .select()
      .from(stockMovements)
      .where(eq(stockMovements.variantId, variantId))
      .orderBy(sql`id desc`)
      .limit(1);
    expect(row).toMatchObject({ change: 5, onHandAfter: 15, reason: 'Delivery from supplier', actor: 'owner@example.com' });
    expect(row!.createdAt).toBeInstanceOf(Date);
  });

  it('refuses to go below the committed units and changes nothing', async () => {
    const ledger = await ledgerCount();
    await expect(adjustStock({ variantId, change: -14, reason: 'Count', actor: 'owner@example.com' }, db)).rejects.toMatchObject({
      code: 'below_committed',
    });
    expect(await onHand()).toBe(15);
    expect(await ledgerCount()).toBe(ledger);
  });

  it('records whatever the admin form accepts: the longest note with the longest reason, the largest change', async () => {
    const form = (fields: Record<string, string>) => adjustmentForm.parse({ variantId, ...fields });
    const note = 'n'.repeat(MAX_NOTE_LENGTH);
    await adjustStock({ ...form({ change: String(MAX_STOCK_CHANGE), kind: 'count', note }), actor: 'a'.repeat(254) }, db);
    await adjustStock({ ...form({ change: String(-MAX_STOCK_CHANGE), kind: 'received', note: '' }), actor: 'owner@example.com' }, db);
    expect(await onHand()).toBe(15);
    const [latest] = await db
      .select({ reason: stockMovements.reason })
      .from(stockMovements)
      .where(sql`${stockMovements.variantId} = ${variantId} and ${stockMovements.change} = ${MAX_STOCK_CHANGE}`);
    expect(latest!.reason).toBe(`Stock count correction: ${note}`);
  });

  it('the form refuses, with a message, what adjustStock would refuse', () => {
    const refusal = (fields: Record<string, string>) => {
      const parsed = adjustmentForm.safeParse({ variantId, kind: 'received', ...fields });
      return parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    };
    expect(refusal({ change: '2000000' })).toBe('change: Change at most 1,000,000 units at once.');
    expect(refusal({ change: '-2000000' })).toBe('change: Change at most 1,000,000 units at once.');
    expect(refusal({ change: '1e3' })).toBe('change: Enter a whole number, like 12 or -3.');
    expect(refusal({ change: '0' })).toBe('change: The change cannot be zero.');
    expect(refusal({ change: '1', note: 'n'.repeat(MAX_NOTE_LENGTH + 1) })).toBe(`note: Keep the note under ${MAX_NOTE_LENGTH} characters.`);
    expect(refusal({ change: '1', note: 'a\u0000b' })).toBe('note: The note contains characters that cannot be used.');
    expect(refusal({ change: '1', kind: 'other' })).toBe('note: Say why, when the reason is “Other”.');
  });

  it('rejects bad input with a clear message and changes nothing', async () => {
    const ledger = await ledgerCount();
    await expect(adjustStock({ variantId, change: 0, reason: 'x', actor: 'a' }, db)).rejects.toThrow(/cannot be zero/);
    await expect(adjustStock({ variantId, change: 1.5, reason: 'x', actor: 'a' }, db)).rejects.toThrow(/whole number/);
    await expect(adjustStock({ variantId, change: 1, reason: '  ', actor: 'a' }, db)).rejects.toThrow(/reason/);
    await expect(adjustStock({ variantId: 'not-a-uuid', change: 1, reason: 'x', actor: 'a' }, db)).rejects.toThrow(/variant/);
    await expect(adjustStock({ variantId: '00000000-0000-4000-8000-000000000000', change: 1, reason: 'x', actor: 'a' }, db)).rejects.toBeInstanceOf(
      StockAdjustmentError,
    );
    expect(await onHand()).toBe(15);
    expect(await ledgerCount()).toBe(ledger);
  });

  it('never loses or invents units under concurrent adjustments', async () => {
    const ledger = await ledgerCount();
    // 15 on hand, 2 committed: 13 removals can succeed, the other 7 must be refused.
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => adjustStock({ variantId, change: -1, reason: 'Damaged', actor: 'staff@example.com' }, db)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(13);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'below_committed')).toBe(true);
    expect(await onHand()).toBe(2);
    expect(await ledgerCount()).toBe(ledger + 13);
  });

  it('notifies every app server on commit so cached pages are dropped', async () => {
    const listener = postgres(inject('databaseUrl'), { max: 1 });
    const received: string[] = [];
    await listener.listen(CACHE_INVALIDATION_CHANNEL, (payload) => received.push(payload));
    try {
      await adjustStock({ variantId, change: 3, reason: 'Found in back room', actor: 'staff@example.com' }, db);
      await expect.poll(() => received.length).toBe(1);
      const [product] = await db
        .select({ slug: products.slug })
        .from(products)
        .innerJoin(variants, eq(variants.productId, products.id))
        .where(eq(variants.id, variantId));
      expect(JSON.parse(received[0]!).tags).toEqual(['catalog', `product:${product!.slug}`]);

      // A refused change rolls back and sends nothing.
      await expect(adjustStock({ variantId, change: -100, reason: 'x', actor: 'a' }, db)).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 200));
      expect(received).toHaveLength(1);
    } finally {
      await listener.end();
    }
  });
});

describe('stock ledger', () => {
  it('is append-only: rows cannot be edited or deleted', async () => {
    const refused = { cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) };
    await expect(db.update(stockMovements).set({ change: 99 }).where(eq(stockMovements.variantId, variantId))).rejects.toMatchObject(refused);
    await expect(db.delete(stockMovements).where(eq(stockMovements.variantId, variantId))).rejects.toMatchObject(refused);
  });
});
