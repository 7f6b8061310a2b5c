import 'server-only';
import { db as appDb, type Database } from '@/db/client';
import { checkSetupIntent, createCheckoutCustomer, createSetupIntent, PaymentsError, type SavedCard } from '@/lib/payments';
import { emailInput } from '@/lib/forms/inputs';
import { readCardSetup, storeCardSetup, type CardSetup } from './card-setup-store';

export type CardStep =
  /** The browser confirms this SetupIntent with the card form (only the client secret leaves the server). */
  | { status: 'needs_card'; clientSecret: string }
  /** This checkout already saved a card for this email (e.g. after a reload): no need to ask again. */
  | { status: 'saved'; setupIntentId: string; card: Pick<SavedCard, 'brand' | 'last4' | 'expMonth' | 'expYear'> };

/**
 * The card step of a checkout ("Continue to payment"). The cart keeps the SetupIntent it made
 * and that intent's Customer; the same email reuses them. A new email gets a Customer and a
 * SetupIntent of this checkout's own, never one found by the email (docs/payments.md), and
 * replaces the stored ones. Idempotency keys come from the cart's secret checkout key, so a
 * retried or concurrent step makes no second Customer or SetupIntent. A SetupIntent that has
 * already succeeded (saved, then reloaded) is reported as saved rather than confirmed again.
 */
export async function prepareCardStep(cart: { id: string; checkoutKey: string }, email: string, database: Database = appDb): Promise<CardStep> {
  const normalised = emailInput.parse(email);
  const stored = await readCardSetup(database, cart.id);
  if (stored?.email === normalised) {
    try {
      return await cardStepOf(stored, database);
    } catch (err) {
      // Made in the other payment mode (the store switched between the emulator and Stripe): start afresh.
      if (!(err instanceof PaymentsError && err.code === 'not_found')) throw err;
    }
  }
  const { customerId } = await createCheckoutCustomer({ checkoutKey: cart.checkoutKey, email: normalised }, database);
  const { setupIntentId } = await createSetupIntent(
    { customerId, idempotencyKey: `${cart.checkoutKey}:setup:${customerId}`, metadata: { cart: cart.id } },
    database,
  );
  const setup = { customerId, setupIntentId, email: normalised };
  await storeCardSetup(database, cart.id, setup);
  return cardStepOf(setup, database);
}

async function cardStepOf(setup: CardSetup, database: Database): Promise<CardStep> {
  const state = await checkSetupIntent(setup.setupIntentId, setup.customerId, database);
  if (state.status === 'needs_card') return { status: 'needs_card', clientSecret: state.clientSecret };
  const { brand, last4, expMonth, expYear } = state.card;
  return { status: 'saved', setupIntentId: setup.setupIntentId, card: { brand, last4, expMonth, expYear } };
}
