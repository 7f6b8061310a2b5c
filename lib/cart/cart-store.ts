import 'server-only';
import { supplyFor } from '@/lib/purchasing/incoming';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { cartLines, carts, products, variants, type Cart } from '@/db/schema';
import { MAX_LINE_QUANTITY } from './limits';
import { allocate, type Allocation } from '@/lib/catalog/availability';
import { todayUtc } from '@/lib/catalog/dates';
import { variantOffer } from '@/lib/catalog/stock-position';

import type { Executor } from '@/db/client';
import { shownColumns } from './lines';
import { hashCartToken, newCartToken, newCheckoutKey } from './token';
import { lineTitle } from '@/lib/catalog/line-title';
import { idInput, quantityInput } from '@/lib/forms/inputs';

// ---------------------------------------------------------------------------------------------
// Carts in PostgreSQL. These functions know nothing about cookies (lib/cart/session.ts does);
// every change locks the cart row first, so concurrent changes and a concurrent checkout of the
// same cart are serialised, and a checked-out cart is never changed again.
// ---------------------------------------------------------------------------------------------

// One schema per input (lib/forms/inputs.ts): the cart actions parse with these same schemas, so
// whatever a form got past them parses here too. "1e3", "0x10" and "2.0" are refused, not coerced.
export const addToCartInput = z.object({
  variantId: idInput('Choose an item to add.'),
  quantity: quantityInput,
});
export const changeQuantityInput = z.object({
  lineId: idInput('That item is not in your cart.'),
  quantity: quantityInput,
});
export const removeLineInput = z.object({
  lineId: idInput('That item is not in your cart.'),
});

export type CartErrorCode = 'unknown_variant' | 'unknown_line' | 'sold_out' | 'not_enough' | 'too_many' | 'checked_out';

export class CartError extends Error {
  constructor(
    readonly code: CartErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CartError';
  }
}

export async function findOpenCart(tokenHash: string, database: Database = appDb): Promise<Cart | null> {
  const [cart] = await database
    .select()
    .from(carts)
    .where(and(eq(carts.tokenHash, tokenHash), isNull(carts.checkedOutAt)));
  return cart ?? null;
}

export async function findCartIncludingCheckedOut(tokenHash: string, database: Database = appDb): Promise<Cart | null> {
  const [cart] = await database.select().from(carts).where(eq(carts.tokenHash, tokenHash));
  return cart ?? null;
}

/** A new, empty cart and the token for its cookie. */
export async function createCart(database: Executor = appDb): Promise<{ cart: Cart; token: string }> {
  const token = newCartToken();
  const [cart] = await database
    .insert(carts)
    .values({ tokenHash: hashCartToken(token), checkoutKey: newCheckoutKey() })
    .returning();
  return { cart: cart!, token };
}

/** Units in the cart, for the header. */
export function cartCount(cartId: string, database: Database = appDb): Promise<number> {
  return cartCountIn(database, cartId);
}

async function lockOpenCart(tx: Executor, cartId: string): Promise<void> {
  const [cart] = await tx.select({ checkedOutAt: carts.checkedOutAt }).from(carts).where(eq(carts.id, cartId)).for('update');
  if (!cart || cart.checkedOutAt) throw new CartError('checked_out', 'This cart has already been checked out. Reload the page to start a new one.');
}

async function touch(tx: Executor, cartId: string): Promise<void> {
  await tx
    .update(carts)
    .set({ updatedAt: sql`now()` })
    .where(eq(carts.id, cartId));
}

/** The variant if shoppers may buy it (published, not archived), with its offer for today. */
async function sellableVariant(tx: Executor, variantId: string) {
  const [row] = await tx
    .select({ variant: variants, product: products })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(variants.id, variantId), isNull(variants.archivedAt), eq(products.published, true), isNull(products.archivedAt)));
  return row ?? null;
}

function refuseShortfall(allocation: Allocation, title: string, alreadyInCart: number): void {
  if (allocation.unavailable === 0) return;
  const available = allocation.requested - allocation.unavailable;
  if (available === 0) throw new CartError('sold_out', `${title} is sold out.`);
  const inCart = alreadyInCart > 0 ? ` You already have ${alreadyInCart} in your cart.` : '';
  throw new CartError('not_enough', `Only ${available} of ${title} available.${inCart}`);
}

export interface CartLineResult {
  lineId: string;
  title: string;
  quantity: number;
  allocation: Allocation;
  count: number;
}

/**
 * Adds units of a variant (to its line if the cart has one). Refuses, changing nothing, an
 * unknown or unpublished variant, more than 99 of one item, and more than can be sold. With no
 * cart (`null`) the cart is created in the same transaction, only once the add is allowed, and
 * its token returned for the cookie: a refused add leaves no empty cart behind.
 */
