import type { MetadataRoute } from 'next';
import { connection } from 'next/server';
import { listProductSlugs } from '@/lib/catalog/queries';
import { siteUrl } from '@/lib/site';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection();
  const base = siteUrl();
  const products = await listProductSlugs();
  return [
    { url: `${base}/`, changeFrequency: 'daily', priority: 1 },
    { url: `${base}/products`, changeFrequency: 'hourly', priority: 0.8 },
    ...products.map((p) => ({ url: `${base}/products/${p.slug}`, lastModified: p.updatedAt, changeFrequency: 'hourly' as const, priority: 0.7 })),
  ];
}
