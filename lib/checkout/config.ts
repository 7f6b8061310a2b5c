/**
 * Checkout settings from the environment. SHIPPING_FLAT_RATE_CENTS: flat-rate shipping per order
 * in the store's minor units (default 500), charged with the order's first shipment.
 */
import { isChargeableAmount, MIN_CHARGE_CENTS } from '@/lib/money/minimum-charge';

export const DEFAULT_SHIPPING_FLAT_RATE_CENTS = 500;

export class CheckoutConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckoutConfigError';
  }
}

export function shippingFlatRateCents(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SHIPPING_FLAT_RATE_CENTS?.trim();
  if (!raw) return DEFAULT_SHIPPING_FLAT_RATE_CENTS;
  if (!/^\d{1,7}$/.test(raw)) {
    throw new CheckoutConfigError(`SHIPPING_FLAT_RATE_CENTS must be a whole number of cents such as 500; got "${raw}".`);
  }
  const cents = Number(raw);
  if (!isChargeableAmount(cents)) {
    throw new CheckoutConfigError(`SHIPPING_FLAT_RATE_CENTS must be 0 or at least ${MIN_CHARGE_CENTS} (Stripe's minimum charge); got ${cents}.`);
  }
  return cents;
}
