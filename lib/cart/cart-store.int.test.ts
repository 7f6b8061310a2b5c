import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { cartLines, carts, products, variants } from '@/db/schema';
import { backorderTo, createTestVariant, inDays, TODAY } from '@/lib/orders/testing/fixtures';
import { testConnection } from '@/test/database';
import { addToCart, cartCount, changeQuantity, createCart, findOpenCart, removeLine } from './cart-store';
import { readProduct } from '@/lib/catalog/catalog-reads';
import { readCartView } from './cart-view';
import { markCartSeen } from './mark-seen';
import { hashCartToken } from './token';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());
const opts = { database: db, today: TODAY };

async function linesOf(cartId: string) {
  return db.select().from(cartLines).where(eq(cartLines.cartId, cartId));
}

describe('carts', () => {
  it('are found by the hash of their cookie token, and only while open', async () => {
    const { cart, token } = await createCart(db);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cart.tokenHash).toBe(hashCartToken(token));
    expect(cart.tokenHash).not.toContain(token);
    expect((await findOpenCart(hashCartToken(token), db))?.id).toBe(cart.id);
    await db.update(carts).set({ checkedOutAt: new Date() }).where(eq(carts.id, cart.id));
    expect(await findOpenCart(hashCartToken(token), db)).toBeNull();
  });
});

describe('addToCart', () => {
  it('refuses a variant whose stored price could never be charged (1-49 cents), and offers it as sold out', async () => {
    const v = await createTestVariant(db, { onHand: 5, priceCents: 29 });
    const { cart } = await createCart(db);
    await expect(addToCart(cart.id, { variantId: v.variantId, quantity: 1 }, opts)).rejects.toMatchObject({ code: 'sold_out' });
    expect(await linesOf(cart.id)).toEqual([]);
    const product = await readProduct(db, v.slug, TODAY);
    expect(product?.variants[0]?.offer.state).toBe('sold_out');
  });

  it('adds a line with what the shopper is shown, and adds to the same line the next time', async () => {
    const v = await createTestVariant(db, { onHand: 2, ...backorderTo(inDays(10)), priceCents: 1500 });
    const { cart } = await createCart(db);
    const first = await addToCart(cart.id, { variantId: v.variantId, quantity: '1' }, opts);
    expect(first).toMatchObject({ quantity: 1, count: 1, allocation: { shipNow: 1, later: 0 } });
    const second = await addToCart(cart.id, { variantId: v.variantId, quantity: 2 }, opts);
    expect(second).toMatchObject({ lineId: first.lineId, quantity: 3, count: 3, allocation: { shipNow: 2, later: 1, laterDate: inDays(10) } });
    expect(await linesOf(cart.id)).toMatchObject([
      {
        quantity: 3,
        shownState: 'in_stock',
        shownShipNow: 2,
        shownLater: 1,
        shownLaterKind: 'backorder',
        shownLaterDate: inDays(10),
        shownUnitPriceCents: 1500,
      },
    ]);
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const v = await createTestVariant(db, { onHand: 200 });
    const { cart } = await createCart(db);
    const cases: [unknown, RegExp][] = [
      [{ variantId: v.variantId, quantity: 0 }, /whole number from 1 to 99/],
      [{ variantId: v.variantId, quantity: -2 }, /whole number from 1 to 99/],
      [{ variantId: v.variantId, quantity: 1.5 }, /whole number from 1 to 99/],
      [{ variantId: v.variantId, quantity: 100 }, /whole number from 1 to 99/],
      [{ variantId: v.variantId, quantity: 'two' }, /whole number from 1 to 99/],
      [{ variantId: 'not-a-uuid', quantity: 1 }, /Choose an item/],
      [{ variantId: '00000000-0000-4000-8000-000000000000', quantity: 1 }, /not for sale/],
    ];
    for (const [input, message] of cases) {
      await expect(addToCart(cart.id, input as never, opts)).rejects.toThrow(message);
    }
    expect(await linesOf(cart.id)).toHaveLength(0);
  });

  it('refuses unpublished products, sold-out variants, more than can be sold and more than 99 of one item', async () => {
    const hidden = await createTestVariant(db, { onHand: 5 });
    await db.update(products).set({ published: false }).where(eq(products.id, hidden.productId));
    const soldOut = await createTestVariant(db, { onHand: 0, title: 'Gone Chair' });
    const few = await createTestVariant(db, { onHand: 3, title: 'Few Mugs' });
    const plenty = await createTestVariant(db, { onHand: 500 });
    const { cart } = await createCart(db);

    await expect(addToCart(cart.id, { variantId: hidden.variantId, quantity: 1 }, opts)).rejects.toMatchObject({ code: 'unknown_variant' });
    await expect(addToCart(cart.id, { variantId: soldOut.variantId, quantity: 1 }, opts)).rejects.toThrow('Gone Chair is sold out.');
    await addToCart(cart.id, { variantId: few.variantId, quantity: 2 }, opts);
    await expect(addToCart(cart.id, { variantId: few.variantId, quantity: 2 }, opts)).rejects.toThrow(
      'Only 3 of Few Mugs available. You already have 2 in your cart.',
    );
    await addToCart(cart.id, { variantId: plenty.variantId, quantity: 98 }, opts);
    await expect(addToCart(cart.id, { variantId: plenty.variantId, quantity: 2 }, opts)).rejects.toMatchObject({ code: 'too_many' });
    expect((await linesOf(cart.id)).map((l) => l.quantity).sort()).toEqual([2, 98]);
  });

  it('refuses to change a cart that has been checked out', async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const { cart } = await createCart(db);
    await db.update(carts).set({ checkedOutAt: new Date() }).where(eq(carts.id, cart.id));
    await expect(addToCart(cart.id, { variantId: v.variantId, quantity: 1 }, opts)).rejects.toMatchObject({ code: 'checked_out' });
  });
});

