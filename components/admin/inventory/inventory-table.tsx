import Link from 'next/link';
import type { InventoryRow } from '@/lib/inventory/inventory-report';
import { INVENTORY_SORTS, type InventorySort, type SortDirection } from '@/lib/inventory/inventory-sort';
import { formatMoney } from '@/lib/money/format';
import { TableScroll } from '@/components/admin/table-scroll';

function SortHeader({ column, sort, dir }: { column: InventorySort; sort: InventorySort; dir: SortDirection }) {
  const active = column === sort;
  const next: SortDirection = active && dir === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'} className="px-3 py-2 text-left font-semibold">
      <Link href={`/admin/inventory?sort=${column}&dir=${next}`} className="hover:underline">
        {INVENTORY_SORTS[column].label}
        {active && <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span>}
      </Link>
    </th>
  );
}

export function InventoryTable({ rows, sort, dir }: { rows: InventoryRow[]; sort: InventorySort; dir: SortDirection }) {
  return (
    <TableScroll label="Stock by variant" bordered>
      <table className="w-full text-sm">
        <caption className="sr-only">Stock by variant</caption>
        <thead className="bg-stone-50">
          <tr>
            <SortHeader column="product" sort={sort} dir={dir} />
            <th scope="col" className="px-3 py-2 text-left font-semibold">
              SKU
            </th>
            <SortHeader column="onHand" sort={sort} dir={dir} />
            <SortHeader column="committed" sort={sort} dir={dir} />
            <SortHeader column="waiting" sort={sort} dir={dir} />
            <th scope="col" className="px-3 py-2 text-left font-semibold">
              Waiting value
            </th>
            <SortHeader column="sellable" sort={sort} dir={dir} />
            <SortHeader column="demand" sort={sort} dir={dir} />
            <SortHeader column="cover" sort={sort} dir={dir} />
            <SortHeader column="reorderPoint" sort={sort} dir={dir} />
            <th scope="col" className="px-3 py-2 text-left font-semibold">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.variantId} className="border-t border-stone-200">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {r.productTitle}
                {r.variantTitle !== 'Default' && <span className="text-stone-600"> — {r.variantTitle}</span>}
              </th>
              <td className="px-3 py-2 font-mono text-xs">{r.sku}</td>
              <td className="px-3 py-2 tabular-nums">{r.onHand}</td>
              <td className="px-3 py-2 tabular-nums">{r.committed}</td>
              <td className="px-3 py-2 tabular-nums">{r.waiting}</td>
              <td className="px-3 py-2 tabular-nums">{r.waiting > 0 ? formatMoney(r.waitingValueCents, r.currency) : '—'}</td>
              <td className="px-3 py-2 tabular-nums">
                {r.sellable}
                {r.lowStock && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Low</span>}
              </td>
              <td className="px-3 py-2 tabular-nums">{r.dailyDemand > 0 ? r.dailyDemand.toFixed(1) : '—'}</td>
              <td className="px-3 py-2 tabular-nums">{r.daysOfCover ?? '—'}</td>
              <td className="px-3 py-2 tabular-nums">
                {r.reorderPoint}
                {r.needsReorder && <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900">Reorder</span>}
              </td>
              <td className="px-3 py-2">
                <Link href={`/admin/inventory/${r.variantId}`} className="font-medium text-brand-700 hover:underline">
                  Adjust<span className="sr-only"> stock of {r.sku}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
