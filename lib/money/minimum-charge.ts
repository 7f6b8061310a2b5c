/**
 * Stripe's smallest card charge in USD, the store's currency, is 50 cents. Every planned shipment
 * must be chargeable when it ships: nothing at all (it ships without a charge) or at least this.
 * The store keeps that true by refusing prices and a shipping rate of 1 to 49 cents (docs/payments.md).
 */
export const MIN_CHARGE_CENTS = 50;

/** 0 (no charge) or at least MIN_CHARGE_CENTS. */
export function isChargeableAmount(cents: number): boolean {
  return Number.isInteger(cents) && (cents === 0 || cents >= MIN_CHARGE_CENTS);
}

export const BELOW_MINIMUM_MESSAGE = 'Card payments start at $0.50: use 0.00 (free) or at least 0.50.';
