/**
 * Stripe-shaped error responses. Validation errors are thrown (the request's transaction rolls
 * back, and no idempotent result is kept, as with Stripe); card errors are returned as results
 * because their effects (a failed PaymentIntent, its charge, its event) must be committed.
 */

export type StripeErrorType = 'invalid_request_error' | 'card_error' | 'api_error' | 'idempotency_error' | 'authentication_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: Record<string, unknown>;
  setup_intent?: Record<string, unknown>;
  payment_method?: Record<string, unknown>;
}

export interface EmulatorResult {
  status: number;
  body: Record<string, unknown>;
}

export class EmulatorApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: StripeErrorBody,
  ) {
    super(error.message);
  }

  toResult(): EmulatorResult {
    return { status: this.status, body: { error: this.error } };
  }
}

function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
}

export function invalidRequest(message: string, options: { param?: string; code?: string } = {}): EmulatorApiError {
  return new EmulatorApiError(400, {
    type: 'invalid_request_error',
    message,
    ...(options.code ? { code: options.code, doc_url: docUrl(options.code) } : {}),
    ...(options.param ? { param: options.param } : {}),
  });
}

/** Stripe names objects differently in its 404 messages; these are the ones it uses. */
const MISSING_NAMES: Record<string, string> = {
  customer: 'customer',
  setup_intent: 'setupintent',
  payment_method: 'PaymentMethod',
  payment_intent: 'payment_intent',
};

export function resourceMissing(type: string, id: string, param: string): EmulatorApiError {
  return new EmulatorApiError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    doc_url: docUrl('resource_missing'),
    message: `No such ${MISSING_NAMES[type] ?? type}: '${id}'`,
    param,
  });
}

export function unknownRoute(method: string, path: string): EmulatorApiError {
  return new EmulatorApiError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${method}: ${path}). The Stripe emulator serves customers, setup_intents, payment_methods, payment_intents, charges/:id and refunds; see docs/payments.md.`,
  });
}

export function authenticationFailed(message: string): EmulatorApiError {
  // Stripe answers a bad key with HTTP 401 and type invalid_request_error; stripe-node turns
  // any 401 into StripeAuthenticationError.
  return new EmulatorApiError(401, { type: 'invalid_request_error', message });
}

export function unexpectedState(kind: 'setup_intent' | 'payment_intent', message: string): EmulatorApiError {
  return invalidRequest(message, { code: `${kind}_unexpected_state` });
}
