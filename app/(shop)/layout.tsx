import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { TestModeBanner } from '@/components/payments/test-mode-banner';

// The storefront's chrome. The admin (app/admin) has its own header and never shows the shop's.
export default function ShopLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <TestModeBanner />
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
