import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PackingSlipView } from '@/components/admin/orders/packing-slip';
import { requireStaffPage } from '@/lib/auth/staff';
import { packingSlipFor } from '@/lib/shipping/packing-slip';

export const metadata: Metadata = { title: 'Packing slip' };

export default async function PackingSlipPage({ params }: PageProps<'/admin/orders/[number]/packing-slip/[sequence]'>) {
  await requireStaffPage();
  const { number, sequence } = await params;
  const slip = await packingSlipFor(number, sequence);
  if (!slip) notFound();
  return <PackingSlipView slip={slip} />;
}
