import Link from 'next/link';
import { MoneyTotals } from '@/components/checkout/money-totals';
import { LocalTime } from '@/components/ui/local-time';
import { CHARGE_STATEMENT } from '@/lib/checkout/plan-copy';
import type { OrderView, ShipmentView } from '@/lib/orders/order-reads';
import { CANCELLED, CANCELLED_NOT_CHARGED, cancelledUnitsText, chargedToCardText, PAYMENT_FAILED_ACTION, shipmentChargeLabel } from '@/lib/orders/status-copy';
import { orderPartText, shipmentText } from '@/lib/orders/waiting-line-copy';
import { formatMoney } from '@/lib/money/format';
import { cardBrandName, describeCard } from '@/lib/payments/browser/card-display';
import { lineTitle } from '@/lib/catalog/line-title';
import { PostalAddressLines } from './postal-address';

/** "Tracking: UPS 1Z999…", the number linked to the carrier's page when the store knows the carrier. */
function Tracking({ shipment: s }: { shipment: ShipmentView }) {
  if (!s.carrier && !s.trackingNumber) return null;
  return (
    <p className="text-sm">
      Tracking: {s.carrier}
      {s.carrier && s.trackingNumber && ' '}
      {s.trackingNumber &&
        (s.trackingUrl ? (
          <a href={s.trackingUrl} rel="noreferrer" className="break-all text-brand-700 underline hover:no-underline">
            {s.trackingNumber}
          </a>
        ) : (
          <span className="break-all">{s.trackingNumber}</span>
        ))}
    </p>
  );
}

/**
 * An order as the confirmation and order pages show it: each line with its status and date,
 * each planned shipment with what it will cost, the totals, the address and the saved card.
 * Cancelled units stay on the page, marked in words (not only struck through) and out of every
 * amount still to be charged; the total as placed stays, with what came off it.
 */
