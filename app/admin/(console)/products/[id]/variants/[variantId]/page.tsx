import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArchiveForm } from '@/components/admin/products/archive-form';
import { BackLink } from '@/components/admin/products/back-link';
import { VariantForm } from '@/components/admin/products/variant-form';
import { requireStaffPage } from '@/lib/auth/staff';
import { getAdminProduct, getAdminVariant } from '@/lib/catalog/admin-product-reads';

export const metadata: Metadata = { title: 'Edit variant' };

export default async function EditVariantPage({ params }: { params: Promise<{ id: string; variantId: string }> }) {
  await requireStaffPage();
  const { id, variantId } = await params;
  const [product, variant] = await Promise.all([getAdminProduct(id), getAdminVariant(id, variantId)]);
  if (!product || !variant) notFound();
  const { onHand, committed, waiting, archived, ...formValues } = variant;

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <BackLink href={`/admin/products/${product.id}`}>{product.title}</BackLink>
        <h1 className="text-2xl font-semibold tracking-tight">
          {variant.title} <span className="text-stone-600">· {product.title}</span>
        </h1>
        {archived && <p className="text-sm font-medium text-stone-700">Archived: shoppers cannot see this variant.</p>}
      </div>

      <section aria-labelledby="stock-heading" className="flex max-w-2xl flex-col gap-2 rounded-xl border border-stone-200 bg-stone-50 p-4">
        <h2 id="stock-heading" className="font-semibold">
          Stock
        </h2>
        <dl className="grid grid-cols-3 gap-2 text-sm">
          <div>
            <dt className="text-stone-600">On hand</dt>
            <dd className="text-lg font-semibold tabular-nums">{onHand}</dd>
          </div>
          <div>
            <dt className="text-stone-600">Committed to orders</dt>
            <dd className="text-lg font-semibold tabular-nums">{committed}</dd>
          </div>
          <div>
            <dt className="text-stone-600">Sold past stock, waiting</dt>
            <dd className="text-lg font-semibold tabular-nums">{waiting}</dd>
          </div>
        </dl>
        <p className="text-sm text-stone-700">
          Stock changes go through the stock ledger.{' '}
          <Link href={`/admin/inventory/${variant.id}`} className="font-medium text-brand-700 hover:underline">
            Adjust stock
          </Link>
        </p>
      </section>

      <VariantForm productId={product.id} optionNames={product.optionNames} variant={formValues} />

      <section aria-labelledby="archive-heading" className="flex flex-col gap-3 border-t border-stone-200 pt-6">
        <h2 id="archive-heading" className="text-xl font-semibold">
          {archived ? 'Archived' : 'Archive'}
        </h2>
        <p className="max-w-2xl text-sm text-stone-700">
          {archived
            ? 'Unarchive the variant to sell it again.'
            : 'Archiving stops selling this variant. It is kept, with its stock history, for the orders that refer to it.'}
        </p>
        <ArchiveForm kind="variant" id={variant.id} archived={archived} />
      </section>
    </div>
  );
}
