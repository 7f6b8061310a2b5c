import type { Metadata } from 'next';
import { AvailabilityFilter } from '@/components/catalog/availability-filter';
import { ProductGrid } from '@/components/catalog/product-grid';
import { AVAILABILITY_STATES, type AvailabilityState } from '@/lib/catalog/availability';
import { STATE_LABELS } from '@/lib/catalog/availability-copy';
import { listProducts } from '@/lib/catalog/queries';

export const metadata: Metadata = {
  title: 'All products',
  alternates: { canonical: '/products' },
};

function parseFilter(value: string | string[] | undefined): AvailabilityState | null {
  return typeof value === 'string' && (AVAILABILITY_STATES as readonly string[]).includes(value) ? (value as AvailabilityState) : null;
}

export default async function ProductsPage({ searchParams }: PageProps<'/products'>) {
  const filter = parseFilter((await searchParams).availability);
  const products = await listProducts(filter ?? undefined);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">{filter ? `${STATE_LABELS[filter]} products` : 'All products'}</h1>
      <AvailabilityFilter current={filter} />
      <p className="text-sm text-stone-600" role="status">
        {products.length} {products.length === 1 ? 'product' : 'products'}
      </p>
      {products.length > 0 ? <ProductGrid products={products} label="Products" /> : <p>No products match this filter right now.</p>}
    </div>
  );
}
