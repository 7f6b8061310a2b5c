import { formatMoney } from '@/lib/money/format';

/** Items, shipping and total, as the cart, the checkout and the order pages list them. */
export function MoneyTotals({
  currency,
  itemsCents,
  shippingCents,
  totalCents,
  shippingLabel = 'Shipping (flat rate, with the first shipment)',
  className = 'flex flex-col gap-1 text-sm',
}: {
  currency: string;
  itemsCents: number;
  shippingCents: number;
  totalCents: number;
  shippingLabel?: string;
  className?: string;
}) {
  const money = (cents: number) => formatMoney(cents, currency);
  return (
    <dl className={className}>
      <div className="flex justify-between gap-4">
        <dt>Items</dt>
        <dd>{money(itemsCents)}</dd>
      </div>
      <div className="flex justify-between gap-4">
        <dt>{shippingLabel}</dt>
        <dd>{money(shippingCents)}</dd>
      </div>
      <div className="flex justify-between gap-4 text-base font-semibold">
        <dt>Total</dt>
        <dd>{money(totalCents)}</dd>
      </div>
    </dl>
  );
}
