import { asc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { variants, waitingQueue } from '@/db/schema';
import { maxOrderable } from '@/lib/catalog/availability';
import { testConnection } from '@/test/database';
import { placeOrder } from './place-order';
import { CONTACT, cartWith, createTestVariant, inDays, quoteFor, SHIPPING_CENTS, TODAY, verifiedPayment } from './testing/fixtures';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const options = { database: db, today: TODAY, shippingCents: SHIPPING_CENTS };

describe('a pre-order before release, 4 on hand and a cap of 3 (real placement)', () => {
  it('offers 7 and places exactly 7 one-unit orders; the 8th is sold out', async () => {
    const v = await createTestVariant(db, { onHand: 4, inventoryPolicy: 'preorder', releaseDate: inDays(30), waitingLimit: 3, title: 'Capped Preorder Lamp' });

    // Eight shoppers put one in their carts while all 7 are on offer (carts hold no stock).
    const carts = [];
    for (let i = 0; i < 8; i++) carts.push(await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]));
    const { quote } = await quoteFor(db, carts[0]!.id);
    // What the product page and the cart promise: the offer read from the variant's row.
    expect(maxOrderable(quote.lines[0]!.offer!)).toBe(7);

    const statuses: string[] = [];
    for (const cart of carts) {
      const { fingerprint } = await quoteFor(db, cart.id);
      const result = await placeOrder(
        {
          cartId: cart.id,
          idempotencyKey: cart.checkoutKey,
          quoteFingerprint: fingerprint,
          contact: CONTACT,
          consent: { at: new Date(), ip: null },
          payment: verifiedPayment(),
        },
        options,
      );
      statuses.push(result.status);
    }
    expect(statuses).toEqual([...Array(7).fill('placed'), 'sold_out']);

    const [stock] = await db
      .select({ onHand: variants.onHand, committed: variants.committed, waiting: variants.waiting })
      .from(variants)
      .where(eq(variants.id, v.variantId));
    expect(stock).toEqual({ onHand: 4, committed: 0, waiting: 7 });
    const queue = await db
      .select({ position: waitingQueue.position, units: waitingQueue.units })
      .from(waitingQueue)
      .where(eq(waitingQueue.variantId, v.variantId))
      .orderBy(asc(waitingQueue.position));
    expect(queue.map((q) => q.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // And the next shopper is told so at once.
    await expect(cartWith(db, [{ variantId: v.variantId, quantity: 1 }])).rejects.toMatchObject({ code: 'sold_out' });
  });
});
