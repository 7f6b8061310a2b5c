import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { carts } from '@/db/schema';
import { todayUtc } from '@/lib/catalog/dates';
import { quoteChanges } from '@/lib/checkout/changes';
import { shippingFlatRateCents } from '@/lib/checkout/config';
import { quoteFingerprint } from '@/lib/checkout/fingerprint';
import { buildQuote, shownLineOf } from '@/lib/checkout/quote';
import { readCartLines, recordShown } from './lines';

/** A quote fingerprint as lib/checkout/fingerprint.ts makes it (sha-256, base64url). */
export const seenFingerprintInput = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/**
 * Records that the shopper has seen the cart as the page showed it. The page sends back the
 * fingerprint of the quote it rendered; the lines are recorded only if the cart still quotes
 * the same now (under the cart's row lock), so a change that happened after the render is never
 * marked seen: the next view reports it.
 */
export async function markCartSeen(
  cartId: string,
  fingerprint: string,
  { database = appDb, today = todayUtc(), shippingCents = shippingFlatRateCents() }: { database?: Database; today?: string; shippingCents?: number } = {},
): Promise<{ recorded: number }> {
  return database.transaction(async (tx) => {
    const [cart] = await tx.select({ checkedOutAt: carts.checkedOutAt }).from(carts).where(eq(carts.id, cartId)).for('update');
    if (!cart || cart.checkedOutAt) return { recorded: 0 };
    const records = await readCartLines(tx, cartId, today);
    const quote = buildQuote(
      records.map((r) => r.input),
      { shippingCents },
    );
    if (quoteFingerprint(quote) !== fingerprint) return { recorded: 0 };
    const changes = quoteChanges(new Map(records.map((r) => [r.input.key, r.shown])), quote, { today });
    const byKey = new Map(quote.lines.map((l) => [l.key, l]));
    await recordShown(
      tx,
      cartId,
      changes.map((c) => ({ key: c.key, shown: shownLineOf(byKey.get(c.key)!) })),
    );
    return { recorded: changes.length };
  });
}
