import type { Metadata } from 'next';
import { BackLink } from '@/components/admin/products/back-link';
import { NewPurchaseOrderForm } from '@/components/admin/purchase-orders/new-purchase-order-form';
import { requireStaffPage } from '@/lib/auth/staff';

export const metadata: Metadata = { title: 'New purchase order' };

export default async function NewPurchaseOrderPage() {
  await requireStaffPage();
  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/admin/purchase-orders">All purchase orders</BackLink>
      <h1 className="text-2xl font-semibold tracking-tight">New purchase order</h1>
      <p className="max-w-2xl text-stone-700">
        What you ordered from a supplier and when it should arrive. Until it is received, its date is the one waiting orders get.
      </p>
      <NewPurchaseOrderForm />
    </div>
  );
}
