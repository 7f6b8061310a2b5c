import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OrderDetails } from '@/components/orders/order-details';
import { todayUtc } from '@/lib/catalog/dates';
import { readOrderByToken } from '@/lib/orders/order-reads';
import { siteUrl } from '@/lib/site';

export const metadata: Metadata = { title: 'Order placed', robots: { index: false, follow: false }, referrer: 'no-referrer' };

export default async function ConfirmationPage({ params }: PageProps<'/checkout/confirmation/[token]'>) {
  const { token } = await params;
  const order = await readOrderByToken(token);
  if (!order) notFound();
  const orderPath = `/orders/${token}`;
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-semibold tracking-tight">Thank you — your order is placed</h1>
        <p className="text-lg">Order {order.number}</p>
        <p className="text-stone-700">
          Keep this link to check your order at any time, no account needed:{' '}
          <Link href={orderPath} className="font-medium break-all text-brand-700 underline">
            {siteUrl()}
            {orderPath}
          </Link>
        </p>
      </div>
      <OrderDetails order={order} today={todayUtc()} />
    </div>
  );
}
