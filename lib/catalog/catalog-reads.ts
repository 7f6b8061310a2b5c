import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { products, variants, type Variant } from '@/db/schema';
import { headlineOffer } from './headline';
import { supplyFor } from '@/lib/purchasing/incoming';
import { variantOffer, type Supply } from './stock-position';
import type { ProductDetail, ProductSummary, VariantOffer } from './types';

const PLACEHOLDER_IMAGE = '/products/placeholder.svg';

/** Shoppers see published products that are not archived. */
const shopperVisible = and(eq(products.published, true), isNull(products.archivedAt));

export type CatalogEntry = ProductSummary & { featured: boolean };

function toVariantOffer(v: Variant, today: string, supply: Supply): VariantOffer {
  return {
    id: v.id,
    title: v.title,
    sku: v.sku,
    optionValues: v.optionValues,
    priceCents: v.priceCents,
    currency: v.currency,
    offer: variantOffer(v, today, supply),
  };
}

/** Every published product with its headline availability, for listings. */
export async function readCatalog(db: Database, today: string): Promise<CatalogEntry[]> {
  const rows = await db
    .select({ product: products, variant: variants })
    .from(products)
    .innerJoin(variants, and(eq(variants.productId, products.id), isNull(variants.archivedAt)))
    .where(shopperVisible)
    .orderBy(asc(products.title), asc(variants.position));

  const supply = await supplyFor(
    db,
    rows.map((r) => r.variant.id),
  );
  const byProduct = new Map<string, { product: typeof products.$inferSelect; offers: VariantOffer[] }>();
  for (const { product, variant } of rows) {
    const group = byProduct.get(product.id) ?? { product, offers: [] };
    group.offers.push(toVariantOffer(variant, today, supply(variant.id)));
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
    .where(and(eq(products.slug, slug), shopperVisible))
    .limit(1);
  if (!product) return null;
  const rows = await db
    .select()
    .from(variants)
    .where(and(eq(variants.productId, product.id), isNull(variants.archivedAt)))
    .orderBy(asc(variants.position));
  if (rows.length === 0) return null;
  const supply = await supplyFor(
    db,
    rows.map((v) => v.id),
  );
  return {
    id: product.id,
    slug: product.slug,
    title: product.title,
    description: product.description,
    imagePath: product.imagePath ?? PLACEHOLDER_IMAGE,
    imageAlt: product.imageAlt,
    optionNames: product.optionNames,
    variants: rows.map((v) => toVariantOffer(v, today, supply(v.id))),
    today,
  };
}

export async function readProductSlugs(db: Database): Promise<{ slug: string; updatedAt: string }[]> {
  const rows = await db.select({ slug: products.slug, updatedAt: products.updatedAt }).from(products).where(shopperVisible).orderBy(asc(products.slug));
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.updatedAt.toISOString() }));
}
