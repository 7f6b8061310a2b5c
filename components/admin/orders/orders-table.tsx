import Link from 'next/link';
import { ColumnHeaders } from '@/components/admin/column-headers';
import { TableScroll } from '@/components/admin/table-scroll';
import { LocalTime } from '@/components/ui/local-time';
import { formatMoney } from '@/lib/money/format';
import type { OrderListRow } from '@/lib/orders/admin-orders';
import { ORDER_STATUS_LABELS, shipmentsSummary } from './order-labels';

/** With `selectable`, each row has a "Select" checkbox (`order.<number>`) for the form around the table. */
export function OrdersTable({ rows, selectable = false }: { rows: OrderListRow[]; selectable?: boolean }) {
  return (
    <TableScroll label="Orders" bordered>
      <table className="w-full text-sm">
        <caption className="sr-only">Orders, newest first</caption>
        <thead className="bg-stone-50">
          <ColumnHeaders columns={[...(selectable ? ['Select'] : []), 'Order', 'Placed', 'Customer', { label: 'Total', numeric: true }, 'Status']} />
        </thead>
        <tbody>
          {rows.map((o) => {
            const summary = shipmentsSummary(o.shipments);
            return (
              <tr key={o.number} className="border-t border-stone-200">
                {selectable && (
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      name={`order.${o.number}`}
                      aria-label="Select"
                      aria-describedby={`order-row-${o.number}`}
                      className="size-4 accent-brand-700"
                    />
                  </td>
                )}
                <th id={`order-row-${o.number}`} scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                  <Link href={`/admin/orders/${o.number}`} className="text-brand-700 hover:underline">
                    #{o.number}
                  </Link>
                </th>
                <td className="px-3 py-2 whitespace-nowrap">
                  <LocalTime iso={o.placedAt.toISOString()} />
                </td>
                <td className="min-w-48 px-3 py-2">
                  <span className="block">{o.fullName}</span>
                  <span className="block break-all text-stone-600">{o.email}</span>
                </td>
                <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{formatMoney(o.totalCents, o.currency)}</td>
                <td className="min-w-40 px-3 py-2">
                  <span className="block font-medium">{ORDER_STATUS_LABELS[o.status]}</span>
                  {summary && <span className="block text-stone-600">Shipments: {summary}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
