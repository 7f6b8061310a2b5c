import type { Metadata } from 'next';
import { OrderSearchForm } from '@/components/admin/orders/order-search-form';
import { OrdersPagination } from '@/components/admin/orders/orders-pagination';
import { OrdersTable } from '@/components/admin/orders/orders-table';
import { requireStaffPage } from '@/lib/auth/staff';
import { listOrders, parseOrderFilters } from '@/lib/orders/admin-orders';

export const metadata: Metadata = { title: 'Orders' };

export default async function OrdersPage({ searchParams }: PageProps<'/admin/orders'>) {
  await requireStaffPage();
  const filters = parseOrderFilters(await searchParams);
  const list = await listOrders(filters);
  const filtered = Boolean(filters.q || filters.status);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Orders</h1>
      <OrderSearchForm filters={filters} />
      {list.rows.length === 0 ? (
        <p className="text-sm text-stone-700">
          {list.total > 0 ? 'No orders on this page.' : filtered ? 'No orders match these filters.' : 'No orders yet: they appear here as shoppers check out.'}
        </p>
      ) : (
        <OrdersTable rows={list.rows} />
      )}
      <OrdersPagination list={list} filters={filters} />
    </div>
  );
}
