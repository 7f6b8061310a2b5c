import 'server-only';
import { stripeEmulatorEvents, stripeEmulatorWebhookDeliveries } from '@/db/schema';
import { STRIPE_API_VERSION } from '../api-version';
import type { EmulatorContext } from './context';
import { newId, nowSeconds } from './ids';
import type { StripeObject } from './store';

export type EmulatorEventType =
  | 'setup_intent.succeeded'
  | 'setup_intent.setup_failed'
  | 'setup_intent.requires_action'
  | 'payment_intent.succeeded'
  | 'payment_intent.payment_failed'
  | 'payment_intent.requires_action'
  | 'payment_method.attached'
  | 'payment_method.detached'
  | 'payment_method.automatically_updated'
  | 'refund.created'
  | 'charge.refunded';

/**
 * Records an event and its pending webhook delivery in the request's transaction, so an event
 * exists exactly when the change it announces was committed. The object is a snapshot, as in
 * Stripe: receivers must re-fetch for the current state.
 */
export async function recordEvent(
  ctx: EmulatorContext,
  type: EmulatorEventType,
  object: StripeObject,
  previousAttributes?: Record<string, unknown>,
): Promise<string> {
  const id = newId('evt');
  const body = {
    id,
    object: 'event',
    api_version: STRIPE_API_VERSION,
    created: nowSeconds(ctx.now),
    data: { object: structuredClone(object), ...(previousAttributes ? { previous_attributes: previousAttributes } : {}) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: ctx.requestId, idempotency_key: ctx.idempotencyKey },
    type,
  };
  await ctx.tx.insert(stripeEmulatorEvents).values({ id, type, body });
  await ctx.tx.insert(stripeEmulatorWebhookDeliveries).values({ eventId: id });
  ctx.eventsRecorded++;
  return id;
}
