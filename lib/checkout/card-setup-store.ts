import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { carts } from '@/db/schema';

/** The card step a checkout prepared: its SetupIntent, that intent's Customer and the email it was for. */
export interface CardSetup {
  customerId: string;
  setupIntentId: string;
  email: string;
}

/** The card step stored on the cart, or null before "Continue to payment". */
export async function readCardSetup(database: Executor, cartId: string): Promise<CardSetup | null> {
  const [row] = await database
    .select({ customerId: carts.stripeCustomerId, setupIntentId: carts.stripeSetupIntentId, email: carts.cardSetupEmail })
    .from(carts)
    .where(eq(carts.id, cartId));
  return row?.customerId && row.setupIntentId && row.email ? { customerId: row.customerId, setupIntentId: row.setupIntentId, email: row.email } : null;
}

/**
 * Stores (or replaces, after a change of email) the card step of an open cart. Concurrent calls
 * for one email store the same ids (their Stripe calls share idempotency keys); for two emails the
 * last one wins, and "Place order" then refuses the other's SetupIntent.
 */
export async function storeCardSetup(database: Executor, cartId: string, setup: CardSetup): Promise<void> {
  await database
    .update(carts)
    .set({ stripeCustomerId: setup.customerId, stripeSetupIntentId: setup.setupIntentId, cardSetupEmail: setup.email, updatedAt: sql`now()` })
    .where(and(eq(carts.id, cartId), isNull(carts.checkedOutAt)));
}
