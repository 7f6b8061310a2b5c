import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { products, STOCK_MOVEMENT_KINDS, stockMovements, variants } from '@/db/schema';
import { invalidateProducts } from '@/lib/cache/invalidate';

export const stockAdjustmentInput = z.object({
  variantId: z.uuid({ message: 'Choose a variant.' }),
  change: z
    .number({ message: 'Enter a whole number.' })
    .int({ message: 'Enter a whole number.' })
    .refine((n) => n !== 0, { message: 'The change cannot be zero.' })
    .refine((n) => Math.abs(n) <= 1_000_000, { message: 'That change is too large.' }),
  kind: z.enum(STOCK_MOVEMENT_KINDS, { message: 'Choose a reason.' }).default('other'),
  reason: z.string().trim().min(1, { message: 'Give a reason.' }).max(200, { message: 'Keep the reason under 200 characters.' }),
  actor: z.string().trim().min(1).max(200),
});

export type StockAdjustmentInput = z.input<typeof stockAdjustmentInput>;

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
 * makes that hold under concurrent adjustments without a read-then-write race.
 */
export async function adjustStock(input: StockAdjustmentInput, database: Database = appDb): Promise<{ onHand: number }> {
  const { variantId, change, kind, reason, actor } = stockAdjustmentInput.parse(input);
  return database.transaction(async (tx) => {
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
    await invalidateProducts(tx, [product!.slug]);
    return { onHand: updated.onHand };
  });
}
