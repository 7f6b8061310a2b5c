import Link from 'next/link';
import type { ReactNode } from 'react';
import { ColumnHeaders, type Column } from '@/components/admin/column-headers';
import { ConfirmActionForm } from '@/components/admin/confirm-action-form';
import { EmailStatusBadge } from '@/components/admin/emails/email-status-badge';
import { TableScroll } from '@/components/admin/table-scroll';
import { PostalAddressLines } from '@/components/orders/postal-address';
import { LocalTime } from '@/components/ui/local-time';
import { formatCalendarDate } from '@/lib/catalog/dates';
import { formatMoney } from '@/lib/money/format';
import type { AdminOrder, AdminOrderEvent, AdminOrderLine, AdminOrderQueueEntry, AdminShipment } from '@/lib/orders/admin-orders';
import { waitingDateNotes } from '@/lib/orders/waiting-line-copy';
import { cardBrandName, formatCardExpiry } from '@/lib/payments/browser/card-display';
import { paymentFailureText } from '@/lib/shipping/failure-copy';
import { cancelLineAction, cancelOrderAction } from './actions';
import { humanize, ORDER_STATUS_LABELS, SHIPMENT_KIND_LABELS, SHIPMENT_STATUS_LABELS } from './order-labels';
import { RefundForm } from './refund-form';
import { ShipForm } from './ship-form';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 sm:flex-row sm:gap-4">
      <dt className="shrink-0 text-stone-600 sm:w-40">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const time = (date: Date) => <LocalTime iso={date.toISOString()} />;

function shipmentDate(s: Pick<AdminShipment, 'kind' | 'expectedDate'>): string {
  if (s.kind === 'now' || !s.expectedDate) return 'Ships from stock';
  if (s.kind === 'backorder') return `Ships by ${formatCalendarDate(s.expectedDate, { withWeekday: true })}`;
  return `Releases ${formatCalendarDate(s.expectedDate)}`;
}

/**
 * Where a line's later units stand in their variant's queue ("Queue position 3 of 7", "Allocated",
 * ...) and, while they wait, their date against the one promised.
 */
function queueText(q: AdminOrderQueueEntry, line: Pick<AdminOrderLine, 'laterKind' | 'laterDate'>): string[] {
  switch (q.status) {
    case 'allocated':
      return ['Allocated'];
    case 'cancelled':
      return ['Cancelled'];
    case 'waiting': {
      const place = q.position !== null && q.waitingCount !== null ? [`Queue position ${q.position} of ${q.waitingCount}`] : ['Waiting'];
      const part = q.allocatedUnits > 0 ? [`Partly allocated: ${q.allocatedUnits} of ${q.units} units`] : [];
      return [...place, ...part, ...waitingDateNotes(line.laterKind ?? 'backorder', line.laterDate, q)];
    }
  }
}

