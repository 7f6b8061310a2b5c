'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { CART_COUNT_EVENT } from './cart-events';

/**
 * "Cart (3)" in the header. Pages are cached and shared, so the count is fetched per browser
 * from /cart/count after load (and on navigation), and updated when a cart form announces a change.
 */
export function CartCountLink() {
  const pathname = usePathname();
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetch('/cart/count', { cache: 'no-store', signal: controller.signal })
      .then((res) => (res.ok ? (res.json() as Promise<{ count: number }>) : null))
      .then((body) => {
        if (body && Number.isInteger(body.count)) setCount(body.count);
      })
      .catch(() => {
        // Offline or aborted: keep showing what we had.
      });
    return () => controller.abort();
  }, [pathname]);

  useEffect(() => {
    const onCount = (e: Event) => setCount((e as CustomEvent<number>).detail);
    window.addEventListener(CART_COUNT_EVENT, onCount);
    return () => window.removeEventListener(CART_COUNT_EVENT, onCount);
  }, []);

  const label = count === null ? 'Cart' : `Cart, ${count} ${count === 1 ? 'item' : 'items'}`;
  return (
    <Link href="/cart" aria-label={label} className="inline-flex items-center gap-1.5 hover:text-brand-700 hover:underline">
      <span>Cart</span>
      {count !== null && (
        <span
          data-testid="cart-count"
          className={`min-w-6 rounded-full px-1.5 py-0.5 text-center text-xs font-semibold ${count ? 'bg-brand-700 text-white' : 'bg-stone-200 text-stone-700'}`}
        >
          {count}
        </span>
      )}
    </Link>
  );
}
