/**
 * Cache tag names, in one place. Pages that show catalog data carry these tags; code that
 * changes what they show invalidates the tags (lib/cache/invalidate.ts).
 */
export const CACHE_INVALIDATION_CHANNEL = 'inbound_cache_invalidation';

export const cacheTags = {
  /** Every page that lists products: home, /products, the sitemap. */
  catalog: 'catalog',
  product: (slug: string) => `product:${slug}`,
} as const;
