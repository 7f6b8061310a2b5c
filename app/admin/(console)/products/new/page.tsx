import type { Metadata } from 'next';
import { BackLink } from '@/components/admin/products/back-link';
import { ProductForm } from '@/components/admin/products/product-form';
import { requireStaffPage } from '@/lib/auth/staff';

export const metadata: Metadata = { title: 'New product' };

export default async function NewProductPage() {
  await requireStaffPage();
  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/admin/products">All products</BackLink>
      <h1 className="text-2xl font-semibold tracking-tight">New product</h1>
      <p className="max-w-2xl text-stone-700">Create the product, then add its variants: the prices, SKUs and selling rules shoppers buy.</p>
      <ProductForm />
    </div>
  );
}
