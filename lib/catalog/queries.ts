import 'server-only';
import { unstable_cache } from 'next/cache';
import { db } from '@/db/client';
import { cacheTags } from '@/lib/cache/tags';
import type { AvailabilityState } from './availability';
import { readCatalog, readProduct, readProductSlugs, type CatalogEntry } from './catalog-reads';
import { todayUtc } from './dates';
import type { ProductDetail, ProductSummary } from './types';

// Cached reads for pages. Entries are tagged; lib/cache/invalidate.ts expires them when stock
// or products change. Dates move with the calendar even when stock does not, so nothing is
// kept longer than an hour.
const MAX_AGE_SECONDS = 3600;

const cachedCatalog = unstable_cache(() => readCatalog(db, todayUtc()), ['catalog'], {
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

export function listProductSlugs(): Promise<{ slug: string; updatedAt: string }[]> {
  return readProductSlugs(db);
}

/** Thrown inside the cached read so that a miss is not stored (unstable_cache keeps no errors). */
class NoSuchProduct extends Error {}

/**
 * A product by slug. Only products that exist are cached: anyone can request any slug, and
 * caching the misses would let them fill the page cache and push real products out of it.
 */
export async function getProduct(slug: string): Promise<ProductDetail | null> {
  const cached = unstable_cache(
    async () => {
      const product = await readProduct(db, slug, todayUtc());
      if (!product) throw new NoSuchProduct();
      return product;
    },
    ['product', slug],
    { tags: [cacheTags.product(slug)], revalidate: MAX_AGE_SECONDS },
  );
  try {
    return await cached();
  } catch (err) {
    if (err instanceof NoSuchProduct) return null;
    throw err;
  }
}
