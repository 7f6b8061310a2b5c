import { sql } from 'drizzle-orm';
import type { Database } from './connect';
import { seedDemoCatalog } from './seed-catalog';
import { todayUtc } from '../lib/catalog/dates';

/** Loads the demo catalog when the store has no products yet (first start on a fresh machine). */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const [row] = await db.execute<{ count: number }>(sql`select count(*)::int as count from products`);
  if ((row?.count ?? 0) > 0) return false;
  await seedDemoCatalog(db, todayUtc());
  return true;
}

export { seedDemoCatalog };
