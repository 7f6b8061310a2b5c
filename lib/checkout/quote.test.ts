import { describe, expect, it } from 'vitest';
import { offerFor, type StockPosition } from '@/lib/catalog/availability';
import { buildQuote, canonicalQuote, isPlaceable, type QuoteInputLine } from './quote';
import { stock } from '@/lib/catalog/testing/stock';

const TODAY = '2026-01-01';

function line(key: string, quantity: number, position: StockPosition | null, priceCents = 1000): QuoteInputLine {
  return {
    key,
    variantId: `v-${key}`,
    productSlug: key,
    productTitle: key,
    variantTitle: 'Default',
    sku: key.toUpperCase(),
    unitPriceCents: priceCents,
    currency: 'USD',
    quantity,
    offer: position ? offerFor(position, TODAY) : null,
  };
}

const inStock = (n: number) => stock({ onHand: n });
const backorder = (onHand: number, date: string, cap: number | null = null) =>
  stock({ onHand, policy: 'backorder', shipDate: { kind: 'fixed_date', date }, waitingLimit: cap });
const preorder = (date: string, cap: number | null = null) => stock({ policy: 'preorder', releaseDate: date, waitingLimit: cap });

describe('buildQuote', () => {
  it('puts an in-stock cart in one shipment with the flat rate', () => {
    const q = buildQuote([line('mug', 2, inStock(5), 2800)], { shippingCents: 500 });
    expect(q.shipments).toEqual([
      { key: 'now', kind: 'now', date: null, lines: [{ key: 'mug', quantity: 2, amountCents: 5600 }], itemsCents: 5600, shippingCents: 500, amountCents: 6100 },
    ]);
    expect(q).toMatchObject({ itemsCents: 5600, shippingCents: 500, totalCents: 6100, hasLater: false, problems: [] });
    expect(isPlaceable(q)).toBe(true);
  });

  it('splits a line into ships-now and later, and groups by date: now, then each date in order', () => {
    const q = buildQuote(
      [
        line('lantern', 1, preorder('2026-03-01'), 6400),
        line('throw', 5, backorder(3, '2026-01-22'), 16500),
        line('skillet', 1, backorder(0, '2026-02-15'), 8500),
        line('shirt', 1, backorder(0, '2026-01-22'), 8800),
      ],
      { shippingCents: 500 },
    );
    expect(q.shipments.map((s) => [s.key, s.lines.map((l) => `${l.key}×${l.quantity}`), s.itemsCents, s.shippingCents, s.amountCents])).toEqual([
      ['now', ['throw×3'], 49500, 500, 50000],
      ['backorder:2026-01-22', ['throw×2', 'shirt×1'], 33000 + 8800, 0, 41800],
      ['backorder:2026-02-15', ['skillet×1'], 8500, 0, 8500],
      ['preorder:2026-03-01', ['lantern×1'], 6400, 0, 6400],
    ]);
    expect(q.itemsCents).toBe(16500 * 5 + 8500 + 8800 + 6400);
    expect(q.totalCents).toBe(q.itemsCents + 500);
    expect(q.hasLater).toBe(true);
  });

  it('charges shipping with the first shipment even when nothing ships now', () => {
    const q = buildQuote([line('lantern', 2, preorder('2026-03-01'), 6400), line('skillet', 1, backorder(0, '2026-02-15'), 8500)], {
      shippingCents: 700,
    });
    expect(q.shipments.map((s) => [s.key, s.shippingCents])).toEqual([
      ['backorder:2026-02-15', 700],
      ['preorder:2026-03-01', 0],
    ]);
    expect(q.totalCents).toBe(12800 + 8500 + 700);
  });

  it('keeps a backorder and a pre-order on the same day as two shipments, backorder first', () => {
    const q = buildQuote([line('a', 1, preorder('2026-02-01')), line('b', 1, backorder(0, '2026-02-01'))], { shippingCents: 0 });
    expect(q.shipments.map((s) => s.key)).toEqual(['backorder:2026-02-01', 'preorder:2026-02-01']);
  });

  it('reports lines that cannot be had in full, and does not plan the missing units', () => {
    const q = buildQuote([line('chair', 1, inStock(0)), line('mug', 5, inStock(2)), line('capped', 4, backorder(0, '2026-02-01', 3)), line('gone', 1, null)], {
      shippingCents: 500,
    });
    expect(q.problems).toEqual([
      { key: 'chair', kind: 'sold_out', available: 0 },
      { key: 'mug', kind: 'not_enough', available: 2 },
      { key: 'capped', kind: 'not_enough', available: 3 },
      { key: 'gone', kind: 'unavailable', available: 0 },
    ]);
    expect(q.shipments.flatMap((s) => s.lines.map((l) => `${l.key}×${l.quantity}`))).toEqual(['mug×2', 'capped×3']);
    expect(q.lines.find((l) => l.key === 'gone')!.allocation).toMatchObject({ state: 'sold_out', shipNow: 0, later: 0, unavailable: 1 });
    expect(isPlaceable(q)).toBe(false);
  });

  it('an empty cart has no shipments, no shipping and cannot be placed', () => {
    const q = buildQuote([], { shippingCents: 500, currency: 'EUR' });
    expect(q).toMatchObject({ currency: 'EUR', shipments: [], itemsCents: 0, shippingCents: 0, totalCents: 0, hasLater: false });
    expect(isPlaceable(q)).toBe(false);
  });

  it('refuses a line in another currency than the rest of the order', () => {
    const q = buildQuote([line('a', 1, inStock(5)), { ...line('b', 1, inStock(5)), currency: 'EUR' }], { shippingCents: 0 });
    expect(q.problems).toEqual([{ key: 'b', kind: 'unavailable', available: 0 }]);
  });

  it('refuses a negative or fractional shipping rate', () => {
    expect(() => buildQuote([], { shippingCents: -1 })).toThrow(RangeError);
    expect(() => buildQuote([], { shippingCents: 1.5 })).toThrow(RangeError);
  });
});