export async function addToCart(
  cartId: string | null,
  input: z.input<typeof addToCartInput>,
  { database = appDb, today = todayUtc() }: { database?: Database; today?: string } = {},
): Promise<CartLineResult & { newCartToken?: string }> {
  const { variantId, quantity: added } = addToCartInput.parse(input);
  return database.transaction(async (tx) => {
    if (cartId) await lockOpenCart(tx, cartId);
    const found = await sellableVariant(tx, variantId);
    if (!found) throw new CartError('unknown_variant', 'That item is not for sale.');
    const title = lineTitle(found.product.title, found.variant.title);
    const [existing] = cartId
      ? await tx
          .select({ id: cartLines.id, quantity: cartLines.quantity })
          .from(cartLines)
          .where(and(eq(cartLines.cartId, cartId), eq(cartLines.variantId, variantId)))
      : [];
    const already = existing?.quantity ?? 0;
    const total = already + added;
    if (total > MAX_LINE_QUANTITY) {
      throw new CartError('too_many', `You can have at most ${MAX_LINE_QUANTITY} of one item; you already have ${already} in your cart.`);
    }
    const allocation = allocate(variantOffer(found.variant, today, (await supplyFor(tx, [variantId]))(variantId)), total);
    refuseShortfall(allocation, title, already);
    const shown = shownColumns({ ...allocation, unitPriceCents: found.variant.priceCents });
    const created = cartId ? null : await createCart(tx);
    const id = cartId ?? created!.cart.id;
    let lineId: string;
    if (existing) {
      await tx
        .update(cartLines)
        .set({ quantity: total, ...shown, updatedAt: sql`now()` })
        .where(eq(cartLines.id, existing.id));
      lineId = existing.id;
    } else {
      const [inserted] = await tx
        .insert(cartLines)
        .values({ cartId: id, variantId, quantity: total, ...shown })
        .returning({ id: cartLines.id });
      lineId = inserted!.id;
    }
    await touch(tx, id);
    return { lineId, title, quantity: total, allocation, count: await cartCountIn(tx, id), newCartToken: created?.token };
  });
}

/**
 * Sets a line's quantity. More than can be sold is refused, except that lowering the quantity of
 * a line that stock no longer covers is always allowed (it is the way out).
 */
export async function changeQuantity(
  cartId: string,
  input: z.input<typeof changeQuantityInput>,
  { database = appDb, today = todayUtc() }: { database?: Database; today?: string } = {},
): Promise<CartLineResult> {
  const { lineId, quantity: wanted } = changeQuantityInput.parse(input);
  return database.transaction(async (tx) => {
    await lockOpenCart(tx, cartId);
    const [line] = await tx
      .select()
      .from(cartLines)
      .where(and(eq(cartLines.id, lineId), eq(cartLines.cartId, cartId)));
    if (!line) throw new CartError('unknown_line', 'That item is not in your cart any more.');
    const found = await sellableVariant(tx, line.variantId);
    if (!found) throw new CartError('unknown_variant', 'That item is no longer for sale. Remove it from your cart.');
    const title = lineTitle(found.product.title, found.variant.title);
    const allocation = allocate(variantOffer(found.variant, today, (await supplyFor(tx, [line.variantId]))(line.variantId)), wanted);
    if (wanted > line.quantity) refuseShortfall(allocation, title, 0);
    await tx
      .update(cartLines)
      .set({ quantity: wanted, ...shownColumns({ ...allocation, unitPriceCents: found.variant.priceCents }), updatedAt: sql`now()` })
      .where(eq(cartLines.id, lineId));
    await touch(tx, cartId);
    return { lineId, title, quantity: wanted, allocation, count: await cartCountIn(tx, cartId) };
  });
}

export async function removeLine(
  cartId: string,
  input: z.input<typeof removeLineInput>,
  { database = appDb }: { database?: Database } = {},
): Promise<{ count: number }> {
  const { lineId } = removeLineInput.parse(input);
  return database.transaction(async (tx) => {
    await lockOpenCart(tx, cartId);
    const removed = await tx
      .delete(cartLines)
      .where(and(eq(cartLines.id, lineId), eq(cartLines.cartId, cartId)))
      .returning({ id: cartLines.id });
    if (removed.length === 0) throw new CartError('unknown_line', 'That item is not in your cart any more.');
    await touch(tx, cartId);
    return { count: await cartCountIn(tx, cartId) };
  });
}

async function cartCountIn(tx: Executor, cartId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(sum(${cartLines.quantity}), 0)::int` })
    .from(cartLines)
    .where(eq(cartLines.cartId, cartId));
  return row?.n ?? 0;
}
