import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { backInStockSignups, outboxMessages, products, variants } from '@/db/schema';
import { addDays, todayUtc } from '@/lib/catalog/dates';
import { updateVariant } from '@/lib/catalog/admin-products';
import type { BackInStockPayload } from '@/lib/email/messages';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { testConnection } from '@/test/database';
import { notifyRestocks, notifyRestocksDueToTime } from './notify';

const { sql: pool, db } = testConnection();
const today = todayUtc();
const unique = (prefix: string) => `${prefix}-${Date.now()}-${randomBytes(3).toString('hex')}`;

afterAll(() => pool.end({ timeout: 5 }));

async function soldOutVariant(product: Partial<typeof products.$inferInsert> = {}) {
  const [p] = await db
    .insert(products)
    .values({ slug: unique('restock'), title: 'Cast-iron skillet', ...product })
    .returning();
  const [v] = await db
    .insert(variants)
    .values({ productId: p!.id, sku: unique('RST'), title: '10 inch', priceCents: 3400 })
    .returning();
  return { product: p!, variant: v! };
}

/** Signups one after another, so their times give the queue order. */
async function signUp(variantId: string, emails: string[]) {
  const ids: string[] = [];
  for (const email of emails) {
    const [row] = await db
      .insert(backInStockSignups)
      .values({ variantId, email, unsubscribeToken: randomBytes(32).toString('base64url') })
      .returning({ id: backInStockSignups.id });
    ids.push(row!.id);
  }
  return ids;
}

async function emailsFor(signupIds: string[]) {
  if (signupIds.length === 0) return [];
  return db
    .select({
      to: outboxMessages.toAddress,
      kind: outboxMessages.kind,
      subject: outboxMessages.subject,
      payload: outboxMessages.payload,
      signupId: outboxMessages.backInStockSignupId,
      status: outboxMessages.status,
    })
    .from(outboxMessages)
    .where(inArray(outboxMessages.backInStockSignupId, signupIds))
    .orderBy(asc(outboxMessages.seq));
}

async function statuses(signupIds: string[]) {
  const rows = await db
    .select({ id: backInStockSignups.id, status: backInStockSignups.status, notifiedAt: backInStockSignups.notifiedAt })
    .from(backInStockSignups)
    .where(inArray(backInStockSignups.id, signupIds));
  return signupIds.map((id) => rows.find((r) => r.id === id)!);
}

