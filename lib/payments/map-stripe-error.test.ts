import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { classifyStripeError, failureFromLastPaymentError } from './map-stripe-error';

const card = (raw: Record<string, unknown>) => new Stripe.errors.StripeCardError({ type: 'card_error', statusCode: 402, message: 'm', ...raw });

describe('classifyStripeError', () => {
  it('maps card errors onto the closed set, keeping the decline code and the PaymentIntent', () => {
    expect(classifyStripeError(card({ code: 'authentication_required', decline_code: 'authentication_required', payment_intent: { id: 'pi_1' } }))).toEqual({
      kind: 'card',
      failure: { code: 'authentication_required', message: 'm' },
      paymentIntentId: 'pi_1',
    });
    expect(classifyStripeError(card({ code: 'card_declined', decline_code: 'insufficient_funds' }))).toMatchObject({
      failure: { code: 'card_declined', declineCode: 'insufficient_funds' },
      paymentIntentId: null,
    });
    expect(classifyStripeError(card({ code: 'expired_card', decline_code: 'expired_card' }))).toMatchObject({ failure: { code: 'expired_card' } });
    // Other card codes are declines, with the code as the reason.
    expect(classifyStripeError(card({ code: 'incorrect_cvc' }))).toMatchObject({ failure: { code: 'card_declined', declineCode: 'incorrect_cvc' } });
    expect(classifyStripeError(card({ code: 'card_declined' }))).toMatchObject({ failure: { code: 'card_declined', declineCode: 'card_declined' } });
    // A 402 is replayed for its key, so even processing_error needs a new attempt: a decline.
    expect(classifyStripeError(card({ code: 'processing_error' }))).toMatchObject({ failure: { code: 'card_declined', declineCode: 'processing_error' } });
  });

  it('network failures, 5xx, 429 and 409 are transient', () => {
    expect(classifyStripeError(new Stripe.errors.StripeConnectionError({ message: 'socket hang up' }))).toMatchObject({ kind: 'transient' });
    expect(classifyStripeError(new Stripe.errors.StripeAPIError({ statusCode: 500, message: 'x' }))).toMatchObject({ kind: 'transient' });
    expect(classifyStripeError(new Stripe.errors.StripeAPIError({ statusCode: 503, message: 'x' }))).toMatchObject({ kind: 'transient' });
    expect(classifyStripeError(new Stripe.errors.StripeRateLimitError({ statusCode: 429, message: 'x' }))).toMatchObject({ kind: 'transient' });
    expect(classifyStripeError(new Stripe.errors.StripeInvalidRequestError({ statusCode: 409, code: 'idempotency_key_in_use', message: 'x' }))).toMatchObject({
      kind: 'transient',
    });
  });

  it('the rest is not found, or rejected (a bug or bad configuration)', () => {
    expect(classifyStripeError(new Stripe.errors.StripeInvalidRequestError({ statusCode: 404, code: 'resource_missing', message: 'x' }))).toMatchObject({
      kind: 'not_found',
    });
    expect(classifyStripeError(new Stripe.errors.StripeAuthenticationError({ statusCode: 401, message: 'x' }))).toMatchObject({ kind: 'rejected' });
    expect(classifyStripeError(new Stripe.errors.StripeIdempotencyError({ statusCode: 400, message: 'x' }))).toMatchObject({ kind: 'rejected' });
    expect(classifyStripeError(new Error('boom'))).toEqual({ kind: 'rejected', message: 'boom' });
  });
});

describe('failureFromLastPaymentError', () => {
  it('reads a PaymentIntent’s last_payment_error', () => {
    expect(failureFromLastPaymentError(null)).toBeNull();
    expect(failureFromLastPaymentError({ code: 'card_declined', decline_code: 'generic_decline', message: 'Declined' })).toEqual({
      code: 'card_declined',
      declineCode: 'generic_decline',
      message: 'Declined',
    });
    expect(failureFromLastPaymentError({ code: 'payment_intent_authentication_failure' })).toMatchObject({ code: 'authentication_required' });
  });
});
