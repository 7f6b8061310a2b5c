import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OrderDetailView } from '@/components/admin/orders/order-detail';
import { BackLink } from '@/components/admin/products/back-link';
import { requireStaffPage } from '@/lib/auth/staff';
import { orderForAdmin } from '@/lib/orders/admin-orders';

export const metadata: Metadata = { title: 'Order' };

export default async function OrderPage({ params }: PageProps<'/admin/orders/[number]'>) {
  await requireStaffPage();
  const order = await orderForAdmin((await params).number);
  if (!order) notFound();
  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/admin/orders">All orders</BackLink>
      <h1 className="text-2xl font-semibold tracking-tight">Order {order.number}</h1>
      <OrderDetailView order={order} />
    </div>
  );
}
