import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArchiveForm } from '@/components/admin/products/archive-form';
import { BackLink } from '@/components/admin/products/back-link';
import { ProductForm } from '@/components/admin/products/product-form';
import { StatusBadge } from '@/components/admin/products/status-badge';
import { VariantsTable } from '@/components/admin/products/variants-table';
import { requireStaffPage } from '@/lib/auth/staff';
import { getAdminProduct } from '@/lib/catalog/admin-product-reads';

export const metadata: Metadata = { title: 'Edit product' };

const NOTICES: Record<string, string> = {
  created: 'Product created. Add a variant so shoppers can buy it.',
  'variant-added': 'Variant added.',
};

export default async function EditProductPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaffPage();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const product = await getAdminProduct(id);
  if (!product) notFound();
  const notice = typeof query.notice === 'string' ? (NOTICES[query.notice] ?? '') : '';
  const { variants, status, ...formValues } = product;
  const live = status === 'published' && variants.some((v) => !v.archived);

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <BackLink href="/admin/products">All products</BackLink>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{product.title}</h1>
          <StatusBadge status={status} />
        </div>
        {live && (
          <Link href={`/products/${product.slug}`} className="self-start text-sm text-brand-700 hover:underline">
            View in store
          </Link>
        )}
      </div>

      <ProductForm product={formValues} notice={notice} />

      <section aria-labelledby="variants-heading" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <h2 id="variants-heading" className="text-xl font-semibold">
            Variants
          </h2>
          <Link
            href={`/admin/products/${product.id}/variants/new`}
            className="rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium hover:border-brand-600"
          >
            Add variant
          </Link>
        </div>
        <VariantsTable productId={product.id} optionNames={product.optionNames} variants={variants} />
      </section>

      <section aria-labelledby="archive-heading" className="flex flex-col gap-3 border-t border-stone-200 pt-6">
        <h2 id="archive-heading" className="text-xl font-semibold">
          {status === 'archived' ? 'Archived' : 'Archive'}
        </h2>
        <p className="max-w-2xl text-sm text-stone-700">
          {status === 'archived'
            ? 'Shoppers cannot see this product. Unarchive it to show it again (if it is published).'
            : 'Archiving hides the product from shoppers everywhere. It is kept, with its stock history, for the orders that refer to it, and can be unarchived.'}
        </p>
        <ArchiveForm kind="product" id={product.id} archived={status === 'archived'} />
      </section>
    </div>
  );
}
