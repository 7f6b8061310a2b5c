import Link from 'next/link';
import { ColumnHeaders } from '@/components/admin/column-headers';
import { TableScroll } from '@/components/admin/table-scroll';
import { LocalTime } from '@/components/ui/local-time';
import { formatMoney } from '@/lib/money/format';
import type { FailedPayment } from '@/lib/orders/payment-failed';
import { paymentFailureText } from '@/lib/shipping/failure-copy';

/** Shipments whose charge failed at "Ship", waiting for the shopper to fix the payment; oldest failure first. */
export function PaymentFailedSection({ rows }: { rows: FailedPayment[] }) {
  return (
    <section aria-labelledby="payment-failed-heading" className="flex flex-col gap-3">
      <h2 id="payment-failed-heading" className="text-lg font-semibold">
        Payment failed
      </h2>
      <p className="text-sm text-stone-700">
        Shipments whose card could not be charged when they were shipped. They stay packed and unshipped; the shopper was emailed to authenticate or give
        another card. Oldest failure first.
      </p>
      <TableScroll label="Shipments whose payment failed" className="max-w-3xl">
        <table className="w-full text-sm">
          <caption className="sr-only">Shipments whose payment failed</caption>
          <thead className="bg-stone-50">
            <ColumnHeaders columns={['Order', 'Customer', { label: 'Amount', numeric: true }, 'Reason', 'Failed']} />
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.shipmentId} className="border-t border-stone-200">
                <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                  <Link href={`/admin/orders/${r.orderNumber}`} className="text-brand-700 hover:underline">
                    #{r.orderNumber}
                  </Link>
                  <span className="block text-xs font-normal text-stone-600">Shipment {r.sequence}</span>
                </th>
                <td className="min-w-40 px-3 py-2">
                  <span className="block">{r.fullName}</span>
                  <span className="block text-xs break-all text-stone-600">{r.email}</span>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoney(r.amountCents, r.currency)}</td>
                <td className="px-3 py-2">{paymentFailureText(r.failureCode)}</td>
                <td className="px-3 py-2">
                  <LocalTime iso={r.failedAt.toISOString()} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Link href="/admin/orders?status=payment_failed" className="self-start text-sm font-medium text-brand-700 hover:underline">
        All orders with a failed payment
      </Link>
    </section>
  );
}
