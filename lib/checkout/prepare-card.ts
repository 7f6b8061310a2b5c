import 'server-only';
import { db as appDb, type Database } from '@/db/client';
import { createSetupIntent, getOrCreateCustomer, PaymentsError, verifySetupIntent, type SavedCard } from '@/lib/payments';

export type CardStep =
  /** The browser confirms this SetupIntent with the card form (only the client secret leaves the server). */
  | { status: 'needs_card'; clientSecret: string }
  /** This checkout already saved a card for this email (e.g. after a reload): no need to ask again. */
  | { status: 'saved'; setupIntentId: string; card: Pick<SavedCard, 'brand' | 'last4' | 'expMonth' | 'expYear'> };

/**
 * The card step of a checkout: the shopper's Customer (by email) and a SetupIntent for it. The
 * idempotency key is derived from the checkout and the Customer, so a retried or repeated step
 * reuses its SetupIntent, and a change of email gets a new one. A SetupIntent that has already
 * succeeded (the shopper saved the card, then reloaded) is reported as saved rather than confirmed again.
 */
export async function prepareCardStep(
  cart: { id: string; checkoutKey: string },
  email: string,
  database: Database = appDb,
): Promise<CardStep> {
  const { customerId } = await getOrCreateCustomer(email, database);
  const { setupIntentId, clientSecret } = await createSetupIntent(
    { customerId, idempotencyKey: `${cart.checkoutKey}:setup:${customerId}`, metadata: { cart: cart.id } },
    database,
  );
  try {
    const card = await verifySetupIntent(setupIntentId, customerId, database);
    return { status: 'saved', setupIntentId, card: { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear } };
  } catch (err) {
    if (err instanceof PaymentsError && err.code === 'setup_not_succeeded') return { status: 'needs_card', clientSecret };
    throw err;
  }
}
