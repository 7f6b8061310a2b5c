import { describe, expect, it } from 'vitest';
import { CheckoutConfigError, DEFAULT_SHIPPING_FLAT_RATE_CENTS, shippingFlatRateCents } from './config';

describe('shippingFlatRateCents', () => {
  it('defaults to the documented flat rate', () => {
    expect(shippingFlatRateCents({})).toBe(DEFAULT_SHIPPING_FLAT_RATE_CENTS);
    expect(shippingFlatRateCents({ SHIPPING_FLAT_RATE_CENTS: ' ' })).toBe(DEFAULT_SHIPPING_FLAT_RATE_CENTS);
  });

  it('reads whole cents, including free shipping', () => {
    expect(shippingFlatRateCents({ SHIPPING_FLAT_RATE_CENTS: '795' })).toBe(795);
    expect(shippingFlatRateCents({ SHIPPING_FLAT_RATE_CENTS: '50' })).toBe(50);
    expect(shippingFlatRateCents({ SHIPPING_FLAT_RATE_CENTS: '0' })).toBe(0);
  });

  it('refuses anything else with a clear message', () => {
    for (const bad of ['5.00', '-1', 'five', '1e3', '1', '49']) {
      expect(() => shippingFlatRateCents({ SHIPPING_FLAT_RATE_CENTS: bad })).toThrow(CheckoutConfigError);
    }
    // 1-49 cents: a first shipment of free items could not be charged the shipping alone.
    expect(() => shippingFlatRateCents({ SHIPPING_FLAT_RATE_CENTS: '49' })).toThrow(/0 or at least 50/);
  });
});
