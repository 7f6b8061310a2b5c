import { ShipmentPlan } from '@/components/cart/shipment-plan';
import { MoneyTotals } from './money-totals';
import { CHARGE_STATEMENT, problemText } from '@/lib/checkout/plan-copy';
import type { Quote } from '@/lib/checkout/quote';
import { lineTitle } from '@/lib/catalog/line-title';

/** The checkout's order summary: the shipment plan with what each shipment costs, and the totals. */
export function OrderSummary({ quote, today }: { quote: Quote; today: string }) {
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
      <MoneyTotals
        currency={quote.currency}
        itemsCents={quote.itemsCents}
        shippingCents={quote.shippingCents}
        totalCents={quote.totalCents}
        className="flex flex-col gap-1 border-t border-stone-200 pt-3 text-sm"
      />
      <p className="text-sm font-medium">{CHARGE_STATEMENT}</p>
    </section>
  );
}
