import { ColumnHeaders } from '@/components/admin/column-headers';
import { BackLink } from '@/components/admin/products/back-link';
import { PostalAddressLines } from '@/components/orders/postal-address';
import { LocalTime } from '@/components/ui/local-time';
import type { PackingSlip } from '@/lib/shipping/packing-slip';
import { STORE_NAME } from '@/lib/site';
import { PrintButton } from './print-button';

/**
 * One shipment's packing slip: the store, the order and shipment, where it goes and what to pack
 * (never the prices: a gift's recipient may open the box). On paper only the slip shows: the
 * admin's header (outside this component, in the console layout) is hidden by the `:has()`
 * variant on the root, and the links and buttons here by `print:hidden`.
 */
export function PackingSlipView({ slip }: { slip: PackingSlip }) {
  const units = slip.lines.reduce((n, l) => n + l.quantity, 0);
  return (
    <article
      aria-labelledby="packing-slip-heading"
      className="flex max-w-3xl flex-col gap-6 print:max-w-none print:text-black print:[body:has(&)_header]:hidden print:[body:has(&)_main]:p-0"
    >
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <BackLink href={`/admin/orders/${slip.orderNumber}`}>Order {slip.orderNumber}</BackLink>
        <PrintButton />
      </div>
      <div className="flex flex-wrap items-start justify-between gap-4 border-b border-stone-300 pb-4">
        <div className="flex flex-col gap-1">
          <p className="text-xl font-semibold tracking-tight">{STORE_NAME}</p>
          <h1 id="packing-slip-heading" className="text-2xl font-semibold tracking-tight">
            Packing slip
          </h1>
        </div>
        <div className="flex flex-col gap-1 text-sm sm:text-right">
          <p className="text-base font-semibold">Order {slip.orderNumber}</p>
          <p className="font-semibold">
            Shipment {slip.sequence} of {slip.shipmentCount}
          </p>
          <p>
            <span className="text-stone-600 print:text-black">Placed </span>
            <LocalTime iso={slip.placedAt.toISOString()} />
          </p>
        </div>
      </div>
      <section aria-labelledby="packing-slip-ship-to" className="flex flex-col gap-1">
        <h2 id="packing-slip-ship-to" className="text-sm font-semibold tracking-wide text-stone-600 uppercase print:text-black">
          Ship to
        </h2>
        <PostalAddressLines address={slip.address} className="text-lg" />
      </section>
      <section aria-labelledby="packing-slip-items" className="flex flex-col gap-2">
        <h2 id="packing-slip-items" className="text-sm font-semibold tracking-wide text-stone-600 uppercase print:text-black">
          Items
        </h2>
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">Items to pack</caption>
          <thead className="border-b border-stone-300">
            <ColumnHeaders columns={['Item', 'SKU', { label: 'Quantity', numeric: true }]} className="px-2 py-2 font-semibold" />
          </thead>
          <tbody>
            {slip.lines.map((l, i) => (
              <tr key={i} className="border-b border-stone-200 break-inside-avoid">
                <th scope="row" className="px-2 py-2 text-left font-medium">
                  {l.title}
                </th>
                <td className="px-2 py-2 font-mono text-xs whitespace-nowrap">{l.sku}</td>
                <td className="px-2 py-2 text-right tabular-nums">{l.quantity}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2} className="px-2 py-2 text-left font-semibold">
                Total units
              </th>
              <td className="px-2 py-2 text-right font-semibold tabular-nums">{units}</td>
            </tr>
          </tfoot>
        </table>
      </section>
      <p className="text-sm text-stone-700 print:text-black">Thank you for your order from {STORE_NAME}.</p>
    </article>
  );
}
