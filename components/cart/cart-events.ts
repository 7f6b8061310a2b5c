/**
 * The browser-side signal that the cart changed: cart forms announce the new count, and the
 * header's count link listens. (The count is never rendered into shared, cached pages.)
 */
export const CART_COUNT_EVENT = 'inbound:cart-count';

export function announceCartCount(count: number): void {
  window.dispatchEvent(new CustomEvent<number>(CART_COUNT_EVENT, { detail: count }));
}
