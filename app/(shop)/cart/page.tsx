import type { Metadata } from 'next';
import { CartContents } from '@/components/cart/cart-contents';
import { ChangesSeen } from '@/components/cart/changes-seen';
import { readCartView } from '@/lib/cart/cart-view';
import { currentCart } from '@/lib/cart/session';
import { shippingFlatRateCents } from '@/lib/checkout/config';
import { todayUtc } from '@/lib/catalog/dates';

export const metadata: Metadata = { title: 'Your cart', robots: { index: false, follow: false } };

// Per shopper (reads the cart cookie): rendered on every request, never cached or shared.
export default async function CartPage() {
  const cart = await currentCart();
  const view = cart ? await readCartView(cart.id) : null;
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">Your cart</h1>
      <CartContents
        inputs={view?.inputs ?? []}
        images={view?.images ?? {}}
        changes={view?.changes.map((c) => c.message) ?? []}
        shippingCents={view?.shippingCents ?? shippingFlatRateCents()}
        today={view?.today ?? todayUtc()}
      />
      {view && view.changes.length > 0 && <ChangesSeen fingerprint={view.fingerprint} />}
    </div>
  );
}
