import 'server-only';
import { db as appDb, type Database } from '@/db/client';
import { todayUtc } from '@/lib/catalog/dates';
import { quoteChanges, type QuoteChange } from '@/lib/checkout/changes';
import { shippingFlatRateCents } from '@/lib/checkout/config';
import { buildQuote, shownLineOf, type Quote, type QuoteInputLine } from '@/lib/checkout/quote';
import { readCartLines, recordShown } from './lines';

/** A cart as the shopper sees it now, and what changed since they last saw it. */
export interface CartView {
  /** The quote's inputs (offers included), so the browser can recompute the plan optimistically. */
  inputs: QuoteInputLine[];
  images: Record<string, { imagePath: string; imageAlt: string }>;
  quote: Quote;
  changes: QuoteChange[];
  shippingCents: number;
  today: string;
}

/**
 * Reads the cart, builds today's quote and compares each line with what the shopper was last
 * shown. The changes are returned once: the lines are then recorded as shown, so the next view
 * only reports what changes after this one.
 */
export async function readCartView(
  cartId: string,
  { database = appDb, today = todayUtc(), shippingCents = shippingFlatRateCents() }: { database?: Database; today?: string; shippingCents?: number } = {},
): Promise<CartView> {
  const records = await readCartLines(database, cartId, today);
  const inputs = records.map((r) => r.input);
  const quote = buildQuote(inputs, { shippingCents });
  const changes = quoteChanges(new Map(records.map((r) => [r.input.key, r.shown])), quote, { today });
  if (changes.length > 0) {
    const byKey = new Map(quote.lines.map((l) => [l.key, l]));
    await recordShown(
      database,
      cartId,
      changes.map((c) => ({ key: c.key, shown: shownLineOf(byKey.get(c.key)!) })),
    );
  }
  return {
    inputs,
    images: Object.fromEntries(records.map((r) => [r.input.key, { imagePath: r.imagePath, imageAlt: r.imageAlt }])),
    quote,
    changes,
    shippingCents,
    today,
  };
}
