import { describe, it, expect } from 'vitest';
import { IN_STOCK_PROMISE, STATE_LABELS, allocationText, lowStockText, offerHeadline, releasesText, shipByText } from './availability-copy';
import { allocate, availabilityFor, offerFor, type Allocation, type Offer, type StockPosition } from './availability';
import { stock } from '@/lib/catalog/testing/stock';

const TODAY = '2025-12-01';
const SHIP_DATE = '2026-01-13';
const RELEASE_DATE = '2026-02-02';
const EN = { today: TODAY };
const DE = { locale: 'de-DE', today: TODAY };

function offer(overrides: Partial<Offer> = {}): Offer {
  return { state: 'sold_out', shipNow: 0, laterKind: null, laterDate: null, laterLimit: 0, lowStock: false, ...overrides };
}

function allocation(overrides: Partial<Allocation> = {}): Allocation {
  return {
    state: 'in_stock',
    requested: 1,
    shipNow: 1,
    later: 0,
    laterKind: null,
    laterDate: null,
    unavailable: 0,
    ...overrides,
  };
}

describe('constants', () => {
  it('labels every state', () => {
    expect(STATE_LABELS).toEqual({
      in_stock: 'In stock',
      backorder: 'Backordered',
      preorder: 'Pre-order',
      sold_out: 'Sold out',
    });
  });

  it('promises in-stock shipping in 1–2 business days (en dash)', () => {
    expect(IN_STOCK_PROMISE).toBe('ships in 1–2 business days');
  });
});

describe('shipByText', () => {
  it.each<[string, { locale?: string; today?: string }, string]>([
    ['2026-01-13', EN, 'ships by Tue, Jan 13'],
    ['2025-12-02', EN, 'ships by Tue, Dec 2'],
    ['2026-10-27', EN, 'ships by Tue, Oct 27'], // 330 days: no year
    ['2026-10-28', EN, 'ships by Wed, Oct 28, 2026'], // 331 days: year
    ['2027-01-13', EN, 'ships by Wed, Jan 13, 2027'],
    ['2025-11-30', EN, 'ships by Sun, Nov 30, 2025'], // past: year
    ['2026-01-13', DE, 'ships by Di., 13. Jan.'],
    ['2027-01-13', DE, 'ships by Mi., 13. Jan. 2027'],
  ])('%s %j -> %j', (date, opts, expected) => {
    expect(shipByText(date, opts)).toBe(expected);
  });

  it('always includes the weekday, even if the caller passes withWeekday: false', () => {
    const opts = { today: TODAY, withWeekday: false } as unknown as { today: string };
    expect(shipByText('2026-01-13', opts)).toBe('ships by Tue, Jan 13');
  });
});

describe('releasesText', () => {
  it.each<[string, { locale?: string; today?: string }, string]>([
    ['2026-02-02', EN, 'releases Feb 2'],
    ['2025-12-25', EN, 'releases Dec 25'],
    ['2026-10-27', EN, 'releases Oct 27'],
    ['2026-10-28', EN, 'releases Oct 28, 2026'],
    ['2027-03-01', EN, 'releases Mar 1, 2027'],
    ['2025-11-01', EN, 'releases Nov 1, 2025'],
    ['2026-02-02', DE, 'releases 2. Feb.'],
    ['2027-02-02', DE, 'releases 2. Feb. 2027'],
  ])('%s %j -> %j', (date, opts, expected) => {
    expect(releasesText(date, opts)).toBe(expected);
  });
});

