import { ShipmentPlan } from '@/components/cart/shipment-plan';
import { CHARGE_STATEMENT, lineTitle, problemText } from '@/lib/checkout/plan-copy';
import type { Quote } from '@/lib/checkout/quote';
import { formatMoney } from '@/lib/money/format';

/** The checkout's order summary: the shipment plan with what each shipment costs, and the totals. */
export function OrderSummary({ quote, today }: { quote: Quote; today: string }) {
  const money = (cents: number) => formatMoney(cents, quote.currency);
  const titles = new Map(quote.lines.map((l) => [l.key, lineTitle(l.productTitle, l.variantTitle)]));
  return (
    <section aria-labelledby="order-summary-heading" className="flex flex-col gap-5 rounded-2xl border border-stone-200 p-5">
      <h2 id="order-summary-heading" className="text-xl font-semibold">
        Order summary
      </h2>
      {quote.problems.length > 0 && (
        <ul className="flex flex-col gap-1 text-sm font-medium text-red-800">
          {quote.problems.map((p) => (
            <li key={p.key}>{problemText(p, titles.get(p.key)!)}</li>
          ))}
        </ul>
      )}
      <ShipmentPlan quote={quote} today={today} withShipping headingLevel={3} />
      <dl className="flex flex-col gap-1 border-t border-stone-200 pt-3 text-sm">
        <div className="flex justify-between gap-4">
          <dt>Items</dt>
          <dd>{money(quote.itemsCents)}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt>Shipping (flat rate, with the first shipment)</dt>
          <dd>{money(quote.shippingCents)}</dd>
        </div>
        <div className="flex justify-between gap-4 text-base font-semibold">
          <dt>Total</dt>
          <dd>{money(quote.totalCents)}</dd>
        </div>
      </dl>
      <p className="text-sm font-medium">{CHARGE_STATEMENT}</p>
    </section>
  );
}
