import type { LedgerEntry } from '@/lib/inventory/inventory-report';
import { LocalTime } from '@/components/ui/local-time';
import { TableScroll } from '@/components/admin/table-scroll';
import { ColumnHeaders } from '@/components/admin/column-headers';

export function LedgerTable({ entries }: { entries: LedgerEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-stone-600">No stock has moved yet.</p>;
  return (
    <TableScroll label="Stock ledger" bordered>
      <table className="w-full text-sm">
        <caption className="sr-only">Stock ledger, newest first</caption>
        <thead className="bg-stone-50">
          <ColumnHeaders columns={['When', 'Who', 'Why', { label: 'Change', numeric: true }, { label: 'On hand after', numeric: true }]} />
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className="border-t border-stone-200">
              <td className="px-3 py-2 whitespace-nowrap">
                <LocalTime iso={e.createdAt.toISOString()} />
              </td>
              <td className="px-3 py-2">{e.actor}</td>
              <td className="px-3 py-2">{e.reason}</td>
              <td className="px-3 py-2 text-right tabular-nums">{e.change > 0 ? `+${e.change}` : e.change}</td>
              <td className="px-3 py-2 text-right tabular-nums">{e.onHandAfter}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