const units = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'unit' : 'units'}`;

/** Where a shipment's charge stands, once "Ship" was pressed: charged, being charged, or failed and why. */
function ShipmentPayment({ shipment: s, card, money }: { shipment: AdminShipment; card: string; money: (cents: number) => string }) {
  switch (s.status) {
    case 'shipped':
      return (
        <Fact term="Payment">
          {s.chargedCents > 0 ? `Charged ${money(s.chargedCents)} to ${card}` : 'Nothing to charge'}
          {s.refundedCents > 0 && <span className="block">{`Refunded ${money(s.refundedCents)}`}</span>}
        </Fact>
      );
    case 'charging':
      return (
        <Fact term="Payment">
          Charging {card}
          {s.chargingSince && <> since {time(s.chargingSince)}</>}: the provider has not answered yet; it is retried in the background.
        </Fact>
      );
    case 'payment_failed':
      return (
        <Fact term="Payment">
          <span className="block font-medium text-red-800">Payment failed: {paymentFailureText(s.failureCode)}</span>
          {s.failureMessage && <span className="block">“{s.failureMessage}”</span>}
          <span className="block text-stone-600">The shopper has been emailed to authenticate or give another card; nothing shipped.</span>
        </Fact>
      );
    default:
      return null;
  }
}

/** "UPS 1Z999AA1…", the number linked to the carrier's tracking page when the store knows the carrier. */
function Tracking({ shipment: s }: { shipment: AdminShipment }) {
  return (
    <>
      {s.carrier}
      {s.carrier && s.trackingNumber && ' '}
      {s.trackingNumber &&
        (s.trackingUrl ? (
          <a href={s.trackingUrl} rel="noreferrer" className="font-mono text-xs break-all text-brand-700 hover:underline">
            {s.trackingNumber}
          </a>
        ) : (
          <span className="font-mono text-xs break-all">{s.trackingNumber}</span>
        ))}
    </>
  );
}

/** A line's "Cancel line", and afterwards what it did (the answer stays in its row when the page comes back without the button). */
function CancelLine({ number, line }: { number: number; line: AdminOrderLine }) {
  return (
    <ConfirmActionForm
      action={cancelLineAction}
      fields={{ number, lineId: line.id }}
      available={line.cancellable}
      startLabel="Cancel line"
      startDescribedBy={lineHeaderId(line)}
      question={`Cancel ${line.cancellableQuantity} × ${line.title}? Its stock or queue place goes to the next waiting order and the shopper is emailed. Nothing was charged, so nothing is refunded.`}
      confirmLabel="Yes, cancel line"
      pendingLabel="Cancelling…"
      keepLabel="Keep line"
    />
  );
}

const lineHeaderId = (line: Pick<AdminOrderLine, 'id'>) => `order-line-${line.id}`;

const dataText = (data: Record<string, unknown>) =>
  Object.entries(data)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');

/** "Planned → Ready to ship", or just the new status for a first one. */
function statusChange(e: AdminOrderEvent): string | null {
  if (!e.fromStatus && !e.toStatus) return null;
  const words = (status: string | null) => (status ? humanize(status) : 'None');
  return e.fromStatus ? `${words(e.fromStatus)} → ${words(e.toStatus)}` : words(e.toStatus);
}

/** One order as staff read it: where each shipment and line stands, who it is for, how it is paid, and what happened to it. */
export function OrderDetailView({ order }: { order: AdminOrder }) {
  const money = (cents: number) => formatMoney(cents, order.currency);
  const card = `${cardBrandName(order.card.brand)} ending ${order.card.last4}`;
  const chargedCents = order.shipments.reduce((n, s) => n + s.chargedCents, 0);
  // What each line lost, and its "Cancel line": kept once something is cancelled, so the column
  // (and the answer in it) stays when the last cancellable line goes.
  const withCancelColumn = order.lines.some((l) => l.cancellable || l.cancelledQuantity > 0);
  const cancellableUnits = order.lines.reduce((n, l) => n + l.cancellableQuantity, 0);
  const itemColumns: Column[] = [
    'Item',
    'SKU',
    { label: 'Quantity', numeric: true },
    { label: 'Ships now', numeric: true },
    { label: 'Later', numeric: true },
    { label: 'Unit price', numeric: true },
    { label: 'Line total', numeric: true },
    'Queue',
    ...(withCancelColumn ? ['Cancellation'] : []),
  ];
  return (
    <div className="flex flex-col gap-8">
      <dl className="flex max-w-3xl flex-col gap-2 text-sm">
        <Fact term="Status">{ORDER_STATUS_LABELS[order.status]}</Fact>
        <Fact term="Placed">{time(order.placedAt)}</Fact>
        <Fact term="Total">
          {money(order.totalCents)}{' '}
          <span className="text-stone-600">
            (items {money(order.itemsCents)}, shipping {money(order.shippingCents)})
          </span>
        </Fact>
        {order.totalAfterCancellationsCents !== null && order.totalAfterCancellationsCents !== order.totalCents && (
          <Fact term="After cancellations">{money(order.totalAfterCancellationsCents)}</Fact>
        )}
        {chargedCents > 0 && <Fact term="Charged so far">{money(chargedCents)}</Fact>}
      </dl>
      <ConfirmActionForm
        action={cancelOrderAction}
        fields={{ number: order.number }}
        available={order.cancellable}
        startLabel="Cancel order"
        question={`Cancel order ${order.number}? Its ${units(cancellableUnits)} not yet shipped ${cancellableUnits === 1 ? 'is' : 'are'} cancelled: stock and queue places go to the next waiting orders and the shopper is emailed. Nothing was charged for them, so nothing is refunded.`}
        confirmLabel="Yes, cancel order"
        pendingLabel="Cancelling…"
        keepLabel="Keep order"
        className="max-w-3xl"
      />

      <Section id="order-shipments" title="Shipments">
        {order.shipments.length === 0 ? (
          <p className="text-sm text-stone-700">No shipments.</p>
        ) : (
          <ol className="flex max-w-3xl flex-col gap-3">
            {order.shipments.map((s) => {
              const headingId = `order-shipment-${s.sequence}`;
              return (
                <li key={s.id} aria-labelledby={headingId} className="flex flex-col gap-2 rounded-xl border border-stone-200 p-4" data-status={s.status}>
                  <h3 id={headingId} className="font-semibold">
                    Shipment {s.sequence} of {order.shipments.length}
                  </h3>
                  <dl className="flex flex-col gap-1 text-sm">
                    <Fact term="Kind">{SHIPMENT_KIND_LABELS[s.kind]}</Fact>
                    <Fact term="Status">{SHIPMENT_STATUS_LABELS[s.status]}</Fact>
                    {s.status === 'shipped' && s.shippedAt ? (
                      <Fact term="Shipped">
                        {time(s.shippedAt)}
                        {s.shippedBy && <span className="text-stone-600"> by {s.shippedBy}</span>}
                      </Fact>
                    ) : (
                      s.status !== 'cancelled' && <Fact term="Date">{shipmentDate(s)}</Fact>
                    )}
                    <Fact term="Amount">
                      {money(s.amountCents)}
                      {s.shippingCents > 0 && <span className="text-stone-600"> (shipping {money(s.shippingCents)} included)</span>}
                    </Fact>
                    <ShipmentPayment shipment={s} card={card} money={money} />
                    {(s.carrier || s.trackingNumber) && (
                      <Fact term="Tracking">
                        <Tracking shipment={s} />
                      </Fact>
                    )}
                  </dl>
                  <ul aria-label={`Lines in shipment ${s.sequence}`} className="flex flex-col gap-1 border-t border-stone-200 pt-2 text-sm">
                    {s.lines.map((l) =>
                      l.cancelled ? (
                        // Kept for the record, struck through; the word says it for those who cannot see the line.
                        <li key={l.lineId} className="flex justify-between gap-4 text-stone-600" data-cancelled="true">
                          <span className="min-w-0 break-words">
                            <s>
                              {l.quantity} × {l.title}
                            </s>{' '}
                            <span className="font-mono text-xs">{l.sku}</span>{' '}
                            <span className="rounded bg-stone-100 px-1.5 py-0.5 text-xs font-medium text-stone-800">Cancelled</span>
                          </span>
                          <s className="tabular-nums">{money(l.amountCents)}</s>
                        </li>
                      ) : (
                        <li key={l.lineId} className="flex justify-between gap-4">
                          <span className="min-w-0 break-words">
                            {l.quantity} × {l.title} <span className="font-mono text-xs text-stone-600">{l.sku}</span>
                          </span>
                          <span className="tabular-nums">{money(l.amountCents)}</span>
                        </li>
                      ),
                    )}
                  </ul>
                  {s.status !== 'cancelled' && (
                    <Link
                      href={`/admin/orders/${order.number}/packing-slip/${s.sequence}`}
                      className="self-start text-sm font-medium text-brand-700 hover:underline"
                    >
                      Packing slip<span className="sr-only"> for shipment {s.sequence}</span>
                    </Link>
                  )}
                  {/* Kept for every shipment, so its answer stays when the shipment leaves "Ready to ship". */}
                  <ShipForm shipmentId={s.id} available={s.status === 'ready_to_ship'} />
                  {/* Kept while anything was charged, so its answer stays when the last of it is refunded. */}
                  {s.status === 'shipped' && s.chargedCents > 0 && (
                    <RefundForm
                      shipmentId={s.id}
                      sequence={s.sequence}
                      lines={s.lines
                        .filter((l) => !l.cancelled)
                        .map(({ lineId, title, quantity, refundedQuantity, amountCents }) => ({
                          lineId,
                          title,
                          quantity,
                          refundedQuantity,
                          amountCents,
                        }))}
                      leftCents={s.chargedCents - s.refundedCents}
                      shippingCents={s.shippingCents}
                      currency={order.currency}
                      card={card}
                      available={s.chargedCents > s.refundedCents}
                    />
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </Section>

      <Section id="order-items" title="Items">
        <TableScroll label="Items" bordered>
          <table className="w-full text-sm">
            <caption className="sr-only">Items in this order</caption>
            <thead className="bg-stone-50">
              <ColumnHeaders columns={itemColumns} />
            </thead>
            <tbody>
              {order.lines.map((l) => (
                <tr key={l.id} className="border-t border-stone-200">
                  <th scope="row" id={lineHeaderId(l)} className="min-w-40 px-3 py-2 text-left font-medium">
                    {l.title}
                  </th>
                  <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">{l.sku}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.quantity}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.shipNow}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.later}</td>
                  <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{money(l.unitPriceCents)}</td>
                  <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{money(l.lineTotalCents)}</td>
                  <td className="min-w-44 px-3 py-2">
                    {l.queue ? (
                      queueText(l.queue, l).map((text) => (
                        <span key={text} className="block">
                          {text}
                        </span>
                      ))
                    ) : (
                      <span className="text-stone-600">Not queued</span>
                    )}
                  </td>
                  {withCancelColumn && (
                    <td className="min-w-48 px-3 py-2">
                      {l.cancelledQuantity > 0 && <span className="block">{l.cancelledQuantity} cancelled</span>}
                      <CancelLine number={order.number} line={l} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>

      <div className="grid gap-8 lg:grid-cols-2">
        <Section id="order-customer" title="Customer">
          <dl className="flex flex-col gap-2 text-sm">
            <Fact term="Name">{order.address.fullName}</Fact>
            <Fact term="Email">
              <a href={`mailto:${order.email}`} className="break-all text-brand-700 hover:underline">
                {order.email}
              </a>
            </Fact>
            <Fact term="Address">
              <PostalAddressLines address={order.address} />
            </Fact>
          </dl>
        </Section>

        <Section id="order-payment" title="Payment">
          <dl className="flex flex-col gap-2 text-sm">
            <Fact term="Card">
              <span className="block">
                {cardBrandName(order.card.brand)} ending {order.card.last4}
              </span>
              <span className="block">Expires {formatCardExpiry(order.card.expMonth, order.card.expYear)}</span>
            </Fact>
          </dl>
          <h3 className="font-semibold">Consent</h3>
          {order.consent ? (
            <dl className="flex flex-col gap-2 text-sm">
              <Fact term="Agreed to">“{order.consent.text}”</Fact>
              <Fact term="Time">{time(order.consent.at)}</Fact>
              <Fact term="IP address">{order.consent.ip ? <span className="font-mono text-xs">{order.consent.ip}</span> : 'Not recorded'}</Fact>
            </dl>
          ) : (
            <p className="text-sm text-stone-700">None needed: every unit was in stock when the order was placed.</p>
          )}
        </Section>
      </div>

      <Section id="order-timeline" title="Timeline">
        {order.events.length === 0 ? (
          <p className="text-sm text-stone-700">No events recorded.</p>
        ) : (
          <ol aria-label="Order events, oldest first" className="flex max-w-3xl flex-col divide-y divide-stone-200 border-y border-stone-200 text-sm">
            {order.events.map((e) => {
              const change = statusChange(e);
              const data = dataText(e.data);
              return (
                <li key={e.id} className="flex flex-col gap-0.5 py-2 sm:flex-row sm:gap-4">
                  <span className="shrink-0 text-stone-600 sm:w-48">{time(e.createdAt)}</span>
                  <span className="min-w-0">
                    <span className="block">
                      <span className="font-medium">{humanize(e.type)}</span>
                      {e.shipmentSequence !== null && <span> · Shipment {e.shipmentSequence}</span>}
                      {change && <span className="text-stone-700"> · {change}</span>}
                    </span>
                    {data && <span className="block font-mono text-xs break-all text-stone-600">{data}</span>}
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </Section>

      <Section id="order-emails" title="Emails">
        {order.emails.length === 0 ? (
          <p className="text-sm text-stone-700">No emails for this order yet.</p>
        ) : (
          <TableScroll label="Emails for this order" bordered className="max-w-3xl">
            <table className="w-full text-sm">
              <caption className="sr-only">Emails for this order, newest first</caption>
              <thead className="bg-stone-50">
                <ColumnHeaders columns={['Subject', 'Kind', 'Status', 'Time']} />
              </thead>
              <tbody>
                {order.emails.map((e) => (
                  <tr key={e.id} className="border-t border-stone-200">
                    <th scope="row" className="min-w-48 px-3 py-2 text-left font-medium">
                      <Link href={`/admin/emails/${e.id}`} className="text-brand-700 hover:underline">
                        {e.subject}
                      </Link>
                    </th>
                    <td className="px-3 py-2 whitespace-nowrap">{e.kindLabel}</td>
                    <td className="px-3 py-2">
                      <EmailStatusBadge status={e.status} />
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{time(e.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
    </div>
  );
}
