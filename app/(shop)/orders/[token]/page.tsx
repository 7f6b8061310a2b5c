import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LocalTime } from '@/components/ui/local-time';
import { OrderDetails } from '@/components/orders/order-details';
import { todayUtc } from '@/lib/catalog/dates';
import { readOrderByToken } from '@/lib/orders/order-reads';
import { ORDER_STATUS_LABELS } from '@/lib/orders/status-copy';

// The long random link is the only key to the page: never indexed, never sent on as a referrer.
export const metadata: Metadata = { title: 'Your order', robots: { index: false, follow: false }, referrer: 'no-referrer' };

export default async function OrderPage({ params }: PageProps<'/orders/[token]'>) {
  const order = await readOrderByToken((await params).token);
  if (!order) notFound();
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <div className="flex flex-col gap-1">
        <h1 className="text-3xl font-semibold tracking-tight">Order {order.number}</h1>
        {/* The date is the placement's: a cancelled order says so at the top of its details instead. */}
        <p className="text-stone-700">
          {order.status === 'cancelled' ? ORDER_STATUS_LABELS.placed : ORDER_STATUS_LABELS[order.status]} on <LocalTime iso={order.placedAt} />
        </p>
      </div>
      <OrderDetails order={order} today={todayUtc()} />
    </div>
  );
}
