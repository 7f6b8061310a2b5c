import 'server-only';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { orders } from '@/db/schema';
import { placeTestOrder } from '@/lib/orders/testing/fixtures';
import { emulatorClient, saveTestCard } from '@/lib/payments/emulator/testing';

/**
 * Orders that shipping can charge, for tests that ship, charge or refund. Here and not in
 * lib/orders/testing: it saves cards in the Stripe emulator, whose test helpers only tests, test/,
 * e2e/ and bench/ may import (lib/payments/emulator-boundary.test.ts).
 */

/** A card saved in the emulator, with the customer it belongs to. */
export type TestCard = Awaited<ReturnType<typeof saveTestCard>>;

let n = 0;

/**
 * An order placed through checkout (placeTestOrder), then given a card saved in the emulator the
 * way checkout saves one: placeTestOrder's own card is a stand-in Stripe has never seen.
 * `card`: a test card number to save for this order (a Visa that pays, by default), or a card
 * saved already (one card for many orders). `email`: the shopper's, unique by default.
 */
export async function placePaidOrder(
  db: Database,
  lines: { variantId: string; quantity: number }[],
  options: { card?: string | TestCard; email?: string } = {},
) {
  const email = options.email ?? `paid-${Date.now()}-${n++}@example.com`;
  const card = typeof options.card === 'object' ? options.card : await saveTestCard(db, email, options.card ?? '4242424242424242', emulatorClient(db));
  const order = await placeTestOrder(db, lines, { contact: { email } });
  await db
    .update(orders)
    .set({ stripeCustomerId: card.customerId, stripePaymentMethodId: card.paymentMethodId, cardBrand: card.brand, cardLast4: card.last4 })
    .where(eq(orders.id, order.id));
  return { ...order, email, card };
}
