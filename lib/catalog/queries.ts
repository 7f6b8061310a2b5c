import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { unstable_cache } from 'next/cache';
import { db } from '@/db/client';
import { products, variants } from '@/db/schema';
import { cacheTags } from '@/lib/cache/tags';
import { offerFor, type AvailabilityState } from './availability';
import { todayUtc } from './dates';
import { headlineOffer } from './headline';
import { stockPositionOf } from './stock-position';
import type { ProductDetail, ProductSummary, VariantOffer } from './types';

const PLACEHOLDER_IMAGE = '/products/placeholder.svg';
// Dates move with the calendar even when stock does not: recompute at least hourly.
const MAX_AGE_SECONDS = 3600;

type VariantRow = typeof variants.$inferSelect;

function toVariantOffer(v: VariantRow, today: string): VariantOffer {
  return {
    id: v.id,
    title: v.title,
    sku: v.sku,
    optionValues: v.optionValues,
    priceCents: v.priceCents,
    currency: v.currency,
    offer: offerFor(stockPositionOf(v), today),
  };
}

async function loadCatalog(): Promise<ProductSummary[]> {
  const today = todayUtc();
  const rows = await db
    .select({ product: products, variant: variants })
    .from(products)
    .innerJoin(variants, eq(variants.productId, products.id))
    .where(eq(products.published, true))
    .orderBy(asc(products.title), asc(variants.position));

  const byProduct = new Map<string, { product: typeof products.$inferSelect; variants: VariantOffer[] }>();
  for (const { product, variant } of rows) {
    const group = byProduct.get(product.id) ?? { product, variants: [] };
    group.variants.push(toVariantOffer(variant, today));
    byProduct.set(product.id, group);
  }
  return [...byProduct.values()].map(({ product, variants: vs }) => {
    const offer = headlineOffer(vs.map((v) => v.offer))!;
    const prices = vs.map((v) => v.priceCents);
    return {
      slug: product.slug,
      title: product.title,
      imagePath: product.imagePath ?? PLACEHOLDER_IMAGE,
      imageAlt: product.imageAlt,
      priceFromCents: Math.min(...prices),
      priceVaries: new Set(prices).size > 1,
      currency: vs[0]!.currency,
      state: offer.state,
      offer,
      featured: product.featured,
    };
  });
}

type CatalogEntry = ProductSummary & { featured: boolean };

const cachedCatalog = unstable_cache(loadCatalog as () => Promise<CatalogEntry[]>, ['catalog'], {
  tags: [cacheTags.catalog],
  revalidate: MAX_AGE_SECONDS,
});

function summary(entry: CatalogEntry): ProductSummary {
  const { featured, ...rest } = entry;
  void featured;
  return rest;
}

export async function listProducts(filter?: AvailabilityState): Promise<ProductSummary[]> {
  const all = await cachedCatalog();
  return all.filter((p) => !filter || p.state === filter).map(summary);
}

export async function listFeaturedProducts(): Promise<ProductSummary[]> {
  const all = await cachedCatalog();
  return all.filter((p) => p.featured).map(summary);
}

export async function listProductSlugs(): Promise<{ slug: string; updatedAt: string }[]> {
  return db
    .select({ slug: products.slug, updatedAt: products.updatedAt })
    .from(products)
    .where(eq(products.published, true))
    .orderBy(asc(products.slug))
    .then((rows) => rows.map((r) => ({ slug: r.slug, updatedAt: r.updatedAt.toISOString() })));
}

async function loadProduct(slug: string): Promise<ProductDetail | null> {
  const today = todayUtc();
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.slug, slug), eq(products.published, true)))
    .limit(1);
  if (!product) return null;
  const rows = await db.select().from(variants).where(eq(variants.productId, product.id)).orderBy(asc(variants.position));
  if (rows.length === 0) return null;
  return {
    id: product.id,
    slug: product.slug,
    title: product.title,
    description: product.description,
    imagePath: product.imagePath ?? PLACEHOLDER_IMAGE,
    imageAlt: product.imageAlt,
    optionNames: product.optionNames,
    variants: rows.map((v) => toVariantOffer(v, today)),
    today,
  };
}

export function getProduct(slug: string): Promise<ProductDetail | null> {
  return unstable_cache(() => loadProduct(slug), ['product', slug], {
    tags: [cacheTags.product(slug)],
    revalidate: MAX_AGE_SECONDS,
  })();
}
