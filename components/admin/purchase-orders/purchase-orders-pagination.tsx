import type { PurchaseOrderFilters } from '@/lib/purchasing/purchase-order-input';
import type { PurchaseOrderList } from '@/lib/purchasing/purchase-orders';
import { ListPagination } from '../list-pagination';

export function PurchaseOrdersPagination({ list, filters }: { list: PurchaseOrderList; filters: PurchaseOrderFilters }) {
  return <ListPagination label="Purchase order pages" path="/admin/purchase-orders" list={list} filters={{ q: filters.q, status: filters.status }} />;
}
