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
  let unusable: CardSetup | null = null;
  if (stored?.email === normalised) {
    try {
      // An unconfirmed SetupIntent (requires_payment_method) is reused: it is the card form.
      return await cardStepOf(stored, database);
    } catch (err) {
      // Made in the other payment mode (the store switched between the emulator and Stripe),
      // canceled, or of another Customer: it can never save a card, so start afresh.
      if (!(err instanceof PaymentsError && STALE_SETUP.has(err.code))) throw err;
      unusable = stored;
    }
  }
  const { customerId } = await createCheckoutCustomer({ checkoutKey: cart.checkoutKey, email: normalised }, database);
  // The first key would replay the unusable SetupIntent; the one after it is named by it, so
  // concurrent retries still agree on one new SetupIntent.
  const idempotencyKey = `${cart.checkoutKey}:setup:${customerId}${unusable ? `:after:${unusable.setupIntentId}` : ''}`;
  const { setupIntentId } = await createSetupIntent({ customerId, idempotencyKey, metadata: { cart: cart.id } }, database);
  const setup = { customerId, setupIntentId, email: normalised };
  await storeCardSetup(database, cart.id, setup);
  return cardStepOf(setup, database);
}

/** Why a stored SetupIntent cannot be used again (lib/payments/setup-intents.ts checkSetupIntent). */
const STALE_SETUP: ReadonlySet<PaymentsError['code']> = new Set(['not_found', 'setup_not_succeeded', 'customer_mismatch']);

async function cardStepOf(setup: CardSetup, database: Database): Promise<CardStep> {
  const state = await checkSetupIntent(setup.setupIntentId, setup.customerId, database);
  if (state.status === 'needs_card') return { status: 'needs_card', clientSecret: state.clientSecret };
  const { brand, last4, expMonth, expYear } = state.card;
  return { status: 'saved', setupIntentId: setup.setupIntentId, card: { brand, last4, expMonth, expYear } };
}
