import Link from 'next/link';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { TestModeBanner } from '@/components/payments/test-mode-banner';

// Outside every route group, so it brings the shop's chrome itself.
export default function NotFound() {
  return (
    <>
      <TestModeBanner />
      <SiteHeader />
      <main id="main" className="mx-auto flex w-full max-w-6xl flex-1 flex-col items-start gap-4 px-4 py-12 sm:px-6">
        <h1 className="text-3xl font-semibold tracking-tight">Page not found</h1>
        <p className="text-stone-700">We could not find that page. It may have moved, or the product is no longer sold.</p>
        <Link href="/products" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
          Browse all products
        </Link>
      </main>
      <SiteFooter />
    </>
  );
}
