import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BackLink } from '@/components/admin/products/back-link';
import { VariantForm } from '@/components/admin/products/variant-form';
import { requireStaffPage } from '@/lib/auth/staff';
import { getAdminProduct } from '@/lib/catalog/admin-product-reads';

export const metadata: Metadata = { title: 'New variant' };

export default async function NewVariantPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffPage();
  const product = await getAdminProduct((await params).id);
  if (!product) notFound();
  return (
    <div className="flex flex-col gap-6">
      <BackLink href={`/admin/products/${product.id}`}>{product.title}</BackLink>
      <h1 className="text-2xl font-semibold tracking-tight">New variant of {product.title}</h1>
      <p className="max-w-2xl text-stone-700">
        New variants start with 0 on hand. Once it is added, record stock on the inventory page, where every change is kept in the stock ledger.
      </p>
      <VariantForm productId={product.id} optionNames={product.optionNames} />
    </div>
  );
}
