import Link from 'next/link';
import { ColumnHeaders } from '@/components/admin/column-headers';
import { TableScroll } from '@/components/admin/table-scroll';
import type { PurchaseOrderListRow } from '@/lib/purchasing/purchase-orders';
import { ExpectedDate } from './expected-date';
import { PurchaseOrderStatusBadge } from './status-badge';

export function PurchaseOrdersTable({ rows }: { rows: PurchaseOrderListRow[] }) {
  return (
    <TableScroll label="Purchase orders" bordered>
      <table className="w-full text-sm">
        <caption className="sr-only">Purchase orders, newest first</caption>
        <thead className="bg-stone-50">
          <ColumnHeaders columns={['PO number', 'Supplier', 'Expected arrival', 'Status', { label: 'Units', numeric: true }]} />
        </thead>
        <tbody>
          {rows.map((po) => (
            <tr key={po.number} className="border-t border-stone-200">
              <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                <Link href={`/admin/purchase-orders/${po.number}`} className="text-brand-700 hover:underline">
                  PO {po.number}
                </Link>
              </th>
              <td className="min-w-40 px-3 py-2 break-words">{po.supplier}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                <ExpectedDate date={po.expectedDate} status={po.status} />
              </td>
              <td className="px-3 py-2">
                <PurchaseOrderStatusBadge status={po.status} />
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                {po.received.toLocaleString('en-US')} of {po.ordered.toLocaleString('en-US')} received
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
