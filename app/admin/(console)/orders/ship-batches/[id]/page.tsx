import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ShipBatchView } from '@/components/admin/orders/ship-batch-view';
import { BackLink } from '@/components/admin/products/back-link';
import { requireStaffPage } from '@/lib/auth/staff';
import { shipBatchProgress } from '@/lib/shipping/ship-batch';

export const metadata: Metadata = { title: 'Shipping' };

export default async function ShipBatchPage({ params }: PageProps<'/admin/orders/ship-batches/[id]'>) {
  await requireStaffPage();
  const progress = await shipBatchProgress((await params).id);
  if (!progress) notFound();
  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/admin/orders?status=ready_to_ship">Ready to ship</BackLink>
      <h1 className="text-2xl font-semibold tracking-tight">
        Shipping {progress.total.toLocaleString('en-US')} {progress.total === 1 ? 'shipment' : 'shipments'}
      </h1>
      <ShipBatchView progress={progress} />
    </div>
  );
}
