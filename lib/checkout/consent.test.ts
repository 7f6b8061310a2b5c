import { describe, expect, it } from 'vitest';
import { offerFor, type StockPosition } from '@/lib/catalog/availability';
import { consentText } from './consent';
import { buildQuote, type QuoteInputLine } from './quote';
import { stock } from '@/lib/catalog/testing/stock';

const TODAY = '2026-01-01';

function line(key: string, quantity: number, position: Partial<StockPosition>): QuoteInputLine {
  return {
    key,
    variantId: `v-${key}`,
    productSlug: key,
    productTitle: key,
    variantTitle: 'Default',
    sku: key,
    unitPriceCents: 1000,
    currency: 'USD',
    quantity,
    offer: offerFor(stock(position), TODAY),
  };
}

const quote = (lines: QuoteInputLine[]) => buildQuote(lines, { shippingCents: 500 });
const inStock = { onHand: 5 };
const backorder = { policy: 'backorder' as const, shipDate: { kind: 'fixed_date' as const, date: '2026-01-13' } };
const preorder = { policy: 'preorder' as const, releaseDate: '2026-02-02' };

describe('consentText', () => {
  it('asks nothing when everything ships now', () => {
    expect(consentText(quote([line('mug', 2, inStock)]), { today: TODAY })).toBeNull();
  });

  it('says "part of my order" when some of it ships now', () => {
    expect(consentText(quote([line('mug', 1, inStock), line('pan', 1, backorder)]), { today: TODAY })).toBe(
      'I agree that part of my order ships later (Ships by Tue, Jan 13) and that my saved card is charged for each shipment when it ships.',
    );
    // One line split: 1 now, 2 later.
    expect(consentText(quote([line('pan', 3, { ...backorder, onHand: 1 })]), { today: TODAY })).toMatch(/^I agree that part of my order ships later /);
  });

  it('says "my order" when every unit ships later', () => {
    expect(consentText(quote([line('pan', 2, backorder)]), { today: TODAY })).toBe(
      'I agree that my order ships later (Ships by Tue, Jan 13) and that my saved card is charged for each shipment when it ships.',
    );
    expect(consentText(quote([line('pan', 1, backorder), line('lamp', 1, preorder)]), { today: TODAY })).toMatch(
      /^I agree that my order ships later \(Ships by Tue, Jan 13; Releases .+\) and/,
    );
  });
});
