import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BackLink } from '@/components/admin/products/back-link';
import { PurchaseOrderView } from '@/components/admin/purchase-orders/purchase-order-view';
import { requireStaffPage } from '@/lib/auth/staff';
import { purchaseOrderDetail } from '@/lib/purchasing/purchase-orders';

export const metadata: Metadata = { title: 'Purchase order' };

/** What the page says after the action that led to it (`?notice=`); anything else says nothing. */
const NOTICES: Record<string, (number: number) => string> = {
  created: (n) => `Purchase order ${n} created.`,
  cancelled: (n) => `Purchase order ${n} cancelled. What was received stays in stock.`,
};

export default async function PurchaseOrderPage({ params, searchParams }: PageProps<'/admin/purchase-orders/[number]'>) {
  await requireStaffPage();
  const [{ number }, query] = await Promise.all([params, searchParams]);
  const po = await purchaseOrderDetail(number);
  if (!po) notFound();
  const notice = typeof query.notice === 'string' && Object.hasOwn(NOTICES, query.notice) ? NOTICES[query.notice]!(po.number) : '';
  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/admin/purchase-orders">All purchase orders</BackLink>
      <h1 className="text-2xl font-semibold tracking-tight">Purchase order {po.number}</h1>
      {notice && (
        <p role="status" className="text-sm font-medium text-brand-700">
          {notice}
        </p>
      )}
      <PurchaseOrderView po={po} />
    </div>
  );
}
