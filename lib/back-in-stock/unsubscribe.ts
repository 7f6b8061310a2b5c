import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { db as appDb, type Database } from '@/db/client';
import { backInStockSignups, products, variants } from '@/db/schema';
import { lineTitle } from '@/lib/catalog/line-title';
import { maskEmail } from './mask-email';

/** What signup.ts's newUnsubscribeToken makes: 32 bytes, base64url, unpadded. */
export function isUnsubscribeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export type UnsubscribeResult =
  /** Done now: this signup and every other one of its address that was still live. */
  | { status: 'unsubscribed'; signups: number }
  /** This link's signup was unsubscribed before: nothing changed. */
  | { status: 'already' }
  /** Not a token, or no signup has it. */
  | { status: 'unknown' };

/**
 * The unsubscribe link's action: the address asked to stop getting restock emails, so its other
 * signups stop too (waiting ones become 'unsubscribed' and are never emailed; notified ones keep
 * their status and get the date). A signup made after this is a new consent and is kept. The
 * address's rows are locked first, so concurrent calls with one link do the work once.
 */
export async function unsubscribeByToken(token: unknown, database: Database = appDb): Promise<UnsubscribeResult> {
  if (!isUnsubscribeToken(token)) return { status: 'unknown' };
  return database.transaction(async (tx): Promise<UnsubscribeResult> => {
    const [link] = await tx.select({ email: backInStockSignups.email }).from(backInStockSignups).where(eq(backInStockSignups.unsubscribeToken, token));
    if (!link) return { status: 'unknown' };
    // Every signup of the address, locked in (variant, id) order: notifyRestocks locks signups
    // variant by variant in that order too, so the two never wait on each other in a cycle.
    const signups = await tx
      .select({ id: backInStockSignups.id, token: backInStockSignups.unsubscribeToken, unsubscribedAt: backInStockSignups.unsubscribedAt })
      .from(backInStockSignups)
      .where(eq(backInStockSignups.email, link.email))
      .orderBy(asc(backInStockSignups.variantId), asc(backInStockSignups.id))
      .for('update');
    const signup = signups.find((s) => s.token === token);
    if (!signup) return { status: 'unknown' };
    if (signup.unsubscribedAt) return { status: 'already' };
    const changed = await tx
      .update(backInStockSignups)
      .set({
        unsubscribedAt: sql`now()`,
        status: sql`case when ${backInStockSignups.status} = 'waiting' then 'unsubscribed' else ${backInStockSignups.status} end`,
      })
      .where(and(eq(backInStockSignups.email, link.email), isNull(backInStockSignups.unsubscribedAt)))
      .returning({ id: backInStockSignups.id });
    return { status: 'unsubscribed', signups: changed.length };
  });
}

/** What the unsubscribe page shows about a link, and nothing more (the address masked). */
export interface UnsubscribeView {
  productTitle: string;
  variantTitle: string;
  /** Product and variant as one name ("Linen Camp Shirt — L / Navy"). */
  title: string;
  maskedEmail: string;
  unsubscribed: boolean;
}

export async function signupForToken(token: unknown, database: Database = appDb): Promise<UnsubscribeView | null> {
  if (!isUnsubscribeToken(token)) return null;
  const [row] = await database
    .select({
      email: backInStockSignups.email,
      unsubscribedAt: backInStockSignups.unsubscribedAt,
      productTitle: products.title,
      variantTitle: variants.title,
    })
    .from(backInStockSignups)
    .innerJoin(variants, eq(variants.id, backInStockSignups.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(backInStockSignups.unsubscribeToken, token));
  if (!row) return null;
  return {
    productTitle: row.productTitle,
    variantTitle: row.variantTitle,
    title: lineTitle(row.productTitle, row.variantTitle),
    maskedEmail: maskEmail(row.email),
    unsubscribed: row.unsubscribedAt !== null,
  };
}
