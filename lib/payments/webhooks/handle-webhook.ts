import 'server-only';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { stripeWebhookEvents } from '@/db/schema';
import { BodyTooLargeError, readBodyWithin } from '@/lib/security/request-body';
import { PaymentsError } from '../errors';
import { paymentsClient, type PaymentsClient } from '../stripe-client';
import { planChange, type PaymentHooks } from './apply-event';

const eventShape = z.object({
  id: z.string().regex(/^evt_[A-Za-z0-9_]+$/),
  type: z.string().min(1).max(200),
  data: z.object({ object: z.object({ id: z.string().min(1).max(255) }).loose() }),
});

/** Stripe's events are a few kilobytes; anything near this is not one. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export type WebhookOutcome = 'processed' | 'duplicate';

/**
 * Acts on one verified event: re-fetches what it names, then records the event id and the
 * change in one transaction. A second delivery finds the id and changes nothing; two deliveries
 * at once meet on the primary key, and the loser does nothing.
 */
export async function processStripeEvent(
  event: z.infer<typeof eventShape>,
  database: Database,
  client: PaymentsClient,
  hooks: PaymentHooks = {},
): Promise<WebhookOutcome> {
  const [seen] = await database.select({ id: stripeWebhookEvents.id }).from(stripeWebhookEvents).where(eq(stripeWebhookEvents.id, event.id));
  if (seen) return 'duplicate';
  const objectId = event.data.object.id;
  const change = await planChange({ type: event.type, objectId }, client, hooks);
  return database.transaction(async (tx) => {
    const inserted = await tx
      .insert(stripeWebhookEvents)
      .values({ id: event.id, type: event.type, objectId })
      .onConflictDoNothing()
      .returning({ id: stripeWebhookEvents.id });
    if (inserted.length === 0) return 'duplicate';
    await change?.(tx);
    return 'processed';
  });
}

function json(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/**
 * POST /api/webhooks/stripe. The signature is checked on the raw body before anything else; a
 * missing or bad one gets 400 and changes nothing. Stripe retries anything but a 2xx.
 */
export async function handleStripeWebhook(
  request: Request,
  database: Database = appDb,
  client: PaymentsClient = paymentsClient(database),
  hooks: PaymentHooks = {},
): Promise<Response> {
  const signature = request.headers.get('stripe-signature');
  if (!signature) return json(400, { error: 'Missing Stripe-Signature header.' });
  // Capped before anything parses it: the route is public, and Stripe's events are small.
  let payload: string;
  try {
    payload = Buffer.from(await readBodyWithin(request, MAX_WEBHOOK_BODY_BYTES)).toString('utf8');
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      return json(413, { error: 'The webhook body is larger than 1 MB; Stripe events are never that large. Nothing was changed.' });
    }
    throw err;
  }
  let event: z.infer<typeof eventShape>;
  try {
    // Default tolerance (5 minutes) against replays of old, validly signed payloads.
    const verified = Stripe.webhooks.constructEvent(payload, signature, client.config.webhookSecret);
    const parsed = eventShape.safeParse(verified);
    if (!parsed.success) return json(400, { error: 'The event does not have the shape of a Stripe event.' });
    event = parsed.data;
  } catch (err) {
    if (err instanceof Stripe.errors.StripeSignatureVerificationError || err instanceof SyntaxError) {
      return json(400, { error: 'The Stripe signature does not match this payload.' });
    }
    throw err;
  }
  try {
    const outcome = await processStripeEvent(event, database, client, hooks);
    return json(200, { received: true, duplicate: outcome === 'duplicate' });
  } catch (err) {
    if (err instanceof PaymentsError && err.code === 'provider_unavailable') {
      // Could not re-fetch: nothing was recorded, so Stripe's retry will process it.
      return json(503, { error: 'Stripe is unavailable; retry later.' });
    }
    throw err;
  }
}
