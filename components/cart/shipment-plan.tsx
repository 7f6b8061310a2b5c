import { ShipmentLines } from '@/components/checkout/shipment-lines';
import { shipmentHeading } from '@/lib/checkout/plan-copy';
import type { Quote } from '@/lib/checkout/quote';
import { formatMoney } from '@/lib/money/format';
import { lineTitle } from '@/lib/catalog/line-title';

/**
 * The shipment plan: one group per ship date ("Ships now", "Ships by Tue, Jan 13",
 * "Releases Feb 2"), its lines and its subtotal; with `withShipping`, what each shipment will
 * cost (flat-rate shipping goes with the first). Used by the cart and the checkout.
 */
export function ShipmentPlan({
  quote,
  today,
  withShipping = false,
  headingLevel = 2,
}: {
  quote: Quote;
  today: string;
  withShipping?: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = `h${headingLevel}` as const;
  const SubHeading = `h${headingLevel + 1}` as 'h3' | 'h4';
  const lines = new Map(quote.lines.map((l) => [l.key, l]));
  const money = (cents: number) => formatMoney(cents, quote.currency);
  if (quote.shipments.length === 0) return null;
  return (
    <section aria-labelledby="shipment-plan-heading" className="flex flex-col gap-4">
      <Heading id="shipment-plan-heading" className="text-lg font-semibold">
        Shipment plan
      </Heading>
      <ol className="flex flex-col gap-3">
        {quote.shipments.map((s, i) => {
          const headingId = `shipment-${i}-heading`;
          return (
            <li key={s.key} aria-labelledby={headingId} className="rounded-xl border border-stone-200 p-4" data-shipment={s.key}>
              <SubHeading id={headingId} className="font-semibold">
                {shipmentHeading(s.kind, s.date, { today })}
              </SubHeading>
              <ShipmentLines
                currency={quote.currency}
                lines={s.lines.map((sl) => {
                  const line = lines.get(sl.key)!;
                  return { key: sl.key, quantity: sl.quantity, title: lineTitle(line.productTitle, line.variantTitle), amountCents: sl.amountCents };
                })}
              />
              <dl className="mt-2 flex flex-col gap-1 border-t border-stone-200 pt-2 text-sm">
                <div className="flex justify-between gap-4">
                  <dt>Subtotal</dt>
                  <dd>{money(s.itemsCents)}</dd>
                </div>
                {withShipping && (
                  <>
                    <div className="flex justify-between gap-4">
                      <dt>Shipping</dt>
                      <dd>{s.shippingCents > 0 ? money(s.shippingCents) : 'Included'}</dd>
                    </div>
                    <div className="flex justify-between gap-4 font-semibold">
                      <dt>Charged when it ships</dt>
                      <dd>{money(s.amountCents)}</dd>
                    </div>
                  </>
                )}
              </dl>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
