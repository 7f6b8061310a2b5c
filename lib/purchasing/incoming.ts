import 'server-only';
import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { purchaseOrderLines, purchaseOrders } from '@/db/schema';
import type { IncomingStock } from '@/lib/catalog/availability';
import type { Supply } from '@/lib/catalog/stock-position';
import { handlingDays } from './handling-days';

/**
 * What is on order for these variants (open and partly received purchase orders, the units not
 * received yet, by expected arrival): the availability model's input for dating waiting units.
 * Returns a lookup that gives every variant its supply (none on order: an empty list).
 */
export async function supplyFor(ex: Executor, variantIds: readonly string[]): Promise<(variantId: string) => Supply> {
  const days = handlingDays();
  const ids = [...new Set(variantIds)];
  const byVariant = new Map<string, IncomingStock[]>();
  if (ids.length > 0) {
    const rows = await ex
      .select({
        variantId: purchaseOrderLines.variantId,
        date: purchaseOrders.expectedDate,
        quantity: sql<number>`sum(${purchaseOrderLines.quantity} - ${purchaseOrderLines.receivedQuantity})::int`,
      })
      .from(purchaseOrderLines)
      .innerJoin(purchaseOrders, sql`${purchaseOrders.id} = ${purchaseOrderLines.purchaseOrderId}`)
      .where(
        and(
          inArray(purchaseOrderLines.variantId, ids),
          inArray(purchaseOrders.status, ['open', 'partly_received']),
          gt(purchaseOrderLines.quantity, purchaseOrderLines.receivedQuantity),
        ),
      )
      .groupBy(purchaseOrderLines.variantId, purchaseOrders.expectedDate)
      .orderBy(asc(purchaseOrders.expectedDate));
    for (const row of rows) {
      const list = byVariant.get(row.variantId) ?? [];
      list.push({ date: row.date, quantity: row.quantity });
      byVariant.set(row.variantId, list);
    }
  }
  return (variantId) => ({ incoming: byVariant.get(variantId) ?? [], handlingDays: days });
}
