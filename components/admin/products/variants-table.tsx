import Link from 'next/link';
import type { AdminVariantRow } from '@/lib/catalog/admin-product-reads';
import { formatMoney } from '@/lib/money/format';
import { TableScroll } from '@/components/admin/table-scroll';

const POLICY: Record<AdminVariantRow['inventoryPolicy'], string> = { deny: 'Deny', backorder: 'Backorder', preorder: 'Pre-order' };

export function VariantsTable({ productId, optionNames, variants }: { productId: string; optionNames: string[]; variants: AdminVariantRow[] }) {
  if (variants.length === 0) return <p className="text-stone-700">No variants yet. Shoppers see the product once it has one.</p>;
  return (
    <TableScroll label="Variants" bordered>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Variants</caption>
        <thead className="bg-stone-50 text-stone-700">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Variant
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              SKU
            </th>
            {optionNames.length > 0 && (
              <th scope="col" className="px-4 py-2 font-medium">
                {optionNames.join(' / ')}
              </th>
            )}
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Price
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Inventory policy
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              On hand
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {variants.map((v) => (
            <tr key={v.id} className={v.archived ? 'text-stone-600' : undefined}>
              <th scope="row" className="px-4 py-2 font-medium">
                <Link href={`/admin/products/${productId}/variants/${v.id}`} className="text-brand-700 hover:underline">
                  {v.title}
                </Link>
              </th>
              <td className="px-4 py-2 font-mono text-xs">{v.sku}</td>
              {optionNames.length > 0 && <td className="px-4 py-2">{v.optionValues.join(' / ')}</td>}
              <td className="px-4 py-2 text-right tabular-nums">{formatMoney(v.priceCents, v.currency)}</td>
              <td className="px-4 py-2">{POLICY[v.inventoryPolicy]}</td>
              <td className="px-4 py-2 text-right tabular-nums">{v.onHand}</td>
              <td className="px-4 py-2">{v.archived ? 'Archived' : 'On sale'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
