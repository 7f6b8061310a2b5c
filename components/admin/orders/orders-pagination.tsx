import type { OrderFilters, OrderList } from '@/lib/orders/admin-orders';
import { ListPagination } from '../list-pagination';

export function OrdersPagination({ list, filters }: { list: OrderList; filters: OrderFilters }) {
  return <ListPagination label="Order pages" path="/admin/orders" list={list} filters={{ q: filters.q, status: filters.status }} />;
}
