import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db as appDb, type Database } from '@/db/client';
import { savedCards } from '@/db/schema';
import type { Tx } from '@/db/client';
import type { SavedCard } from './types';

export function savedCardFrom(pm: Stripe.PaymentMethod): SavedCard | null {
  if (pm.type !== 'card' || !pm.card) return null;
  return { paymentMethodId: pm.id, brand: pm.card.brand, last4: pm.card.last4, expMonth: pm.card.exp_month, expYear: pm.card.exp_year };
}

/** Records (or refreshes) a verified saved card. Idempotent, so the webhook and the checkout can both call it. */
export async function upsertSavedCard(database: Database | Tx, input: { customerId: string; setupIntentId: string | null; card: SavedCard }): Promise<void> {
  const { card } = input;
  await database
    .insert(savedCards)
    .values({
      stripeCustomerId: input.customerId,
      stripePaymentMethodId: card.paymentMethodId,
      stripeSetupIntentId: input.setupIntentId,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.expMonth,
      expYear: card.expYear,
    })
    .onConflictDoUpdate({
      target: savedCards.stripePaymentMethodId,
      set: {
        brand: card.brand,
        last4: card.last4,
        expMonth: card.expMonth,
        expYear: card.expYear,
        stripeSetupIntentId: sql`coalesce(${savedCards.stripeSetupIntentId}, excluded.stripe_setup_intent_id)`,
        updatedAt: sql`now()`,
      },
    });
}

/** The shopper's active saved cards, newest first. */
export async function listSavedCards(customerId: string, database: Database = appDb): Promise<SavedCard[]> {
  const rows = await database
    .select()
    .from(savedCards)
    .where(and(eq(savedCards.stripeCustomerId, customerId), eq(savedCards.status, 'active')))
    .orderBy(sql`${savedCards.createdAt} desc`);
  return rows.map((r) => ({ paymentMethodId: r.stripePaymentMethodId, brand: r.brand, last4: r.last4, expMonth: r.expMonth, expYear: r.expYear }));
}
