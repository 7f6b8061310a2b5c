import type { Metadata } from 'next';
import Link from 'next/link';
import { ProductsTable } from '@/components/admin/products/products-table';
import { requireStaffPage } from '@/lib/auth/staff';
import { listAdminProducts } from '@/lib/catalog/admin-product-reads';

export const metadata: Metadata = { title: 'Products' };

export default async function AdminProductsPage() {
  await requireStaffPage();
  const products = await listAdminProducts();
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Products</h1>
        <Link href="/admin/products/new" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
          New product
        </Link>
      </div>
      <ProductsTable products={products} />
    </div>
  );
}
