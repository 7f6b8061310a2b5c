import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { products, variants, type Variant } from '@/db/schema';
import { offerFor } from './availability';
import { headlineOffer } from './headline';
import { stockPositionOf } from './stock-position';
import type { ProductDetail, ProductSummary, VariantOffer } from './types';

const PLACEHOLDER_IMAGE = '/products/placeholder.svg';

export type CatalogEntry = ProductSummary & { featured: boolean };

function toVariantOffer(v: Variant, today: string): VariantOffer {
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

/** Every published product with its headline availability, for listings. */
export async function readCatalog(db: Database, today: string): Promise<CatalogEntry[]> {
  const rows = await db
    .select({ product: products, variant: variants })
    .from(products)
    .innerJoin(variants, eq(variants.productId, products.id))
    .where(eq(products.published, true))
    .orderBy(asc(products.title), asc(variants.position));

  const byProduct = new Map<string, { product: typeof products.$inferSelect; offers: VariantOffer[] }>();
  for (const { product, variant } of rows) {
    const group = byProduct.get(product.id) ?? { product, offers: [] };
    group.offers.push(toVariantOffer(variant, today));
    byProduct.set(product.id, group);
  }
  return [...byProduct.values()].map(({ product, offers }) => {
    const offer = headlineOffer(offers.map((v) => v.offer))!;
    const prices = offers.map((v) => v.priceCents);
    return {
      slug: product.slug,
      title: product.title,
      imagePath: product.imagePath ?? PLACEHOLDER_IMAGE,
      imageAlt: product.imageAlt,
      priceFromCents: Math.min(...prices),
      priceVaries: new Set(prices).size > 1,
      currency: offers[0]!.currency,
      state: offer.state,
      offer,
      featured: product.featured,
    };
  });
}

/** One published product with an offer per variant; null if unknown or unpublished. */
export async function readProduct(db: Database, slug: string, today: string): Promise<ProductDetail | null> {
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

export async function readProductSlugs(db: Database): Promise<{ slug: string; updatedAt: string }[]> {
  const rows = await db
    .select({ slug: products.slug, updatedAt: products.updatedAt })
    .from(products)
    .where(eq(products.published, true))
    .orderBy(asc(products.slug));
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.updatedAt.toISOString() }));
}
