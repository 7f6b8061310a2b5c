import type { Metadata } from 'next';
import Link from 'next/link';
import { ChangesSeen } from '@/components/cart/changes-seen';
import { CheckoutForm } from '@/components/checkout/checkout-form';
import { OrderSummary } from '@/components/checkout/order-summary';
import { readCartView } from '@/lib/cart/cart-view';
import { currentCart } from '@/lib/cart/session';
import { consentText } from '@/lib/checkout/consent';
import { isPlaceable } from '@/lib/checkout/quote';
import { publicPaymentsConfig } from '@/lib/payments';

export const metadata: Metadata = { title: 'Checkout', robots: { index: false, follow: false } };

// Per shopper (reads the cart cookie): rendered on every request. The quote shown here is
// computed on the server; "Place order" recomputes it and refuses if anything moved.
export default async function CheckoutPage() {
  const cart = await currentCart();
  const view = cart ? await readCartView(cart.id) : null;
  if (!view || view.inputs.length === 0) {
    return (
      <div className="mx-auto flex max-w-3xl flex-col gap-4">
        <h1 className="text-3xl font-semibold tracking-tight">Checkout</h1>
        <p>Your cart is empty.</p>
        <Link href="/products" className="self-start font-medium text-brand-700 underline">
          Browse all products
        </Link>
      </div>
    );
  }
  const { quote, today } = view;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">Checkout</h1>
      {view.changes.length > 0 && (
        <section aria-labelledby="checkout-changes-heading" className="rounded-xl border border-amber-300 bg-amber-50 p-4">
          <h2 id="checkout-changes-heading" className="font-semibold">
            Since you last looked
          </h2>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {view.changes.map((c) => (
              <li key={c.key}>{c.message}</li>
            ))}
          </ul>
          <ChangesSeen fingerprint={view.fingerprint} />
        </section>
      )}
      <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <CheckoutForm
          quoteFingerprint={view.fingerprint}
          consentText={consentText(quote, { today })}
          placeable={isPlaceable(quote)}
          payments={publicPaymentsConfig()}
        />
        <aside className="lg:order-last">
          <OrderSummary quote={quote} today={today} />
        </aside>
      </div>
    </div>
  );
}
