import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { stripeEmulatorWebhookDeliveries } from '@/db/schema';
import { getOrCreateCustomer } from '../../customers';
import { deliverPendingWebhooks } from '../deliveries';
import { createSetupIntent, verifySetupIntent } from '../../setup-intents';
import { paymentsClient, type PaymentsClient } from '../../stripe-client';
import type { SavedCard } from '../../types';
import { browserConfirmSetup, browserFinishAuthentication } from './fixtures';

/**
 * A verified saved card for a test shopper, made the way the checkout makes one (Customer,
 * SetupIntent, the browser's confirmation with a test card number and any 3D Secure step, server verification).
 * Not used by the app. For specs that need a saved card before they start.
 */
export async function saveTestCard(
  database: Database,
  email: string,
  number = '4242424242424242',
  client: PaymentsClient = paymentsClient(database),
): Promise<SavedCard & { customerId: string }> {
  const { customerId } = await getOrCreateCustomer(email, database, client);
  const { setupIntentId, clientSecret } = await createSetupIntent({ customerId, idempotencyKey: `test:${randomUUID()}` }, database, client);
  let confirmed = await browserConfirmSetup(database, setupIntentId, clientSecret, { number });
  // Cards that ask for 3D Secure at setup: the shopper completes it, as in the checkout's frame.
  if (confirmed.body.status === 'requires_action') confirmed = await browserFinishAuthentication(database, setupIntentId, clientSecret, 'complete');
  if (confirmed.body.status !== 'succeeded') throw new Error(`The test card ${number} was not saved: ${JSON.stringify(confirmed.body)}`);
  return { ...(await verifySetupIntent(setupIntentId, customerId, database, client)), customerId };
}

/**
 * Sends the emulator's pending webhooks now (to APP_URL, like the server's timer) and waits
 * until none is left pending, so that nothing changes in the database behind a test's back.
 */
export async function settleEmulatorWebhooks(database: Database, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await deliverPendingWebhooks({ database });
    const [row] = await database
      .select({ pending: sql<number>`count(*)::int` })
      .from(stripeEmulatorWebhookDeliveries)
      .where(eq(stripeEmulatorWebhookDeliveries.status, 'pending'));
    if (!row?.pending) return;
    if (Date.now() > deadline)
      throw new Error(`${row.pending} emulator webhook deliveries are still pending after ${timeoutMs} ms (is the app at APP_URL up?).`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
