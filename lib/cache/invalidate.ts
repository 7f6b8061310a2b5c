import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { CACHE_INVALIDATION_CHANNEL, cacheTags } from './tags';

/**
 * Tells every app server that pages for these products are out of date. Call it inside the
 * transaction that changes them: PostgreSQL delivers the notification on commit (and drops
 * it on rollback), to every process listening, including this one (lib/cache/isr-cache-handler.mjs).
 */
export async function invalidateProducts(tx: Executor, slugs: readonly string[]): Promise<void> {
  const tags = [cacheTags.catalog, ...new Set(slugs)].map((s) => (s === cacheTags.catalog ? s : cacheTags.product(s)));
  await tx.execute(sql`select pg_notify(${CACHE_INVALIDATION_CHANNEL}, ${JSON.stringify({ tags })})`);
}