describe('offerHeadline', () => {
  it.each<[string, StockPosition, { locale?: string; today?: string }, string]>([
    ['in stock (deny)', stock({ onHand: 5 }), EN, 'In stock — ships in 1–2 business days'],
    [
      'in stock with backorder possible',
      stock({ onHand: 2, policy: 'backorder', shipDate: { kind: 'fixed_date', date: SHIP_DATE } }),
      EN,
      'In stock — ships in 1–2 business days',
    ],
    ['backordered, fixed date', stock({ policy: 'backorder', shipDate: { kind: 'fixed_date', date: SHIP_DATE } }), EN, 'Backordered — ships by Tue, Jan 13'],
    [
      'backordered, lead time 43 days',
      stock({ onHand: 4, committed: 4, policy: 'backorder', shipDate: { kind: 'lead_time', days: 43 } }),
      EN,
      'Backordered — ships by Tue, Jan 13',
    ],
    [
      'backordered, date more than 330 days away',
      stock({ policy: 'backorder', shipDate: { kind: 'fixed_date', date: '2027-01-13' } }),
      EN,
      'Backordered — ships by Wed, Jan 13, 2027',
    ],
    ['backordered, de-DE', stock({ policy: 'backorder', shipDate: { kind: 'fixed_date', date: SHIP_DATE } }), DE, 'Backordered — ships by Di., 13. Jan.'],
    ['pre-order', stock({ onHand: 9, policy: 'preorder', releaseDate: RELEASE_DATE }), EN, 'Pre-order — releases Feb 2'],
    ['pre-order more than 330 days away', stock({ policy: 'preorder', releaseDate: '2027-02-02' }), EN, 'Pre-order — releases Feb 2, 2027'],
    ['pre-order, de-DE', stock({ policy: 'preorder', releaseDate: RELEASE_DATE }), DE, 'Pre-order — releases 2. Feb.'],
    [
      'released pre-order now backordered',
      stock({ policy: 'preorder', releaseDate: TODAY, shipDate: { kind: 'lead_time', days: 43 } }),
      EN,
      'Backordered — ships by Tue, Jan 13',
    ],
    ['sold out (deny)', stock({ onHand: 3, committed: 3 }), EN, 'Sold out'],
    ['sold out (backorder, no date)', stock({ policy: 'backorder' }), EN, 'Sold out'],
    ['sold out (backorder, fixed date == today)', stock({ policy: 'backorder', shipDate: { kind: 'fixed_date', date: TODAY } }), EN, 'Sold out'],
    [
      'sold out (backorder, cap reached)',
      stock({ waiting: 4, policy: 'backorder', waitingLimit: 4, shipDate: { kind: 'fixed_date', date: SHIP_DATE } }),
      EN,
      'Sold out',
    ],
    ['sold out, de-DE', stock(), DE, 'Sold out'],
  ])('%s', (_name, s, opts, expected) => {
    expect(offerHeadline(offerFor(s, TODAY), opts)).toBe(expected);
  });

  it('starts with the state label for every state', () => {
    const offers: Offer[] = [
      offer({ state: 'in_stock', shipNow: 1 }),
      offer({ state: 'backorder', laterKind: 'backorder', laterDate: SHIP_DATE, laterLimit: null }),
      offer({ state: 'preorder', laterKind: 'preorder', laterDate: RELEASE_DATE, laterLimit: null }),
      offer(),
    ];
    for (const o of offers) expect(offerHeadline(o, EN).startsWith(STATE_LABELS[o.state])).toBe(true);
  });
});

describe('lowStockText', () => {
  it.each<[string, StockPosition, string | null]>([
    ['2 left, threshold 3', stock({ onHand: 5, committed: 3, lowStockThreshold: 3 }), 'Only 2 left'],
    ['1 left, threshold 1', stock({ onHand: 1, lowStockThreshold: 1 }), 'Only 1 left'],
    ['3 left, threshold 3', stock({ onHand: 3, lowStockThreshold: 3 }), 'Only 3 left'],
    ['4 left, threshold 3', stock({ onHand: 4, lowStockThreshold: 3 }), null],
    ['threshold 0', stock({ onHand: 1, lowStockThreshold: 0 }), null],
    ['sold out', stock({ lowStockThreshold: 5 }), null],
    ['backordered', stock({ policy: 'backorder', shipDate: { kind: 'lead_time', days: 7 }, lowStockThreshold: 5 }), null],
    ['pre-order with stock held', stock({ onHand: 2, policy: 'preorder', releaseDate: RELEASE_DATE, lowStockThreshold: 5 }), null],
    [
      'in stock with backorder possible',
      stock({ onHand: 2, policy: 'backorder', shipDate: { kind: 'lead_time', days: 7 }, lowStockThreshold: 5 }),
      'Only 2 left',
    ],
  ])('%s -> %j', (_name, s, expected) => {
    expect(lowStockText(offerFor(s, TODAY))).toBe(expected);
  });
});

