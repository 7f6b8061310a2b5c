import 'server-only';
import Stripe from 'stripe';
import type { ChargeFailure } from './types';

export type ClassifiedError =
  | { kind: 'card'; failure: Exclude<ChargeFailure, { code: 'transient' }>; paymentIntentId: string | null }
  | { kind: 'transient'; message: string }
  | { kind: 'not_found'; message: string }
  | { kind: 'rejected'; message: string };

/**
 * Sorts whatever stripe-node threw into what the app can act on. Card errors (HTTP 402) become
 * the closed ChargeFailure set; network failures, 5xx, 429 and 409 (a request with the same
 * idempotency key still running) are transient and safe to retry with the same key; the rest is
 * a bug or bad configuration.
 */
export function classifyStripeError(err: unknown): ClassifiedError {
  if (!(err instanceof Stripe.errors.StripeError)) {
    return { kind: 'rejected', message: err instanceof Error ? err.message : String(err) };
  }
  const status = err.statusCode ?? 0;
  if (err instanceof Stripe.errors.StripeCardError || err.rawType === 'card_error') {
    const paymentIntentId = (err.payment_intent as { id?: string } | undefined)?.id ?? null;
    const message = err.message;
    switch (err.code) {
      case 'authentication_required':
        return { kind: 'card', failure: { code: 'authentication_required', message }, paymentIntentId };
      case 'expired_card':
        return { kind: 'card', failure: { code: 'expired_card', message }, paymentIntentId };
      // processing_error lands here too: Stripe replays a 402 for its key, so trying again
      // needs a new attempt number, which is what the caller does after a decline.
      default:
        return {
          kind: 'card',
          failure: { code: 'card_declined', declineCode: err.decline_code || err.code || 'generic_decline', message },
          paymentIntentId,
        };
    }
  }
  if (
    err instanceof Stripe.errors.StripeConnectionError ||
    err instanceof Stripe.errors.StripeRateLimitError ||
    status === 409 ||
    status === 429 ||
    status >= 500 ||
    (err instanceof Stripe.errors.StripeAPIError && status === 0)
  ) {
    return { kind: 'transient', message: err.message };
  }
  if (status === 404 || err.code === 'resource_missing') return { kind: 'not_found', message: err.message };
  return { kind: 'rejected', message: err.message };
}

/** A failure from the PaymentIntent object itself (last_payment_error), e.g. when re-fetched by a webhook. */
export function failureFromLastPaymentError(
  error: { code?: string | null; decline_code?: string | null; message?: string | null } | null,
): ChargeFailure | null {
  if (!error) return null;
  const message = error.message ?? 'The payment failed.';
  switch (error.code) {
    case 'authentication_required':
    case 'payment_intent_authentication_failure':
      return { code: 'authentication_required', message };
    case 'expired_card':
      return { code: 'expired_card', message };
    default:
      return { code: 'card_declined', declineCode: error.decline_code || error.code || 'generic_decline', message };
  }
}
