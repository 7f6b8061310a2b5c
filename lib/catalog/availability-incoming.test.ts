import { describe, expect, it } from 'vitest';
import { allocate, maxOrderable, offerFor, queueDates, type StockPosition } from './availability';

const today = '2026-12-02';
const base: StockPosition = {
  onHand: 0,
  committed: 0,
  waiting: 0,
  policy: 'backorder',
  waitingLimit: null,
  shipDate: { kind: 'lead_time', days: 60 },
  releaseDate: null,
  lowStockThreshold: 0,
  handlingDays: 2,
};

describe('dates from purchase orders', () => {
  it('dates the next unit by the purchase order that covers its place in the queue, plus handling', () => {
    const incoming = [
      { date: '2026-12-20', quantity: 3 },
      { date: '2026-12-10', quantity: 2 },
    ];
    // Nothing waits: the first arrival (Dec 10) covers the next unit.
    expect(offerFor({ ...base, incoming }, today)).toMatchObject({ state: 'backorder', laterDate: '2026-12-12' });
    // Two units wait: they take Dec 10's two; the next unit is Dec 20's.
    expect(offerFor({ ...base, incoming, waiting: 2 }, today).laterDate).toBe('2026-12-22');
    // Five wait: all incoming is claimed; the variant's own lead time dates the next one.
    expect(offerFor({ ...base, incoming, waiting: 5 }, today).laterDate).toBe('2027-01-31');
  });

  it('gives a request the date of its last unit, across purchase orders', () => {
    const offer = offerFor(
      {
        ...base,
        incoming: [
          { date: '2026-12-10', quantity: 2 },
          { date: '2026-12-20', quantity: 3 },
        ],
      },
      today,
    );
    expect(allocate(offer, 2)).toMatchObject({ later: 2, laterDate: '2026-12-12' });
    expect(allocate(offer, 3)).toMatchObject({ later: 3, laterDate: '2026-12-22' });
    expect(allocate(offer, 6)).toMatchObject({ later: 6, laterDate: '2027-01-31' });
  });

  it('counts units on hand for the waiting lines before claiming arrivals, and ships free stock now', () => {
    const incoming = [{ date: '2026-12-10', quantity: 2 }];
    // 1 on hand not yet given to the 2 waiting units (a pre-allocation moment): one more is claimed from the order.
    expect(offerFor({ ...base, incoming, onHand: 1, waiting: 2 }, today).laterDate).toBe('2026-12-12');
    expect(offerFor({ ...base, incoming, onHand: 3 }, today)).toMatchObject({ state: 'in_stock', shipNow: 3, laterDate: '2026-12-12' });
  });

  it('without a date of its own, a variant can wait only for what is on order', () => {
    const incoming = [{ date: '2026-12-10', quantity: 4 }];
    const offer = offerFor({ ...base, shipDate: null, incoming, waiting: 1 }, today);
    expect(offer).toMatchObject({ state: 'backorder', laterDate: '2026-12-12', laterLimit: 3 });
    expect(maxOrderable(offer)).toBe(3);
    expect(allocate(offer, 5)).toMatchObject({ later: 3, unavailable: 2 });
    expect(offerFor({ ...base, shipDate: null, incoming, waiting: 4 }, today).state).toBe('sold_out');
    expect(offerFor({ ...base, shipDate: null, incoming, waitingLimit: 2 }, today).laterLimit).toBe(2);
  });

  it('never dates a later unit earlier than one before it, and an overdue order counts from today', () => {
    const incoming = [{ date: '2027-03-01', quantity: 1 }];
    // The lead time (Jan 31) is earlier than the purchase order: units past it still wait for it.
    const offer = offerFor({ ...base, incoming }, today);
    expect(allocate(offer, 1).laterDate).toBe('2027-03-03');
    expect(allocate(offer, 2).laterDate).toBe('2027-03-03');
    expect(offerFor({ ...base, incoming: [{ date: '2026-11-20', quantity: 1 }] }, today).laterDate).toBe('2026-12-04');
  });

  it('a deny variant and a pre-order before release ignore purchase orders', () => {
    const incoming = [{ date: '2026-12-10', quantity: 5 }];
    expect(offerFor({ ...base, policy: 'deny', incoming }, today).state).toBe('sold_out');
    expect(offerFor({ ...base, policy: 'preorder', releaseDate: '2027-02-01', incoming }, today)).toMatchObject({ state: 'preorder', laterDate: '2027-02-01' });
  });
});

describe('queueDates', () => {
  const incoming = [
    { date: '2026-12-10', quantity: 2 },
    { date: '2026-12-20', quantity: 3 },
  ];
  const placed = (...remaining: number[]) => remaining.map((r) => ({ remaining: r, placedOn: today }));
  it("dates each waiting line by the arrival that covers its last unit, then the variant's own date", () => {
    expect(queueDates({ ...base, waiting: 6, incoming }, placed(1, 1, 2, 1, 1), today)).toEqual([
      '2026-12-12',
      '2026-12-12',
      '2026-12-22',
      '2026-12-22',
      '2027-01-31',
    ]);
  });
  it('counts a lead time from the day each line was placed (one run out counts as today), and a passed fixed date dates nothing', () => {
    const lines = [
      { remaining: 1, placedOn: '2026-11-01' },
      { remaining: 1, placedOn: '2026-10-01' },
    ];
    expect(queueDates({ ...base, waiting: 2 }, lines, today)).toEqual(['2026-12-31', today]);
    expect(queueDates({ ...base, waiting: 1, shipDate: { kind: 'fixed_date', date: '2026-11-30' } }, placed(1), today)).toEqual([null]);
  });
  it('has no date for lines past all incoming stock when the variant has no date of its own', () => {
    expect(queueDates({ ...base, waiting: 6, incoming, shipDate: null }, placed(5, 1), today)).toEqual(['2026-12-22', null]);
  });
  it('dates the front of the queue by stock on hand not yet given out', () => {
    expect(queueDates({ ...base, onHand: 1, waiting: 2, incoming }, placed(1, 1), today)).toEqual(['2026-12-04', '2026-12-12']);
  });
  it("keeps a pre-order's release date before release", () => {
    expect(queueDates({ ...base, policy: 'preorder', releaseDate: '2027-02-01', waiting: 2, incoming }, placed(1, 1), today)).toEqual([
      '2027-02-01',
      '2027-02-01',
    ]);
  });
});