describe('allocationText', () => {
  const backorder3 = stock({ onHand: 3, policy: 'backorder', shipDate: { kind: 'fixed_date', date: SHIP_DATE } });

  it.each<[string, StockPosition, number, { locale?: string; today?: string }, string | null]>([
    ['split 3 + 2 by the ship date', backorder3, 5, EN, '3 ship now, 2 ship by Tue, Jan 13'],
    ['split 3 + 1 (singular later)', backorder3, 4, EN, '3 ship now, 1 ships by Tue, Jan 13'],
    [
      'split 1 + 2 (singular now)',
      stock({ onHand: 1, policy: 'backorder', shipDate: { kind: 'fixed_date', date: SHIP_DATE } }),
      3,
      EN,
      '1 ships now, 2 ship by Tue, Jan 13',
    ],
    ['split 1 + 1', stock({ onHand: 1, policy: 'backorder', shipDate: { kind: 'fixed_date', date: SHIP_DATE } }), 2, EN, '1 ships now, 1 ships by Tue, Jan 13'],
    ['split in de-DE', backorder3, 5, DE, '3 ship now, 2 ship by Di., 13. Jan.'],
    [
      'split with a date more than 330 days away',
      stock({ onHand: 3, policy: 'backorder', shipDate: { kind: 'fixed_date', date: '2027-01-13' } }),
      5,
      EN,
      '3 ship now, 2 ship by Wed, Jan 13, 2027',
    ],
    [
      'split with a lead-time date',
      stock({ onHand: 3, policy: 'backorder', shipDate: { kind: 'lead_time', days: 43 } }),
      5,
      EN,
      '3 ship now, 2 ship by Tue, Jan 13',
    ],
    [
      'split and capped',
      stock({ onHand: 3, policy: 'backorder', waitingLimit: 2, shipDate: { kind: 'fixed_date', date: SHIP_DATE } }),
      10,
      EN,
      '3 ship now, 2 ship by Tue, Jan 13, Only 5 available',
    ],
    ['deny: more than in stock', stock({ onHand: 8 }), 10, EN, 'Only 8 available'],
    ['deny: one more than in stock', stock({ onHand: 1 }), 2, EN, 'Only 1 available'],
    [
      'backorder only, capped',
      stock({ waiting: 2, policy: 'backorder', waitingLimit: 10, shipDate: { kind: 'fixed_date', date: SHIP_DATE } }),
      12,
      EN,
      'Only 8 available',
    ],
    ['pre-order only, capped', stock({ onHand: 5, policy: 'preorder', releaseDate: RELEASE_DATE, waitingLimit: 3 }), 10, EN, 'Only 8 available'],
    ['sold out', stock(), 3, EN, 'None available'],
    ['all ships now', stock({ onHand: 8 }), 8, EN, null],
    ['all ships now (backorder possible)', backorder3, 3, EN, null],
    ['all backordered (headline says it)', stock({ policy: 'backorder', shipDate: { kind: 'fixed_date', date: SHIP_DATE } }), 5, EN, null],
    ['all pre-ordered (headline says it)', stock({ onHand: 10, policy: 'preorder', releaseDate: RELEASE_DATE }), 4, EN, null],
  ])('%s', (_name, s, quantity, opts, expected) => {
    expect(allocationText(availabilityFor(s, quantity, TODAY), opts)).toBe(expected);
  });

  it('pre-order units in a split read "release" with the release date (no weekday)', () => {
    const o = offer({ state: 'in_stock', shipNow: 2, laterKind: 'preorder', laterDate: RELEASE_DATE, laterLimit: null });
    expect(allocationText(allocate(o, 5), EN)).toBe('2 ship now, 3 release Feb 2');
    expect(allocationText(allocate(o, 5), DE)).toBe('2 ship now, 3 release 2. Feb.');
  });

  it('works from a hand-built allocation', () => {
    expect(allocationText(allocation({ requested: 5, shipNow: 3, later: 2, laterKind: 'backorder', laterDate: SHIP_DATE }), EN)).toBe(
      '3 ship now, 2 ship by Tue, Jan 13',
    );
    expect(allocationText(allocation({ state: 'in_stock', requested: 10, shipNow: 8, unavailable: 2 }), EN)).toBe('Only 8 available');
    expect(allocationText(allocation({ state: 'sold_out', requested: 2, shipNow: 0, unavailable: 2 }), EN)).toBe('None available');
    expect(allocationText(allocation(), EN)).toBeNull();
  });

  it('the text does not depend on the locale when there is no date', () => {
    expect(allocationText(availabilityFor(stock({ onHand: 8 }), 10, TODAY), DE)).toBe('Only 8 available');
  });
});
