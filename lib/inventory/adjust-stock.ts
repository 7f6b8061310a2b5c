import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db as appDb, type Database, type Tx } from '@/db/client';
import { products, stockMovements, variants } from '@/db/schema';
import { notifyRestocks } from '@/lib/back-in-stock/notify';
import { allocateArrivals, NOTHING_ALLOCATED, type Allocation } from '@/lib/orders/allocate-arrivals';
import { recomputeWaitingDates } from '@/lib/orders/waiting-dates';
import { invalidateProducts } from '@/lib/cache/invalidate';
import { todayUtc } from '@/lib/catalog/dates';
import { stockAdjustmentInput, type StockAdjustmentInput } from './adjustment-input';

export class StockAdjustmentError extends Error {
  constructor(
    readonly code: 'unknown_variant' | 'below_committed',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Changes a variant's on-hand count and writes the ledger row in the same transaction. The
 * count can never fall below the units already committed to orders; the conditional update
 * makes that hold under concurrent adjustments without a read-then-write race. Stock arriving
 * (any positive change counts as receiving) fills the waiting orders first, oldest first
 * (allocateArrivals), then emails the variant's back-in-stock list if any is left to sell, all in
 * the same transaction. The input schema
 * is the admin form's own (./adjustment-input.ts), so whatever the form accepted parses here; any
 * other caller passing something invalid gets a ZodError (a bug in that caller).
 */
export async function adjustStock(input: StockAdjustmentInput, database: Database = appDb): Promise<StockChangeResult> {
  const parsed = stockAdjustmentInput.parse(input);
  return database.transaction((tx) => changeStockIn(tx, parsed));
}

export interface StockChangeResult {
  onHand: number;
  allocation: Allocation;
}

/**
 * adjustStock's work inside the caller's transaction, for changes that belong to a larger one
 * (receiving a purchase order line changes the line and the stock together). Same rules; the
 * input must already have passed stockAdjustmentInput.
 */
export async function changeStockIn(tx: Tx, input: StockAdjustmentInput, today: string = todayUtc()): Promise<StockChangeResult> {
  const { variantId, change, kind, reason, actor } = stockAdjustmentInput.parse(input);
  const [updated] = await tx
    .update(variants)
    .set({ onHand: sql`${variants.onHand} + ${change}`, updatedAt: sql`now()` })
    .where(sql`${variants.id} = ${variantId} and ${variants.onHand} + ${change} >= ${variants.committed}`)
    .returning({ onHand: variants.onHand, productId: variants.productId });
  if (!updated) {
    const [exists] = await tx.select({ committed: variants.committed }).from(variants).where(eq(variants.id, variantId));
    if (!exists) throw new StockAdjustmentError('unknown_variant', 'That variant does not exist.');
    throw new StockAdjustmentError('below_committed', `On hand cannot go below the ${exists.committed} units committed to orders.`);
  }
  await tx.insert(stockMovements).values({ variantId, kind, change, onHandAfter: updated.onHand, reason, actor });
  const [product] = await tx.select({ slug: products.slug }).from(products).where(eq(products.id, updated.productId));
  // Arriving units go to the orders waiting for them first; only what is left can be sold.
  const allocation = change > 0 ? await allocateArrivals(tx, variantId, today) : NOTHING_ALLOCATED;
  // The lines still waiting may be covered differently now (stock on hand dates the front of the queue).
  await recomputeWaitingDates(tx, [variantId], today);
  await invalidateProducts(tx, [product!.slug]);
  if (change > 0) await notifyRestocks(tx, [product!.slug], today);
  return { onHand: updated.onHand, allocation };
}
