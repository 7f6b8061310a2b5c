import 'server-only';
import { and, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { backInStockSignups, orderLines, orders, stockMovements } from '@/db/schema';

export const DEMAND_WINDOW_DAYS = 30;

const windowStart = sql`now() - make_interval(days => ${DEMAND_WINDOW_DAYS})`;

/**
 * Average units sold per day over the last 30 days, by variant: units ordered in this store
 * (whether they shipped from stock or wait for it; cancelled orders aside), plus units recorded
 * in the stock ledger as sold elsewhere.
 */
export async function dailyDemand(variantIds: readonly string[], database: Database): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const ids = [...variantIds];
  const [ordered, soldElsewhere] = await Promise.all([
    database
      .select({ variantId: orderLines.variantId, units: sql<number>`sum(${orderLines.quantity})::int` })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(and(inArray(orderLines.variantId, ids), ne(orders.status, 'cancelled'), gt(orders.placedAt, windowStart)))
      .groupBy(orderLines.variantId),
    database
      .select({ variantId: stockMovements.variantId, units: sql<number>`sum(-${stockMovements.change})::int` })
      .from(stockMovements)
      .where(and(inArray(stockMovements.variantId, ids), eq(stockMovements.kind, 'sold'), gt(stockMovements.createdAt, windowStart)))
      .groupBy(stockMovements.variantId),
  ]);
  const units = new Map<string, number>();
  for (const row of [...ordered, ...soldElsewhere]) units.set(row.variantId, (units.get(row.variantId) ?? 0) + Math.max(0, row.units));
  return new Map([...units].map(([id, n]) => [id, n / DEMAND_WINDOW_DAYS]));
}

/**
 * Shoppers waiting for a back-in-stock email, by variant: demand no order shows, since a sold-out
 * variant that cannot be backordered takes none. Notified and unsubscribed signups are past.
 */
export async function waitingSignups(variantIds: readonly string[], database: Database): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const rows = await database
    .select({ variantId: backInStockSignups.variantId, signups: sql<number>`count(*)::int` })
    .from(backInStockSignups)
    .where(and(inArray(backInStockSignups.variantId, [...variantIds]), eq(backInStockSignups.status, 'waiting')))
    .groupBy(backInStockSignups.variantId);
  return new Map(rows.map((r) => [r.variantId, r.signups]));
}
