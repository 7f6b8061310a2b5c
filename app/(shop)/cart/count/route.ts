import { cartCount } from '@/lib/cart/cart-store';
import { currentCart } from '@/lib/cart/session';

// The header's cart count, fetched by the browser (components/cart/cart-count-link.tsx), so the
// shared, cached pages never contain anything from a shopper's cookie.
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const cart = await currentCart();
  const count = cart ? await cartCount(cart.id) : 0;
  return Response.json({ count }, { headers: { 'Cache-Control': 'private, no-store' } });
}
