import 'server-only';
import { db as appDb, type Database } from '@/db/client';
import { todayUtc } from '@/lib/catalog/dates';
import { quoteChanges, type QuoteChange } from '@/lib/checkout/changes';
import { shippingFlatRateCents } from '@/lib/checkout/config';
import { quoteFingerprint } from '@/lib/checkout/fingerprint';
import { buildQuote, type Quote, type QuoteInputLine } from '@/lib/checkout/quote';
import { readCartLines } from './lines';

/** A cart as the shopper sees it now, and what changed since they last saw it. */
export interface CartView {
  /** The quote's inputs (offers included), so the browser can recompute the plan optimistically. */
  inputs: QuoteInputLine[];
  images: Record<string, { imagePath: string; imageAlt: string }>;
  quote: Quote;
  changes: QuoteChange[];
  /** The quote's fingerprint: the page hands it back (markCartSeen) once the changes are on screen. */
  fingerprint: string;
  shippingCents: number;
  today: string;
}

/**
 * Reads the cart, builds today's quote and compares each line with what the shopper was last
 * shown. A read only: rendering a page never writes. The page reports the changes as seen
 * afterwards (lib/cart/mark-seen.ts), so the next view only reports what changes after this one.
 */
export async function readCartView(
  cartId: string,
  { database = appDb, today = todayUtc(), shippingCents = shippingFlatRateCents() }: { database?: Database; today?: string; shippingCents?: number } = {},
): Promise<CartView> {
  const records = await readCartLines(database, cartId, today);
  const inputs = records.map((r) => r.input);
  const quote = buildQuote(inputs, { shippingCents });
  const changes = quoteChanges(new Map(records.map((r) => [r.input.key, r.shown])), quote, { today });
  return {
    inputs,
    images: Object.fromEntries(records.map((r) => [r.input.key, { imagePath: r.imagePath, imageAlt: r.imageAlt }])),
    quote,
    changes,
    fingerprint: quoteFingerprint(quote),
    shippingCents,
    today,
  };
}
