import 'server-only';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { callStripe } from './call-stripe';
import { PaymentsError } from './errors';
import { savedCardFrom, upsertSavedCard } from './saved-cards';
import { paymentsClient, type PaymentsClient } from './stripe-client';
import type { SavedCard } from './types';

const customerId = z.string().regex(/^cus_[A-Za-z0-9]+$/, { message: 'Not a Stripe customer id.' });

export const createSetupIntentInput = z.object({
  customerId,
  /** Chosen by the caller so that a retried checkout step reuses its SetupIntent, e.g. `checkout:<cart id>:setup`. */
  idempotencyKey: z.string().min(1).max(255),
  metadata: z.record(z.string().max(40), z.string().max(500)).optional(),
});

/**
 * A SetupIntent to save the shopper's card for charges made later without them (usage
 * off_session). Only the client_secret goes to that shopper's browser; never log or store it.
 */
export async function createSetupIntent(
  input: z.input<typeof createSetupIntentInput>,
  database: Database = appDb,
  client: PaymentsClient = paymentsClient(database),
): Promise<{ setupIntentId: string; clientSecret: string }> {
  const { customerId: customer, idempotencyKey, metadata } = createSetupIntentInput.parse(input);
  const si = await callStripe('Creating the SetupIntent', () =>
    client.stripe.setupIntents.create(
      // Cards only: they are what the shipping job charges and what saved_cards describes.
      { customer, usage: 'off_session', allowed_payment_method_types: ['card'], metadata: metadata ?? {} },
      { idempotencyKey },
    ),
  );
  return { setupIntentId: si.id, clientSecret: si.client_secret! };
}

const setupIntentIdInput = z.string().regex(/^seti_[A-Za-z0-9]+$/, { message: 'Not a SetupIntent id.' });

/** Where a SetupIntent stands: its card once it succeeded, else the client secret for the card form. */
export type SetupIntentState = { status: 'succeeded'; card: SavedCard } | { status: 'needs_card'; clientSecret: string };

/**
 * Re-reads a SetupIntent on the server, checks that it belongs to the expected Customer and says
 * where it stands. A succeeded one is recorded in saved_cards. Throws PaymentsError
 * (`customer_mismatch`, `not_a_card`, `not_found`).
 */
export async function checkSetupIntent(
  setupIntentId: string,
  expectedCustomerId: string,
  database: Database = appDb,
  client: PaymentsClient = paymentsClient(database),
): Promise<SetupIntentState> {
  const id = setupIntentIdInput.parse(setupIntentId);
  const expected = customerId.parse(expectedCustomerId);
  const si = await callStripe('Checking the SetupIntent', () => client.stripe.setupIntents.retrieve(id, { expand: ['payment_method'] }));
  const owner = typeof si.customer === 'string' ? si.customer : (si.customer?.id ?? null);
  if (owner !== expected) throw new PaymentsError('customer_mismatch', 'This SetupIntent belongs to another customer.');
  if (si.status !== 'succeeded') {
    if (!si.client_secret || si.status === 'canceled')
      throw new PaymentsError('setup_not_succeeded', `The card was not saved: the SetupIntent is ${si.status}.`);
    return { status: 'needs_card', clientSecret: si.client_secret };
  }
  const pm = si.payment_method;
  const card = pm && typeof pm !== 'string' ? savedCardFrom(pm) : null;
  if (!card) throw new PaymentsError('not_a_card', 'The saved payment method is not a card.');
  await upsertSavedCard(database, { customerId: expected, setupIntentId: si.id, card });
  return { status: 'succeeded', card };
}

/**
 * Checks on the server what the browser says it did: the SetupIntent succeeded and belongs to
 * the expected Customer. Then records the card in saved_cards and returns it. Never trust a
 * client-side "success" without this.
 */
export async function verifySetupIntent(
  setupIntentId: string,
  expectedCustomerId: string,
  database: Database = appDb,
  client: PaymentsClient = paymentsClient(database),
): Promise<SavedCard> {
  const state = await checkSetupIntent(setupIntentId, expectedCustomerId, database, client);
  if (state.status !== 'succeeded') throw new PaymentsError('setup_not_succeeded', 'The card was not saved: the SetupIntent has not succeeded.');
  return state.card;
}