describe('changeQuantity and removeLine', () => {
  it('change and remove only lines of the same cart', async () => {
    const v = await createTestVariant(db, { onHand: 10 });
    const { cart: mine } = await createCart(db);
    const { cart: theirs } = await createCart(db);
    const { lineId } = await addToCart(theirs.id, { variantId: v.variantId, quantity: 1 }, opts);
    await expect(changeQuantity(mine.id, { lineId, quantity: 5 }, opts)).rejects.toMatchObject({ code: 'unknown_line' });
    await expect(removeLine(mine.id, { lineId }, opts)).rejects.toMatchObject({ code: 'unknown_line' });
    expect(await linesOf(theirs.id)).toMatchObject([{ quantity: 1 }]);
  });

  it('changes the quantity within what can be sold, lets a shopper lower a line stock no longer covers, and removes', async () => {
    const v = await createTestVariant(db, { onHand: 4 });
    const { cart } = await createCart(db);
    const { lineId } = await addToCart(cart.id, { variantId: v.variantId, quantity: 3 }, opts);
    expect(await changeQuantity(cart.id, { lineId, quantity: 4 }, opts)).toMatchObject({ quantity: 4, count: 4 });
    await expect(changeQuantity(cart.id, { lineId, quantity: 5 }, opts)).rejects.toMatchObject({ code: 'not_enough' });
    await expect(changeQuantity(cart.id, { lineId, quantity: 0 }, opts)).rejects.toThrow(/whole number/);
    await db.update(variants).set({ onHand: 1 }).where(eq(variants.id, v.variantId));
    expect(await changeQuantity(cart.id, { lineId, quantity: 2 }, opts)).toMatchObject({ quantity: 2, allocation: { shipNow: 1, unavailable: 1 } });
    expect(await removeLine(cart.id, { lineId }, opts)).toEqual({ count: 0 });
    expect(await cartCount(cart.id, db)).toBe(0);
  });
});

describe('readCartView', () => {
  it('shows the shipment plan and says what changed since the shopper last looked, until the page marks it seen', async () => {
    const v = await createTestVariant(db, { onHand: 3, ...backorderTo(inDays(12)), title: 'Wool Throw', priceCents: 10000 });
    const { cart } = await createCart(db);
    await addToCart(cart.id, { variantId: v.variantId, quantity: 2 }, opts);

    const first = await readCartView(cart.id, { ...opts, shippingCents: 500 });
    expect(first.changes).toEqual([]);
    expect(first.quote.shipments.map((s) => [s.key, s.itemsCents])).toEqual([['now', 20000]]);

    await db.update(variants).set({ onHand: 1 }).where(eq(variants.id, v.variantId));
    const second = await readCartView(cart.id, { ...opts, shippingCents: 500 });
    expect(second.quote.shipments.map((s) => [s.key, s.itemsCents])).toEqual([
      ['now', 10000],
      [`backorder:${inDays(12)}`, 10000],
    ]);
    expect(second.changes.map((c) => c.message)).toEqual([expect.stringMatching(/^Wool Throw: was “2 ship now”, now “1 ships now, 1 ships by /)]);

    // Reading is only reading: the same view again until the page reports it seen.
    const again = await readCartView(cart.id, { ...opts, shippingCents: 500 });
    expect(again.changes.map((c) => c.message)).toEqual(second.changes.map((c) => c.message));

    expect(await markCartSeen(cart.id, second.fingerprint, { ...opts, shippingCents: 500 })).toEqual({ recorded: 1 });
    const third = await readCartView(cart.id, { ...opts, shippingCents: 500 });
    expect(third.changes).toEqual([]);
  });

  it('writes nothing to the cart while reading it', async () => {
    const v = await createTestVariant(db, { onHand: 3, ...backorderTo(inDays(12)), title: 'Read Only Throw' });
    const { cart } = await createCart(db);
    await addToCart(cart.id, { variantId: v.variantId, quantity: 2 }, opts);
    await db.update(variants).set({ onHand: 1 }).where(eq(variants.id, v.variantId));
    const before = JSON.stringify(await linesOf(cart.id));
    const view = await readCartView(cart.id, opts);
    expect(view.changes).toHaveLength(1);
    expect(JSON.stringify(await linesOf(cart.id))).toBe(before);
  });

  it('does not mark seen a change that happened after the page was rendered', async () => {
    const v = await createTestVariant(db, { onHand: 3, ...backorderTo(inDays(12)), title: 'Late Change Throw' });
    const { cart } = await createCart(db);
    await addToCart(cart.id, { variantId: v.variantId, quantity: 2 }, opts);
    await db.update(variants).set({ onHand: 1 }).where(eq(variants.id, v.variantId));
    const rendered = await readCartView(cart.id, opts);
    await db.update(variants).set({ onHand: 0 }).where(eq(variants.id, v.variantId));

    expect(await markCartSeen(cart.id, rendered.fingerprint, opts)).toEqual({ recorded: 0 });
    const next = await readCartView(cart.id, opts);
    expect(next.changes.map((c) => c.message)).toEqual([expect.stringMatching(/^Late Change Throw: was “2 ship now”, now “2 ship by /)]);
  });
});
