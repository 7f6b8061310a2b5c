import Link from 'next/link';
import { CartCountLink } from '@/components/cart/cart-count-link';
import { STORE_NAME } from '@/lib/site';

export function SiteHeader() {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-6 px-4 py-4 sm:px-6">
        <Link href="/" className="text-xl font-semibold tracking-tight text-brand-900">
          {STORE_NAME}
        </Link>
        <nav aria-label="Main">
          <ul className="flex items-center gap-5 text-sm font-medium">
            <li>
              <Link href="/" className="hover:text-brand-700 hover:underline">
                Home
              </Link>
            </li>
            <li>
              <Link href="/products" className="hover:text-brand-700 hover:underline">
                All products
              </Link>
            </li>
            <li>
              <CartCountLink />
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
