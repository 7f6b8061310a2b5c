import 'server-only';
import { takeRateLimits, waitText, type RateLimit } from '@/lib/security/rate-limit';
import { throttleKeyOf } from '@/lib/security/throttle-key';

// "Continue to payment" creates a payment Customer and a SetupIntent at the provider, so it is
// limited per client address and per cart: enough for a shopper correcting their details a few
// times, too few to fill the provider account with Customers or probe which emails have one.
// An IPv6 client counts as its whole /64 (throttleKeyOf).
export const CARD_STEP_PER_ADDRESS: RateLimit = { bucket: 'checkout-card:address', max: 30, windowSeconds: 15 * 60 };
export const CARD_STEP_PER_CART: RateLimit = { bucket: 'checkout-card:cart', max: 8, windowSeconds: 15 * 60 };

/** Counts one card step for this cart and address; a message to show when it is refused, else null. */
export async function refuseCardStep(cartId: string, address: string): Promise<string | null> {
  const outcome = await takeRateLimits([
    { limit: CARD_STEP_PER_ADDRESS, key: throttleKeyOf(address) },
    { limit: CARD_STEP_PER_CART, key: cartId },
  ]);
  if (outcome.allowed) return null;
  return `Too many attempts to continue to payment. Nothing was saved or charged; wait ${waitText(outcome.retryAfterSeconds)}, then try again.`;
}
