import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { cartLines, carts } from '@/db/schema';
import { createTestVariant, TODAY } from '@/lib/orders/testing/fixtures';
import { testConnection } from '@/test/database';
import { addToCart, findOpenCart } from './cart-store';
import { hashCartToken } from './token';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());
const opts = { database: db, today: TODAY };
const cartRows = async () => (await pool<{ n: number }[]>`select count(*)::int as n from carts`)[0]!.n;

describe('addToCart without a cart (a shopper with no cookie yet)', () => {
  it('creates no cart when the add is refused', async () => {
    const soldOut = await createTestVariant(db, { onHand: 0, title: 'Gone Chair' });
    const before = await cartRows();
    await expect(addToCart(null, { variantId: soldOut.variantId, quantity: 1 }, opts)).rejects.toThrow('Gone Chair is sold out.');
    await expect(addToCart(null, { variantId: randomUUID(), quantity: 1 }, opts)).rejects.toMatchObject({ code: 'unknown_variant' });
    await expect(addToCart(null, { variantId: soldOut.variantId, quantity: 0 }, opts)).rejects.toThrow();
    expect(await cartRows()).toBe(before);
  });

  it('creates the cart with its line when the add succeeds, and returns the token for the cookie', async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const before = await cartRows();
    const added = await addToCart(null, { variantId: v.variantId, quantity: 2 }, opts);
    expect(await cartRows()).toBe(before + 1);
    const cart = await findOpenCart(hashCartToken(added.newCartToken!), db);
    const lines = await db.select().from(cartLines).where(eq(cartLines.cartId, cart!.id));
    expect(lines).toMatchObject([{ variantId: v.variantId, quantity: 2 }]);
    // An existing cart is used as it is: no new token.
    const again = await addToCart(cart!.id, { variantId: v.variantId, quantity: 1 }, opts);
    expect(again.newCartToken).toBeUndefined();
    expect((await db.select().from(carts).where(eq(carts.id, cart!.id))).length).toBe(1);
  });
});