describe("every planned shipment can be charged (0, or at least Stripe's 50 cents)", () => {
  it('plans a shipment of 0 (free items) as a shipment that ships without a charge', () => {
    const q = buildQuote([line('mug', 1, inStock(5), 2800), line('sample', 1, backorder(0, '2026-02-01'), 0)], { shippingCents: 500 });
    expect(q.shipments.map((s) => [s.key, s.amountCents])).toEqual([
      ['now', 3300],
      ['backorder:2026-02-01', 0],
    ]);
    expect(isPlaceable(q)).toBe(true);
  });

  it('refuses a line priced at 1 to 49 cents: one unit of it could never be charged alone', () => {
    for (const price of [1, 25, 49]) {
      const q = buildQuote(
        [line('mug', 1, inStock(5), 2800), line('sticker', 2, stock({ onHand: 1, policy: 'backorder', shipDate: { kind: 'lead_time', days: 3 } }), price)],
        {
          shippingCents: 500,
        },
      );
      expect(q.problems, `${price} cents`).toEqual([{ key: 'sticker', kind: 'unavailable', available: 0 }]);
      expect(q.shipments.map((s) => s.amountCents)).toEqual([3300]);
      expect(isPlaceable(q)).toBe(false);
    }
  });

  it('refuses a shipping rate of 1 to 49 cents (free items could ship with nothing but it)', () => {
    expect(() => buildQuote([], { shippingCents: 49 })).toThrow(RangeError);
    expect(() => buildQuote([], { shippingCents: 1 })).toThrow(RangeError);
    expect(() => buildQuote([], { shippingCents: 50 })).not.toThrow();
  });

  it('holds for every mix of prices, splits and shipping rates', () => {
    const positions = [
      inStock(1),
      inStock(3),
      backorder(0, '2026-02-01'),
      backorder(1, '2026-02-01'),
      backorder(2, '2026-03-01', 2),
      preorder('2026-02-01'),
      preorder('2026-03-01', 1),
    ];
    const prices = [0, 1, 30, 49, 50, 51, 99, 2800];
    let checked = 0;
    for (const shippingCents of [0, 50, 500])
      for (const [i, a] of positions.entries())
        for (const [j, b] of positions.entries())
          for (const pa of prices)
            for (const pb of prices)
              for (const quantity of [1, 2, 4]) {
                const q = buildQuote([line(`a${i}`, quantity, a, pa), line(`b${j}`, 1, b, pb)], { shippingCents });
                for (const s of q.shipments) expect(s.amountCents === 0 || s.amountCents >= 50, `${s.key} ${s.amountCents}`).toBe(true);
                checked += q.shipments.length;
              }
    expect(checked).toBeGreaterThan(10_000);
  });
});

describe('canonicalQuote', () => {
  const base = () => [line('throw', 5, backorder(3, '2026-01-22'), 16500)];

  it('is the same for the same plan', () => {
    expect(canonicalQuote(buildQuote(base(), { shippingCents: 500 }))).toBe(canonicalQuote(buildQuote(base(), { shippingCents: 500 })));
  });

  it('changes with the price, the split, the date or the shipping rate', () => {
    const reference = canonicalQuote(buildQuote(base(), { shippingCents: 500 }));
    const variants = [
      buildQuote([line('throw', 5, backorder(3, '2026-01-22'), 17000)], { shippingCents: 500 }),
      buildQuote([line('throw', 5, backorder(2, '2026-01-22'), 16500)], { shippingCents: 500 }),
      buildQuote([line('throw', 5, backorder(3, '2026-01-23'), 16500)], { shippingCents: 500 }),
      buildQuote(base(), { shippingCents: 600 }),
    ];
    for (const q of variants) expect(canonicalQuote(q)).not.toBe(reference);
  });
});
