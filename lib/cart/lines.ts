import 'server-only';
import { supplyFor } from '@/lib/purchasing/incoming';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { cartLines, products, variants } from '@/db/schema';
import { variantOffer } from '@/lib/catalog/stock-position';
import type { QuoteInputLine, ShownLine } from '@/lib/checkout/quote';
import type { Executor } from '@/db/client';

const PLACEHOLDER_IMAGE = '/products/placeholder.svg';

/** A cart line with today's offer (the quote's input) and what the shopper was last shown. */
export interface CartLineRecord {
  input: QuoteInputLine;
  shown: ShownLine;
  imagePath: string;
  imageAlt: string;
}

/**
 * A cart's lines, oldest first, with each variant's offer for `today`. A variant that is archived
 * or whose product is unpublished or archived gets no offer: it is no longer for sale.
 * Inside a transaction that has locked the variant rows, the offers are the truth for that moment.
 */
export async function readCartLines(ex: Executor, cartId: string, today: string): Promise<CartLineRecord[]> {
  const rows = await ex
    .select({ line: cartLines, variant: variants, product: products })
    .from(cartLines)
    .innerJoin(variants, eq(variants.id, cartLines.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(cartLines.cartId, cartId))
    .orderBy(asc(cartLines.createdAt), asc(cartLines.id));
  const supply = await supplyFor(
    ex,
    rows.map((r) => r.variant.id),
  );
  return rows.map(({ line, variant, product }) => {
    const forSale = product.published && !product.archivedAt && !variant.archivedAt;
    return {
      input: {
        key: line.id,
        variantId: variant.id,
        productSlug: product.slug,
        productTitle: product.title,
        variantTitle: variant.title,
        sku: variant.sku,
        unitPriceCents: variant.priceCents,
        currency: variant.currency,
        quantity: line.quantity,
        offer: forSale ? variantOffer(variant, today, supply(variant.id)) : null,
      },
      shown: {
        state: line.shownState,
        shipNow: line.shownShipNow,
        later: line.shownLater,
        laterKind: line.shownLaterKind,
        laterDate: line.shownLaterDate,
        unitPriceCents: line.shownUnitPriceCents,
      },
      imagePath: product.imagePath ?? PLACEHOLDER_IMAGE,
      imageAlt: product.imageAlt,
    };
  });
}

/** The columns that keep what the shopper was shown for a line. */
export function shownColumns(shown: ShownLine) {
  return {
    shownState: shown.state,
    shownShipNow: shown.shipNow,
    shownLater: shown.later,
    shownLaterKind: shown.laterKind,
    shownLaterDate: shown.laterDate,
    shownUnitPriceCents: shown.unitPriceCents,
    shownAt: sql`now()`,
  };
}

/** Records that the shopper has now been shown these lines as they are (one statement per line). */
export async function recordShown(ex: Executor, cartId: string, lines: { key: string; shown: ShownLine }[]): Promise<void> {
  for (const { key, shown } of lines) {
    await ex
      .update(cartLines)
      .set({ ...shownColumns(shown), updatedAt: sql`now()` })
      .where(and(eq(cartLines.id, key), eq(cartLines.cartId, cartId)));
  }
}

/** Variant ids of a cart's lines, sorted: the order in which placement locks them. */
export async function cartVariantIds(ex: Executor, cartId: string): Promise<string[]> {
  const rows = await ex.select({ variantId: cartLines.variantId }).from(cartLines).where(eq(cartLines.cartId, cartId));
  return [...new Set(rows.map((r) => r.variantId))].sort();
}

/**
 * Locks variant rows in id order (every locker uses the same order, so no deadlocks). FOR NO KEY
 * UPDATE, the lock an UPDATE of the row takes anyway: it still serialises every change of stock,
 * but not the foreign-key checks of rows that point at the variant (a cart line, an order line),
 * which a FOR UPDATE taken after the row was updated in the same transaction would deadlock with.
 */
export async function lockVariants(ex: Executor, variantIds: string[]): Promise<void> {
  if (variantIds.length === 0) return;
  await ex.select({ id: variants.id }).from(variants).where(inArray(variants.id, variantIds)).orderBy(asc(variants.id)).for('no key update');
}
