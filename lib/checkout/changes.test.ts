import { describe, expect, it } from 'vitest';
import { offerFor, type StockPosition } from '@/lib/catalog/availability';
import { lineChange, quoteChanges } from './changes';
import { shipmentHeading, splitText } from './plan-copy';
import { buildQuote, shownLineOf, type QuoteInputLine, type ShownLine } from './quote';

const TODAY = '2026-01-01';
const opts = { locale: 'en-US', today: TODAY };

function position(overrides: Partial<StockPosition>): StockPosition {
  return { onHand: 0, committed: 0, waiting: 0, policy: 'deny', waitingLimit: null, shipDate: null, releaseDate: null, lowStockThreshold: 0, ...overrides };
}

function quoteLine(quantity: number, stock: StockPosition, priceCents = 8800) {
  const input: QuoteInputLine = {
    key: 'l1',
    variantId: 'v1',
    productSlug: 'linen-shirt',
    productTitle: 'Linen Camp Shirt',
    variantTitle: 'L / Navy',
    sku: 'LS',
    unitPriceCents: priceCents,
    currency: 'USD',
    quantity,
    offer: offerFor(stock, TODAY),
  };
  return buildQuote([input], { shippingCents: 500 }).lines[0]!;
}

const backorder = (onHand: number, date: string) => position({ onHand, policy: 'backorder', shipDate: { kind: 'fixed_date', date } });

describe('lineChange', () => {
  it('reports nothing when the shopper saw exactly this', () => {
    const line = quoteLine(2, backorder(1, '2026-01-13'));
    expect(lineChange(shownLineOf(line), line, opts)).toBeNull();
  });

  it('says when a line that shipped now is now split', () => {
    const before = shownLineOf(quoteLine(2, backorder(5, '2026-01-13')));
    const change = lineChange(before, quoteLine(2, backorder(1, '2026-01-13')), opts);
    expect(change).toMatchObject({ kinds: ['availability'] });
    expect(change!.message).toBe('Linen Camp Shirt — L / Navy: was “2 ship now”, now “1 ships now, 1 ships by Tue, Jan 13”.');
  });

  it('says when a line sold out', () => {
    const before = shownLineOf(quoteLine(1, position({ onHand: 3 })));
    const change = lineChange(before, quoteLine(1, position({ onHand: 0 })), opts);
    expect(change!.message).toBe('Linen Camp Shirt — L / Navy: was “1 ships now”, now “Sold out”.');
  });

  it('says when only the date moved', () => {
    const before = shownLineOf(quoteLine(2, backorder(0, '2026-01-13')));
    const change = lineChange(before, quoteLine(2, backorder(0, '2026-01-20')), opts);
    expect(change).toMatchObject({ kinds: ['date'] });
    expect(change!.message).toBe('Linen Camp Shirt — L / Navy: now ships by Tue, Jan 20 (was Tue, Jan 13).');
  });

  it('says when the price changed, together with other changes', () => {
    const before = shownLineOf(quoteLine(1, position({ onHand: 3 })));
    const change = lineChange(before, quoteLine(1, backorder(0, '2026-01-13'), 9200), opts);
    expect(change!.kinds).toEqual(['price', 'availability']);
    expect(change!.message).toBe('Linen Camp Shirt — L / Navy: the price changed from $88.00 to $92.00; was “1 ships now”, now “1 ships by Tue, Jan 13”.');
  });
});

describe('quoteChanges', () => {
  it('lists changed lines and skips lines that were never shown', () => {
    const line = quoteLine(1, position({ onHand: 0 }));
    const shown = new Map<string, ShownLine>([['l1', { state: 'in_stock', shipNow: 1, later: 0, laterKind: null, laterDate: null, unitPriceCents: 8800 }]]);
    const quote = { ...buildQuote([], { shippingCents: 0 }), lines: [line, { ...line, key: 'l2' }] };
    expect(quoteChanges(shown, quote, opts).map((c) => c.key)).toEqual(['l1']);
  });
});

describe('plan copy', () => {
  it('names shipments the way the product page names dates', () => {
    expect(shipmentHeading('now', null, opts)).toBe('Ships now');
    expect(shipmentHeading('backorder', '2026-01-13', opts)).toBe('Ships by Tue, Jan 13');
    expect(shipmentHeading('preorder', '2026-02-02', opts)).toBe('Releases Feb 2');
  });

  it('describes splits, pre-orders and shortfalls', () => {
    expect(splitText({ shipNow: 1, later: 0, laterKind: null, laterDate: null }, 1, opts)).toBe('1 ships now');
    expect(splitText({ shipNow: 0, later: 2, laterKind: 'preorder', laterDate: '2026-02-02' }, 2, opts)).toBe('2 release Feb 2');
    expect(splitText({ shipNow: 2, later: 0, laterKind: null, laterDate: null }, 3, opts)).toBe('2 ship now, 1 not available');
    expect(splitText({ shipNow: 0, later: 0, laterKind: null, laterDate: null }, 3, opts)).toBe('Sold out');
  });
});
