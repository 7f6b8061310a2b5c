import 'server-only';
import { cookies } from 'next/headers';
import type { Cart } from '@/db/schema';
import { siteUrl } from '@/lib/site';
import { findCartIncludingCheckedOut, findOpenCart } from './cart-store';
import { hashCartToken, isWellFormedCartToken } from './token';

// The cart cookie holds only a random token (lib/cart/token.ts). Reading it makes a page
// dynamic, so only per-shopper routes call these: /cart, /checkout, the count route, actions.

export const CART_COOKIE = 'inbound_cart';
const MAX_AGE_SECONDS = 60 * 60 * 24 * 60;

/** The shopper's open cart, or null (no cookie, an unknown token, or a cart already checked out). */
export async function currentCart(): Promise<Cart | null> {
  const token = (await cookies()).get(CART_COOKIE)?.value;
  if (!isWellFormedCartToken(token)) return null;
  return findOpenCart(hashCartToken(token));
}

/**
 * The cart behind this browser's cookie even once checked out: "Place order" uses it, so a
 * retried or replayed request after success finds the order it made instead of an empty cart.
 */
export async function checkoutCart(): Promise<Cart | null> {
  const token = (await cookies()).get(CART_COOKIE)?.value;
  if (!isWellFormedCartToken(token)) return null;
  return findCartIncludingCheckedOut(hashCartToken(token));
}

/** Hands this browser a new cart's token (from addToCart with no cart). Server actions only. */
export async function setCartCookie(token: string): Promise<void> {
  (await cookies()).set(CART_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: siteUrl().startsWith('https:'),
    path: '/',
    maxAge: MAX_AGE_SECONDS,
  });
}
