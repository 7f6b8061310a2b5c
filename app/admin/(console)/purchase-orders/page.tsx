import type { Metadata } from 'next';
import Link from 'next/link';
import { PurchaseOrderFilterForm } from '@/components/admin/purchase-orders/purchase-order-filter-form';
import { PurchaseOrdersPagination } from '@/components/admin/purchase-orders/purchase-orders-pagination';
import { PurchaseOrdersTable } from '@/components/admin/purchase-orders/purchase-orders-table';
import { requireStaffPage } from '@/lib/auth/staff';
import { parsePurchaseOrderFilters } from '@/lib/purchasing/purchase-order-input';
import { listPurchaseOrders } from '@/lib/purchasing/purchase-orders';

export const metadata: Metadata = { title: 'Purchase orders' };

export default async function PurchaseOrdersPage({ searchParams }: PageProps<'/admin/purchase-orders'>) {
  await requireStaffPage();
  const filters = parsePurchaseOrderFilters(await searchParams);
  const list = await listPurchaseOrders(filters);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Purchase orders</h1>
        <Link href="/admin/purchase-orders/new" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
          New purchase order
        </Link>
      </div>
      <p className="max-w-3xl text-sm text-stone-700">
        Stock ordered from suppliers. Receiving it fills waiting orders first, oldest first; the open units and their expected arrival date the orders still
        waiting.
      </p>
      <PurchaseOrderFilterForm filters={filters} />
      {list.rows.length === 0 ? (
        <p className="text-sm text-stone-700">
          {list.total > 0
            ? 'No purchase orders on this page.'
            : filters.q || filters.status
              ? 'No purchase orders match these filters.'
              : 'No purchase orders yet: create one when you order stock from a supplier.'}
        </p>
      ) : (
        <PurchaseOrdersTable rows={list.rows} />
      )}
      <PurchaseOrdersPagination list={list} filters={filters} />
    </div>
  );
}