export function OrderDetails({ order, today }: { order: OrderView; today: string }) {
  const money = (cents: number) => formatMoney(cents, order.currency);
  const shipmentBySequence = new Map(order.shipments.map((s) => [s.sequence, s]));
  const lineById = new Map(order.lines.map((l) => [l.id, l]));
  const anyPlanned = order.shipments.some((s) => s.status === 'planned' || s.status === 'ready_to_ship');
  // A shipment ships when its last line can: one still waiting on a line with no date has none either.
  const undated = new Set(
    order.lines.filter((l) => l.queue?.status === 'waiting' && l.queue.expectedDate === null).flatMap((l) => l.parts.map((p) => p.sequence)),
  );

  return (
    <div className="flex flex-col gap-8">
      {order.status === 'cancelled' && (
        <section aria-labelledby="order-cancelled-heading" className="flex flex-col gap-1 rounded-xl border border-red-200 bg-red-50 p-4">
          <h2 id="order-cancelled-heading" className="text-lg font-semibold text-red-900">
            {CANCELLED}
          </h2>
          <p>This order was cancelled. {CANCELLED_NOT_CHARGED}</p>
        </section>
      )}

      <section aria-labelledby="order-items-heading" className="flex flex-col gap-3">
        <h2 id="order-items-heading" className="text-lg font-semibold">
          Items
        </h2>
        <ul aria-label="Items in this order" className="flex flex-col divide-y divide-stone-200 border-y border-stone-200">
          {order.lines.map((line) => {
            const title = lineTitle(line.title, line.variantTitle);
            const allCancelled = line.cancelledQuantity === line.quantity;
            return (
              <li key={line.id} aria-label={title} className="flex flex-col gap-1 py-4">
                <div className="flex flex-wrap justify-between gap-2">
                  <Link href={`/products/${line.productSlug}`} className="font-semibold hover:underline">
                    {title}
                  </Link>
                  <span className="font-semibold">{allCancelled ? <s>{money(line.lineTotalCents)}</s> : money(line.lineTotalCents)}</span>
                </div>
                <p className="text-sm text-stone-600">
                  {line.quantity} × {money(line.unitPriceCents)}
                  {line.cancelledQuantity > 0 && <> · {cancelledUnitsText(line.cancelledQuantity)}</>}
                </p>
                <ul className="flex flex-col gap-0.5 text-sm">
                  {line.parts.map((part) => {
                    const s = shipmentBySequence.get(part.sequence)!;
                    const { text, change } = orderPartText(s, { promisedDate: line.laterDate, queue: line.queue, partCancelled: part.cancelled }, { today });
                    return (
                      <li key={part.sequence} data-status={part.cancelled ? 'cancelled' : s.status}>
                        {part.quantity} × {text}
                        {change && <span className="block text-stone-600">{change}</span>}
                      </li>
                    );
                  })}
                </ul>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="order-shipments-heading" className="flex flex-col gap-3">
        <h2 id="order-shipments-heading" className="text-lg font-semibold">
          Shipments
        </h2>
        <ol className="flex flex-col gap-3">
          {order.shipments.map((s) => {
            const headingId = `order-shipment-${s.sequence}`;
            const { heading, status } = shipmentText(s, undated.has(s.sequence), { today });
            return (
              <li key={s.sequence} aria-labelledby={headingId} className="rounded-xl border border-stone-200 p-4">
                <h3 id={headingId} className="font-semibold">
                  {heading}
                </h3>
                <p className="text-sm text-stone-700">
                  {s.status === 'shipped' && s.shippedAt ? (
                    <>
                      {status} on <LocalTime iso={s.shippedAt} />
                    </>
                  ) : (
                    status
                  )}
                </p>
                {s.status === 'shipped' && (
                  <div className="mt-1 flex flex-col gap-0.5">
                    <p className="text-sm">{chargedToCardText(s.chargedCents, order.currency, order.card)}</p>
                    {s.refundedCents > 0 && (
                      <p className="text-sm">{`Refunded ${money(s.refundedCents)} to ${cardBrandName(order.card.brand)} ending ${order.card.last4}.`}</p>
                    )}
                    <Tracking shipment={s} />
                  </div>
                )}
                {s.status === 'payment_failed' && <p className="mt-1 text-sm font-medium text-red-800">{PAYMENT_FAILED_ACTION}</p>}
                {/* Like checkout's ShipmentLines, with a cancelled line marked in words and its amount struck out. */}
                <ul className="mt-2 flex flex-col gap-1 text-sm">
                  {s.lines.map((sl) => {
                    const line = lineById.get(sl.lineId)!;
                    return (
                      <li key={sl.lineId} className="flex justify-between gap-4" data-status={sl.cancelled ? 'cancelled' : undefined}>
                        <span>
                          {sl.quantity} × {lineTitle(line.title, line.variantTitle)}
                          {sl.cancelled && <> — {CANCELLED}</>}
                        </span>
                        <span>{sl.cancelled ? <s>{money(sl.amountCents)}</s> : money(sl.amountCents)}</span>
                      </li>
                    );
                  })}
                </ul>
                <dl className="mt-2 flex flex-col gap-1 border-t border-stone-200 pt-2 text-sm">
                  {/* A cancelled shipment's fee went to the next one (or with the order): "Included" would mislead. */}
                  {s.status !== 'cancelled' && (
                    <div className="flex justify-between gap-4">
                      <dt>Shipping</dt>
                      <dd>{s.shippingCents > 0 ? money(s.shippingCents) : 'Included'}</dd>
                    </div>
                  )}
                  <div className="flex justify-between gap-4 font-semibold">
                    <dt>{shipmentChargeLabel(s.status)}</dt>
                    <dd>{s.status === 'cancelled' ? 'Not charged' : money(s.status === 'shipped' ? s.chargedCents : s.amountCents)}</dd>
                  </div>
                </dl>
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="order-totals-heading" className="flex flex-col gap-2 rounded-xl bg-stone-50 p-4">
        <h2 id="order-totals-heading" className="text-lg font-semibold">
          Totals
        </h2>
        <MoneyTotals
          currency={order.currency}
          itemsCents={order.itemsCents}
          shippingCents={order.shippingCents}
          totalCents={order.totalCents}
          shippingLabel="Shipping"
        />
        {order.cancellations && (
          <dl className="flex flex-col gap-1 border-t border-stone-200 pt-2 text-sm">
            <div className="flex justify-between gap-4">
              <dt>{CANCELLED}</dt>
              <dd>−{money(order.cancellations.cancelledCents)}</dd>
            </div>
            <div className="flex justify-between gap-4 text-base font-semibold">
              <dt>Total after cancellations</dt>
              <dd>{money(order.cancellations.remainingCents)}</dd>
            </div>
          </dl>
        )}
        {anyPlanned && <p className="text-sm">{CHARGE_STATEMENT}</p>}
        {order.cancellations && order.status !== 'cancelled' && <p className="text-sm">{CANCELLED_NOT_CHARGED}</p>}
      </section>

      <div className="grid gap-6 sm:grid-cols-2">
        <section aria-labelledby="order-address-heading" className="flex flex-col gap-1 text-sm">
          <h2 id="order-address-heading" className="text-base font-semibold">
            Shipping to
          </h2>
          <PostalAddressLines address={order} />
          <p className="mt-1">{order.email}</p>
        </section>
        <section aria-labelledby="order-card-heading" className="flex flex-col gap-1 text-sm">
          <h2 id="order-card-heading" className="text-base font-semibold">
            Card
          </h2>
          <p>{describeCard(order.card)}</p>
          {order.consentText && <p className="text-stone-600">You agreed: “{order.consentText}”</p>}
        </section>
      </div>
    </div>
  );
}
