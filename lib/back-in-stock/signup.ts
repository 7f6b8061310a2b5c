import 'server-only';
import { supplyFor } from '@/lib/purchasing/incoming';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { backInStockSignups, products, variants } from '@/db/schema';
import { todayUtc } from '@/lib/catalog/dates';
import { lineTitle } from '@/lib/catalog/line-title';
import { variantOffer } from '@/lib/catalog/stock-position';
import { emailInput, idInput } from '@/lib/forms/inputs';
import { takeRateLimits, type RateLimit } from '@/lib/security/rate-limit';

// Each signup may later cost an email to an address typed by anyone, so it is limited per client
// (an IPv6 client counts as its /64: the caller passes throttleKeyOf(address)) and per address:
// enough for a shopper asking about a few variants, too few to turn the list into a mail cannon.
export const RESTOCK_SIGNUP_PER_ADDRESS: RateLimit = { bucket: 'restock-signup:address', max: 10, windowSeconds: 60 * 60 };
export const RESTOCK_SIGNUP_PER_EMAIL: RateLimit = { bucket: 'restock-signup:email', max: 5, windowSeconds: 60 * 60 };

/** The form's schema too (components/back-in-stock/actions.ts), so the two never disagree. */
export const restockSignupInput = z.object({
  variantId: idInput('Reload the page and choose the item again.'),
  email: emailInput,
});

export type RestockSignupResult =
  /** A new waiting signup was stored. */
  | { status: 'added'; email: string; title: string }
  /** This address already waits for this variant: nothing changed. */
  | { status: 'already'; email: string; title: string }
  /** The variant can be bought now: nothing was stored. */
  | { status: 'available'; title: string }
  /** No such variant, or it (or its product) is archived or unpublished. */
  | { status: 'unknown' }
  /** Refused by a rate limit before anything was read or stored. */
  | { status: 'rate_limited'; retryAfterSeconds: number };

/** The key in the message's unsubscribe links: 32 random bytes, base64url (43 characters). */
export function newUnsubscribeToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * "Email me when it's back" for a sold-out variant. The variant row is taken FOR SHARE while its
 * availability is checked and the signup stored, so a concurrent change that makes it purchasable
 * (which updates that row, then calls lib/back-in-stock/notify.ts) runs either after this commits,
 * and emails this signup, or before this reads, and this answers 'available': no signup is left
 * waiting for a variant that is already back. The partial unique index on waiting signups makes
 * two identical signups, however concurrent, one row. Invalid input throws a ZodError (the form
 * parses with restockSignupInput first).
 */
export async function signUpForRestock(
  input: z.input<typeof restockSignupInput>,
  options: { clientKey: string; database?: Database; today?: string },
): Promise<RestockSignupResult> {
  const { variantId, email } = restockSignupInput.parse(input);
  const database = options.database ?? appDb;
  const limited = await takeRateLimits(
    [
      { limit: RESTOCK_SIGNUP_PER_ADDRESS, key: options.clientKey },
      { limit: RESTOCK_SIGNUP_PER_EMAIL, key: email },
    ],
    database,
  );
  if (!limited.allowed) return { status: 'rate_limited', retryAfterSeconds: limited.retryAfterSeconds };

  return database.transaction(async (tx): Promise<RestockSignupResult> => {
    // Only the variant row: the admin locks the product row before its variants, so taking both
    // here could deadlock with it. A product's publishing or unarchiving cannot strand a signup:
    // while the product is not on sale the signup is refused as 'unknown'.
    const [row] = await tx
      .select({ variant: variants, productTitle: products.title, published: products.published, productArchivedAt: products.archivedAt })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .where(eq(variants.id, variantId))
      .for('share', { of: variants });
    if (!row || !row.published || row.productArchivedAt || row.variant.archivedAt) return { status: 'unknown' };
    const title = lineTitle(row.productTitle, row.variant.title);
    const supply = await supplyFor(tx, [variantId]);
    if (variantOffer(row.variant, options.today ?? todayUtc(), supply(variantId)).state !== 'sold_out') return { status: 'available', title };

    const inserted = await tx
      .insert(backInStockSignups)
      .values({ variantId, email, unsubscribeToken: newUnsubscribeToken() })
      .onConflictDoNothing({ target: [backInStockSignups.variantId, backInStockSignups.email], where: sql`status = 'waiting'` })
      .returning({ id: backInStockSignups.id });
    return { status: inserted.length > 0 ? 'added' : 'already', email, title };
  });
}
