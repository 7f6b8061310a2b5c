import 'server-only';
import { PaymentsError } from './errors';
import { classifyStripeError } from './map-stripe-error';

/**
 * Runs one Stripe call for an operation that is not a charge, turning failures into
 * PaymentsError. stripe-node already retried network errors and 5xx (maxNetworkRetries).
 */
export async function callStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const classified = classifyStripeError(err);
    switch (classified.kind) {
      case 'not_found':
        throw new PaymentsError('not_found', `${what}: ${classified.message}`, { cause: err });
      case 'transient':
        throw new PaymentsError('provider_unavailable', `${what}: Stripe is unavailable (${classified.message}). Try again.`, { cause: err });
      default:
        throw new PaymentsError('provider_rejected', `${what}: ${'failure' in classified ? classified.failure.message : classified.message}`, {
          cause: err,
        });
    }
  }
}
