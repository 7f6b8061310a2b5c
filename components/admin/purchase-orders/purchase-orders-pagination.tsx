import Link from 'next/link';
import type { PurchaseOrderFilters } from '@/lib/purchasing/purchase-order-input';
import type { PurchaseOrderList } from '@/lib/purchasing/purchase-orders';

function pageHref(filters: PurchaseOrderFilters, page: number): string {
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  if (page > 1) query.set('page', String(page));
  const qs = query.toString();
  return qs ? `/admin/purchase-orders?${qs}` : '/admin/purchase-orders';
}

const LINK = 'rounded-lg border border-stone-300 px-3 py-1.5 font-medium text-brand-700 hover:border-brand-700';

/** Newer and Older pages of the list, keeping its filter. */
export function PurchaseOrdersPagination({ list, filters }: { list: PurchaseOrderList; filters: PurchaseOrderFilters }) {
  if (!list.hasPrevious && !list.hasNext) return null;
  const first = (list.page - 1) * list.pageSize + 1;
  const last = Math.min(list.page * list.pageSize, list.total);
  return (
    <nav aria-label="Purchase order pages" className="flex flex-wrap items-center gap-3 text-sm">
      {list.hasPrevious && (
        <Link href={pageHref(filters, list.page - 1)} className={LINK}>
          <span aria-hidden="true">← </span>Newer
        </Link>
      )}
      <span className="text-stone-700">
        {first <= last ? `${first}–${last} of ${list.total}` : `Page ${list.page} of ${Math.max(1, Math.ceil(list.total / list.pageSize))}`}
      </span>
      {list.hasNext && (
        <Link href={pageHref(filters, list.page + 1)} className={LINK}>
          Older<span aria-hidden="true"> →</span>
        </Link>
      )}
    </nav>
  );
}
