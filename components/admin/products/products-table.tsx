import Link from 'next/link';
import type { AdminProductRow } from '@/lib/catalog/admin-product-reads';
import { formatMoney } from '@/lib/money/format';
import { StatusBadge } from './status-badge';
import { TableScroll } from '@/components/admin/table-scroll';
import { ColumnHeaders } from '@/components/admin/column-headers';

function priceRange(p: AdminProductRow): string {
  if (p.minPriceCents === null || p.maxPriceCents === null) return '—';
  const min = formatMoney(p.minPriceCents, p.currency);
  return p.minPriceCents === p.maxPriceCents ? min : `${min} – ${formatMoney(p.maxPriceCents, p.currency)}`;
}

export function ProductsTable({ products }: { products: AdminProductRow[] }) {
  if (products.length === 0) return <p className="text-stone-700">No products yet.</p>;
  return (
    <TableScroll label="Products" bordered>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Products</caption>
        <thead className="bg-stone-50 text-stone-700">
          <ColumnHeaders columns={['Title', 'Slug', 'Status', { label: 'Variants', numeric: true }, { label: 'Price', numeric: true }]} />
        </thead>
        <tbody className="divide-y divide-stone-200">
          {products.map((p) => (
            <tr key={p.id}>
              <th scope="row" className="px-4 py-2 font-medium">
                <Link href={`/admin/products/${p.id}`} className="text-brand-700 hover:underline">
                  {p.title}
                </Link>
              </th>
              <td className="px-4 py-2 font-mono text-xs">{p.slug}</td>
              <td className="px-4 py-2">
                <StatusBadge status={p.status} />
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{p.variantCount}</td>
              <td className="px-4 py-2 text-right tabular-nums">{priceRange(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
