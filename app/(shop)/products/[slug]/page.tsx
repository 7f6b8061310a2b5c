import type { Metadata } from 'next';
import Image from 'next/image';
import { notFound } from 'next/navigation';
import { ProductPurchasePanel } from '@/components/catalog/product-purchase-panel';
import { productJsonLd, serializeJsonLd } from '@/lib/catalog/json-ld';
import { getProduct } from '@/lib/catalog/queries';
import { siteUrl } from '@/lib/site';

// Rendered on first request, then served from the page cache until a stock or product change
// for this product invalidates it (lib/cache), or an hour passes (dates move with the calendar).
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/products/[slug]'>): Promise<Metadata> {
  const product = await getProduct((await params).slug);
  if (!product) return { title: 'Product not found' };
  const description = product.description.length > 160 ? `${product.description.slice(0, 157)}…` : product.description;
  const url = `/products/${product.slug}`;
  return {
    title: product.title,
    description,
    alternates: { canonical: url },
    openGraph: { title: product.title, description, url, type: 'website', images: [{ url: product.imagePath, alt: product.imageAlt }] },
    twitter: { card: 'summary_large_image', title: product.title, description, images: [product.imagePath] },
  };
}

export default async function ProductPage({ params }: PageProps<'/products/[slug]'>) {
  const product = await getProduct((await params).slug);
  if (!product) notFound();
  const base = siteUrl();
  const jsonLd = productJsonLd(product, `${base}/products/${product.slug}`, `${base}${product.imagePath}`);

  return (
    <article className="grid gap-10 md:grid-cols-2">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(jsonLd) }} />
      <div className="aspect-square overflow-hidden rounded-2xl bg-brand-50">
        {/* The page's largest element (LCP): fetched at once and first, never lazily. */}
        <Image
          src={product.imagePath}
          alt={product.imageAlt}
          width={800}
          height={800}
          loading="eager"
          fetchPriority="high"
          unoptimized
          className="h-full w-full object-cover"
        />
      </div>
      <div className="flex flex-col gap-6">
        <h1 className="text-3xl font-semibold tracking-tight">{product.title}</h1>
        <ProductPurchasePanel optionNames={product.optionNames} variants={product.variants} />
        <section aria-labelledby="description-heading" className="flex flex-col gap-2">
          <h2 id="description-heading" className="text-lg font-semibold">
            Description
          </h2>
          <p className="leading-relaxed text-stone-700">{product.description}</p>
        </section>
      </div>
    </article>
  );
}
