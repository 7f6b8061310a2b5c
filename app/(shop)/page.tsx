import Link from 'next/link';
import { connection } from 'next/server';
import { ProductGrid } from '@/components/catalog/product-grid';
import { listFeaturedProducts } from '@/lib/catalog/queries';

export default async function HomePage() {
  // Rendered per request from the cached catalog, so the build needs no database.
  await connection();
  const featured = await listFeaturedProducts();
  return (
    <div className="flex flex-col gap-12">
      <section className="rounded-2xl bg-brand-50 px-6 py-12 sm:px-10">
        <h1 className="max-w-2xl text-3xl font-semibold tracking-tight text-brand-900 sm:text-4xl">
          Goods worth waiting for — and we tell you exactly how long.
        </h1>
        <p className="mt-4 max-w-2xl text-lg text-stone-700">
          Buy what is on the shelf, what is on its way and what is not released yet, in one order. Every item shows when it ships, and your card is charged only
          when each shipment leaves us.
        </p>
        <Link href="/products" className="mt-6 inline-block rounded-lg bg-brand-700 px-5 py-3 font-medium text-white hover:bg-brand-900">
          Browse all products
        </Link>
      </section>
      <section aria-labelledby="featured-heading" className="flex flex-col gap-6">
        <h2 id="featured-heading" className="text-2xl font-semibold">
          Featured
        </h2>
        <ProductGrid products={featured} label="Featured products" headingLevel={3} />
      </section>
    </div>
  );
}
