import 'server-only';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { stockMovements } from '@/db/schema';

export const DEMAND_WINDOW_DAYS = 30;

/**
 * Average units sold per day over the last 30 days, by variant: units recorded as sold in the
 * stock ledger. Orders placed in this store join the count when checkout lands.
 */
export async function dailyDemand(variantIds: readonly string[], database: Database): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const rows = await database
    .select({ variantId: stockMovements.variantId, sold: sql<number>`sum(-${stockMovements.change})::int` })
    .from(stockMovements)
    .where(
      and(
        inArray(stockMovements.variantId, [...variantIds]),
        eq(stockMovements.kind, 'sold'),
        gt(stockMovements.createdAt, sql`now() - make_interval(days => ${DEMAND_WINDOW_DAYS})`),
      ),
    )
    .groupBy(stockMovements.variantId);
  return new Map(rows.map((r) => [r.variantId, Math.max(0, r.sold) / DEMAND_WINDOW_DAYS]));
}
