import { randomBytes } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { OrderSearchForm } from '@/components/admin/orders/order-search-form';
import { OrdersPagination } from '@/components/admin/orders/orders-pagination';
import { OrdersTable } from '@/components/admin/orders/orders-table';
import { ShipSelectedForm } from '@/components/admin/orders/ship-selected-form';
import { requireStaffPage } from '@/lib/auth/staff';
import { listOrders, parseOrderFilters } from '@/lib/orders/admin-orders';
import { readyShipmentCount, runningShipBatches } from '@/lib/shipping/ship-batch';

export const metadata: Metadata = { title: 'Orders' };

export default async function OrdersPage({ searchParams }: PageProps<'/admin/orders'>) {
  await requireStaffPage();
  const filters = parseOrderFilters(await searchParams);
  const shipping = filters.status === 'ready_to_ship';
  const [list, readyCount, running] = await Promise.all([listOrders(filters), shipping ? readyShipmentCount() : 0, runningShipBatches()]);
  const filtered = Boolean(filters.q || filters.status);
  const table = <OrdersTable rows={list.rows} selectable={shipping} />;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Orders</h1>
      <OrderSearchForm filters={filters} />
      {running.length > 0 && (
        <ul aria-label="Shipping in progress" className="flex flex-col gap-1 text-sm">
          {running.map((b) => (
            <li key={b.id}>
              <Link href={`/admin/orders/ship-batches/${b.id}`} className="font-medium text-brand-700 hover:underline">
                Shipping {b.total.toLocaleString('en-US')} {b.total === 1 ? 'shipment' : 'shipments'}: see progress
              </Link>
            </li>
          ))}
        </ul>
      )}
      {list.rows.length === 0 ? (
        <p className="text-sm text-stone-700">
          {list.total > 0 ? 'No orders on this page.' : filtered ? 'No orders match these filters.' : 'No orders yet: they appear here as shoppers check out.'}
        </p>
      ) : shipping ? (
        // A fresh key per page view: resubmitting this form finds its batch instead of starting another.
        <ShipSelectedForm requestKey={randomBytes(18).toString('base64url')} readyCount={readyCount}>
          {table}
        </ShipSelectedForm>
      ) : (
        table
      )}
      <OrdersPagination list={list} filters={filters} />
    </div>
  );
}