describe('notifyRestocks', () => {
  it('emails every waiting signup once, oldest first, when stock arrives, and marks them notified', async () => {
    const { product, variant } = await soldOutVariant();
    const ids = await signUp(variant.id, ['first@example.com', 'second@example.com', 'third@example.com']);

    await adjustStock({ variantId: variant.id, change: 2, kind: 'received', reason: 'Delivery', actor: 'test' }, db);

    const sent = await emailsFor(ids);
    expect(sent.map((e) => e.to)).toEqual(['first@example.com', 'second@example.com', 'third@example.com']);
    expect(sent.map((e) => e.signupId)).toEqual(ids);
    expect(sent.every((e) => e.kind === 'back_in_stock' && e.status === 'pending')).toBe(true);
    expect(sent[0]!.subject).toBe('Back in stock: Cast-iron skillet — 10 inch');
    const payload = sent[0]!.payload as unknown as BackInStockPayload;
    const [token] = await db.select({ t: backInStockSignups.unsubscribeToken }).from(backInStockSignups).where(eq(backInStockSignups.id, ids[0]!));
    expect(payload).toMatchObject({
      productTitle: 'Cast-iron skillet',
      variantTitle: '10 inch',
      priceCents: 3400,
      currency: 'USD',
      offer: { state: 'in_stock', date: null },
      writtenOn: today,
    });
    expect(payload.productUrl).toMatch(new RegExp(`/products/${product.slug}$`));
    expect(payload.unsubscribeUrl).toMatch(new RegExp(`/unsubscribe/${token!.t}$`));
    expect(payload.oneClickUnsubscribeUrl).toMatch(new RegExp(`/api/unsubscribe/${token!.t}$`));
    expect((await statuses(ids)).every((s) => s.status === 'notified' && s.notifiedAt)).toBe(true);

    // More stock later: nobody is emailed twice.
    await adjustStock({ variantId: variant.id, change: 3, kind: 'received', reason: 'Delivery', actor: 'test' }, db);
    expect(await emailsFor(ids)).toHaveLength(3);
  });

  it('emails the list when a purchase order is received for a sold-out variant', async () => {
    const { createPurchaseOrder, receiveAll } = await import('@/lib/purchasing/purchase-orders');
    const { variant } = await soldOutVariant();
    const ids = await signUp(variant.id, ['po-first@example.com', 'po-second@example.com']);
    const created = await createPurchaseOrder(
      { supplier: 'Lodge', expectedDate: addDays(today, 5), lines: [{ sku: variant.sku, quantity: 4 }] },
      'staff@example.com',
      {
        database: db,
        today,
      },
    );
    if (!created.ok) throw new Error(created.error);
    // Ordering the stock is not having it: a deny variant stays sold out until it arrives.
    expect(await emailsFor(ids)).toEqual([]);
    expect(await receiveAll(created.number, 'staff@example.com', { database: db, today })).toMatchObject({ ok: true });
    const sent = await emailsFor(ids);
    expect(sent.map((e) => e.to)).toEqual(['po-first@example.com', 'po-second@example.com']);
    expect((sent[0]!.payload as unknown as BackInStockPayload).offer).toEqual({ state: 'in_stock', date: null });
  });

  it('emails when a backorder date appears, with that date', async () => {
    const { variant } = await soldOutVariant();
    const ids = await signUp(variant.id, ['dated@example.com']);
    const date = addDays(today, 20);
    const result = await updateVariant(
      { id: variant.id, title: '10 inch', sku: variant.sku, price: '34.00', inventoryPolicy: 'backorder', shipDateSource: 'fixed_date', fixedShipDate: date },
      db,
    );
    expect(result).toEqual({ ok: true });
    const [email] = await emailsFor(ids);
    expect((email!.payload as unknown as BackInStockPayload).offer).toEqual({ state: 'backorder', date });
  });

  it('emails nobody while the variant stays sold out, or while its product is unpublished', async () => {
    const stillOut = await soldOutVariant();
    // Five units wait for stock: two arriving go to them, and the variant is still sold out.
    await db.update(variants).set({ waiting: 5 }).where(eq(variants.id, stillOut.variant.id));
    const waitingIds = await signUp(stillOut.variant.id, ['patient@example.com']);
    await adjustStock({ variantId: stillOut.variant.id, change: 2, kind: 'received', reason: 'Delivery', actor: 'test' }, db);
    expect(await emailsFor(waitingIds)).toEqual([]);

    const hidden = await soldOutVariant({ published: false });
    const hiddenIds = await signUp(hidden.variant.id, ['hidden@example.com']);
    await adjustStock({ variantId: hidden.variant.id, change: 4, kind: 'received', reason: 'Delivery', actor: 'test' }, db);
    expect(await emailsFor(hiddenIds)).toEqual([]);
    expect((await statuses([...waitingIds, ...hiddenIds])).map((s) => s.status)).toEqual(['waiting', 'waiting']);
  });

  it('writes nothing when the change rolls back', async () => {
    const { product, variant } = await soldOutVariant();
    const ids = await signUp(variant.id, ['rollback@example.com']);
    await expect(
      db.transaction(async (tx) => {
        await tx.update(variants).set({ onHand: 5 }).where(eq(variants.id, variant.id));
        expect(await notifyRestocks(tx, [product.slug])).toBe(1);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await emailsFor(ids)).toEqual([]);
    expect((await statuses(ids))[0]!.status).toBe('waiting');
  });

  it('skips signups that are not waiting', async () => {
    const { variant } = await soldOutVariant();
    const [gone] = await signUp(variant.id, ['gone@example.com']);
    await db.update(backInStockSignups).set({ status: 'unsubscribed', unsubscribedAt: new Date() }).where(eq(backInStockSignups.id, gone!));
    await adjustStock({ variantId: variant.id, change: 1, kind: 'received', reason: 'Delivery', actor: 'test' }, db);
    expect(await emailsFor([gone!])).toEqual([]);
    const [row] = await db
      .select({ status: backInStockSignups.status })
      .from(backInStockSignups)
      .where(and(eq(backInStockSignups.id, gone!)));
    expect(row!.status).toBe('unsubscribed');
  });

  it('the periodic sweep emails signups of variants that became purchasable without a change calling notifyRestocks', async () => {
    const { variant } = await soldOutVariant();
    const ids = await signUp(variant.id, ['sweep@example.com']);
    // As if the date alone had made it purchasable: no transaction of ours notified anyone.
    await db.update(variants).set({ onHand: 3 }).where(eq(variants.id, variant.id));
    expect(await emailsFor(ids)).toEqual([]);

    const [a, b] = await Promise.all([notifyRestocksDueToTime(db), notifyRestocksDueToTime(db)]);
    expect(a! + b!).toBeGreaterThanOrEqual(1);
    const sent = await emailsFor(ids);
    expect(sent.map((e) => e.to)).toEqual(['sweep@example.com']);
    expect((await statuses(ids))[0]!.status).toBe('notified');
  });
});
