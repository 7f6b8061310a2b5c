import { describe, it, expect } from 'vitest';
import {
  AVAILABILITY_STATES,
  allocate,
  availabilityFor,
  maxOrderable,
  offerFor,
  type Allocation,
  type AvailabilityState,
  type InventoryPolicy,
  type Offer,
  type ShipDateSource,
  type StockPosition,
} from './availability';
import { stock } from '@/lib/catalog/testing/stock';

const TODAY = '2025-12-01';
const YESTERDAY = '2025-11-30';
const TOMORROW = '2025-12-02';
const SHIP_DATE = '2026-01-13';
const RELEASE_DATE = '2026-02-02';

function offer(overrides: Partial<Offer> = {}): Offer {
  return {
    state: 'sold_out',
    shipNow: 0,
    laterKind: null,
    laterDate: null,
    laterLimit: 0,
    lowStock: false,
    ...overrides,
  };
}

const SOLD_OUT_OFFER: Omit<Offer, 'lowStock'> = {
  state: 'sold_out',
  shipNow: 0,
  laterKind: null,
  laterDate: null,
  laterLimit: 0,
};

describe('AVAILABILITY_STATES', () => {
  it('lists the four states in display order', () => {
    expect(AVAILABILITY_STATES).toEqual(['in_stock', 'backorder', 'preorder', 'sold_out']);
  });
});

// ---------------------------------------------------------------------------------------
// The full matrix: policy x stock situation x ship-date source (x release date for
// pre-orders), with no cap. Expectations are written from the product rules, not from
// the implementation.
// ---------------------------------------------------------------------------------------

interface Situation {
  name: string;
  onHand: number;
  committed: number;
  waiting: number;
  /** onHand - committed - waiting, floored at zero. */
  free: number;
}

const SITUATIONS: Situation[] = [
  { name: 'plenty free (10 on hand, 2 committed)', onHand: 10, committed: 2, waiting: 0, free: 8 },
  { name: 'exactly at low-stock threshold (5 free)', onHand: 7, committed: 2, waiting: 0, free: 5 },
  { name: 'one free', onHand: 1, committed: 0, waiting: 0, free: 1 },
  { name: 'free after waiting units take first claim', onHand: 10, committed: 2, waiting: 3, free: 5 },
  { name: 'nothing on hand', onHand: 0, committed: 0, waiting: 0, free: 0 },
  { name: 'committed == onHand', onHand: 5, committed: 5, waiting: 0, free: 0 },
  { name: 'waiting exactly absorbs the rest', onHand: 5, committed: 1, waiting: 4, free: 0 },
  { name: 'waiting > free stock', onHand: 3, committed: 1, waiting: 5, free: 0 },
  { name: 'committed > onHand (oversold)', onHand: 2, committed: 4, waiting: 0, free: 0 },
];

interface Source {
  name: string;
  shipDate: ShipDateSource;
  /** The honest backorder date this source gives on TODAY, or null. */
  date: string | null;
}

const SOURCES: Source[] = [
  { name: 'no ship-date source', shipDate: null, date: null },
  { name: 'fixed date in the future', shipDate: { kind: 'fixed_date', date: SHIP_DATE }, date: SHIP_DATE },
  { name: 'fixed date tomorrow', shipDate: { kind: 'fixed_date', date: TOMORROW }, date: TOMORROW },
  { name: 'fixed date == today', shipDate: { kind: 'fixed_date', date: TODAY }, date: null },
  { name: 'fixed date in the past', shipDate: { kind: 'fixed_date', date: YESTERDAY }, date: null },
  { name: 'lead time 14 days', shipDate: { kind: 'lead_time', days: 14 }, date: '2025-12-15' },
  { name: 'lead time 1 day', shipDate: { kind: 'lead_time', days: 1 }, date: TOMORROW },
  { name: 'lead time 0 days', shipDate: { kind: 'lead_time', days: 0 }, date: null },
];

interface Release {
  name: string;
  releaseDate: string | null;
  unreleased: boolean;
}

const RELEASES: Release[] = [
  { name: 'no release date', releaseDate: null, unreleased: false },
  { name: 'release date in the future', releaseDate: RELEASE_DATE, unreleased: true },
  { name: 'release date tomorrow', releaseDate: TOMORROW, unreleased: true },
  { name: 'released today', releaseDate: TODAY, unreleased: false },
  { name: 'released in the past', releaseDate: '2025-10-01', unreleased: false },
];

const LOW_STOCK_THRESHOLD = 5;

interface MatrixCase {
  label: string;
  input: StockPosition;
  expected: Offer;
  max: number | null;
}

function onlyFreeStock(free: number): Offer {
  return {
    state: free > 0 ? 'in_stock' : 'sold_out',
    shipNow: free,
    laterKind: null,
    laterDate: null,
    laterLimit: 0,
    lowStock: free > 0 && free <= LOW_STOCK_THRESHOLD,
  };
}

function backorderFrom(free: number, date: string | null): Offer {
  if (date === null) return onlyFreeStock(free);
  return {
    state: free > 0 ? 'in_stock' : 'backorder',
    shipNow: free,
    laterKind: 'backorder',
    laterDate: date,
    laterLimit: null,
    lowStock: free > 0 && free <= LOW_STOCK_THRESHOLD,
  };
}

function buildMatrix(): MatrixCase[] {
  const cases: MatrixCase[] = [];
  for (const s of SITUATIONS) {
    for (const src of SOURCES) {
      const base = {
        onHand: s.onHand,
        committed: s.committed,
        waiting: s.waiting,
        shipDate: src.shipDate,
        lowStockThreshold: LOW_STOCK_THRESHOLD,
      };
      // deny: only free stock, the date source is irrelevant.
      const deny = onlyFreeStock(s.free);
      cases.push({
        label: `deny | ${s.name} | ${src.name}`,
        input: stock({ ...base, policy: 'deny' }),
        expected: deny,
        max: s.free,
      });
      // backorder: free stock, then later units only when an honest date exists.
      const back = backorderFrom(s.free, src.date);
      cases.push({
        label: `backorder | ${s.name} | ${src.name}`,
        input: stock({ ...base, policy: 'backorder' }),
        expected: back,
        max: back.laterKind ? null : s.free,
      });
      // preorder: unreleased -> nothing ships now, sold ahead of release; released ->
      // like backorder; no release date -> only free stock.
      for (const r of RELEASES) {
        let expected: Offer;
        if (r.releaseDate === null) expected = onlyFreeStock(s.free);
        else if (r.unreleased)
          expected = {
            state: 'preorder',
            shipNow: 0,
            laterKind: 'preorder',
            laterDate: r.releaseDate,
            laterLimit: null,
            lowStock: false,
          };
        else expected = backorderFrom(s.free, src.date);
        cases.push({
          label: `preorder (${r.name}) | ${s.name} | ${src.name}`,
          input: stock({ ...base, policy: 'preorder', releaseDate: r.releaseDate }),
          expected,
          max: expected.laterKind ? null : s.free,
        });
      }
    }
  }
  return cases;
}

const MATRIX = buildMatrix();

describe('offerFor: policy x stock situation x date source (no cap)', () => {
  it('covers every combination', () => {
    expect(MATRIX).toHaveLength(SITUATIONS.length * SOURCES.length * (2 + RELEASES.length));
  });

  it.each(MATRIX)('$label', ({ input, expected, max }) => {
    const result = offerFor(input, TODAY);
    expect(result).toEqual(expected);
    expect(maxOrderable(result)).toBe(max);
  });
});

// ---------------------------------------------------------------------------------------
// Explicit spot checks of the rules (independent of the matrix helpers above).
// ---------------------------------------------------------------------------------------

describe('offerFor: in stock', () => {
  it('free stock ships now with no later sale under deny', () => {
    expect(offerFor(stock({ onHand: 10, committed: 2, waiting: 3, lowStockThreshold: 2 }), TODAY)).toEqual({
      state: 'in_stock',
      shipNow: 5,
      laterKind: null,
      laterDate: null,
      laterLimit: 0,
      lowStock: false,
    });
  });

  it('in stock under backorder still carries the later date for excess units', () => {
    const o = offerFor(stock({ onHand: 3, policy: 'backorder', shipDate: { kind: 'fixed_date', date: SHIP_DATE } }), TODAY);
    expect(o).toEqual({
      state: 'in_stock',
      shipNow: 3,
      laterKind: 'backorder',
      laterDate: SHIP_DATE,
      laterLimit: null,
      lowStock: false,
    });
  });

  it('returns only the public fields (no raw stock counts leave the server)', () => {
    const o = offerFor(stock({ onHand: 10, committed: 2, waiting: 1, policy: 'backorder' }), TODAY);
    expect(Object.keys(o).sort()).toEqual(['laterDate', 'laterKind', 'laterLimit', 'lowStock', 'shipNow', 'state']);
  });

  it('does not mutate its input', () => {
    const input = Object.freeze(stock({ onHand: 4, committed: 1, waiting: 1, policy: 'backorder', waitingLimit: 3, shipDate: { kind: 'lead_time', days: 5 } }));
    const copy = structuredClone(input);
    offerFor(input, TODAY);
    expect(input).toEqual(copy);
  });
});

describe('offerFor: sold out', () => {
  it.each<{ name: string; input: StockPosition }>([
    { name: 'deny with committed == onHand', input: stock({ onHand: 4, committed: 4 }) },
    { name: 'deny with waiting > free stock', input: stock({ onHand: 4, committed: 1, waiting: 6 }) },
    { name: 'backorder with no ship-date source', input: stock({ policy: 'backorder' }) },
    {
      name: 'backorder with a fixed date in the past',
      input: stock({ policy: 'backorder', shipDate: { kind: 'fixed_date', date: '2025-06-30' } }),
    },
    {
      name: 'backorder with a fixed date == today (not an honest promise)',
      input: stock({ policy: 'backorder', shipDate: { kind: 'fixed_date', date: TODAY } }),
    },
    {
      name: 'backorder with lead time 0',
      input: stock({ policy: 'backorder', shipDate: { kind: 'lead_time', days: 0 } }),
    },
    {
      name: 'backorder with a negative lead time',
      input: stock({ policy: 'backorder', shipDate: { kind: 'lead_time', days: -3 } }),
    },
    {
      name: 'backorder with cap 0',
      input: stock({ policy: 'backorder', waitingLimit: 0, shipDate: { kind: 'lead_time', days: 7 } }),
    },
    {
      name: 'backorder with cap exactly used',
      input: stock({ onHand: 2, committed: 0, waiting: 5, policy: 'backorder', waitingLimit: 5, shipDate: { kind: 'lead_time', days: 7 } }),
    },
    {
      name: 'backorder with waiting above the cap (cap lowered after sales)',
      input: stock({ waiting: 8, policy: 'backorder', waitingLimit: 5, shipDate: { kind: 'fixed_date', date: SHIP_DATE } }),
    },
    { name: 'preorder without release date and no stock', input: stock({ policy: 'preorder', shipDate: { kind: 'lead_time', days: 7 } }) },
    {
      name: 'unreleased preorder with cap 0 and no stock',
      input: stock({ policy: 'preorder', releaseDate: RELEASE_DATE, waitingLimit: 0 }),
    },
    {
      name: 'unreleased preorder with cap exactly used',
      input: stock({ waiting: 4, policy: 'preorder', releaseDate: RELEASE_DATE, waitingLimit: 4 }),
    },
    {
      name: 'released preorder (release day) with no ship-date source',
      input: stock({ policy: 'preorder', releaseDate: TODAY }),
    },
    {
      name: 'released preorder with a past fixed ship date',
      input: stock({ policy: 'preorder', releaseDate: '2025-11-01', shipDate: { kind: 'fixed_date', date: '2025-11-15' } }),
    },
  ])('$name', ({ input }) => {
    const o = offerFor(input, TODAY);
    expect(o).toEqual({ ...SOLD_OUT_OFFER, lowStock: false });
    expect(maxOrderable(o)).toBe(0);
    expect(availabilityFor(input, 1, TODAY)).toEqual({
      state: 'sold_out',
      requested: 1,
      shipNow: 0,
      later: 0,
      laterKind: null,
      laterDate: null,
      unavailable: 1,
    });
  });
});

describe('offerFor: backordered', () => {
  it('with a fixed future date and nothing free', () => {
    expect(offerFor(stock({ onHand: 5, committed: 5, policy: 'backorder', shipDate: { kind: 'fixed_date', date: SHIP_DATE } }), TODAY)).toEqual({
      state: 'backorder',
      shipNow: 0,
      laterKind: 'backorder',
      laterDate: SHIP_DATE,
      laterLimit: null,
      lowStock: false,
    });
  });

  it('a fixed date that is tomorrow is still honest', () => {
    const o = offerFor(stock({ policy: 'backorder', shipDate: { kind: 'fixed_date', date: TOMORROW } }), TODAY);
    expect(o.state).toBe('backorder');
    expect(o.laterDate).toBe(TOMORROW);
  });

  it('the same fixed date is honest the day before and not on the day itself', () => {
    const s = stock({ policy: 'backorder', shipDate: { kind: 'fixed_date', date: SHIP_DATE } });
    expect(offerFor(s, '2026-01-12').state).toBe('backorder');
    expect(offerFor(s, '2026-01-13').state).toBe('sold_out');
    expect(offerFor(s, '2026-01-14').state).toBe('sold_out');
  });

  it.each<{ today: string; days: number; date: string }>([
    { today: '2025-12-01', days: 14, date: '2025-12-15' },
    { today: '2025-12-01', days: 1, date: '2025-12-02' },
    { today: '2025-01-25', days: 10, date: '2025-02-04' },
    { today: '2025-12-20', days: 14, date: '2026-01-03' },
    { today: '2025-12-31', days: 1, date: '2026-01-01' },
    { today: '2024-02-20', days: 10, date: '2024-03-01' },
    { today: '2025-02-20', days: 10, date: '2025-03-02' },
    { today: '2024-02-28', days: 1, date: '2024-02-29' },
    { today: '2025-11-15', days: 120, date: '2026-03-15' },
    { today: '2025-06-01', days: 365, date: '2026-06-01' },
  ])('lead time $days days from $today ships by $date', ({ today, days, date }) => {
    const o = offerFor(stock({ policy: 'backorder', shipDate: { kind: 'lead_time', days } }), today);
    expect(o).toEqual({
      state: 'backorder',
      shipNow: 0,
      laterKind: 'backorder',
      laterDate: date,
      laterLimit: null,
      lowStock: false,
    });
  });

  it('lead time is counted from the given today, not a stored date', () => {
    const s = stock({ policy: 'backorder', shipDate: { kind: 'lead_time', days: 3 } });
    expect(offerFor(s, '2025-12-01').laterDate).toBe('2025-12-04');
    expect(offerFor(s, '2025-12-30').laterDate).toBe('2026-01-02');
  });
});

describe('offerFor: pre-order', () => {
  it('before release nothing ships now, even with stock on hand', () => {
    const o = offerFor(stock({ onHand: 50, policy: 'preorder', releaseDate: RELEASE_DATE, lowStockThreshold: 100 }), TODAY);
    expect(o).toEqual({
      state: 'preorder',
      shipNow: 0,
      laterKind: 'preorder',
      laterDate: RELEASE_DATE,
      laterLimit: null,
      lowStock: false,
    });
  });

  it('the release date (not the ship-date source) is the later date before release', () => {
    const o = offerFor(stock({ policy: 'preorder', releaseDate: RELEASE_DATE, shipDate: { kind: 'fixed_date', date: SHIP_DATE } }), TODAY);
    expect(o.laterDate).toBe(RELEASE_DATE);
    expect(o.laterKind).toBe('preorder');
  });

  it('the day before release is still a pre-order', () => {
    const s = stock({ onHand: 3, policy: 'preorder', releaseDate: TODAY, shipDate: { kind: 'lead_time', days: 7 } });
    expect(offerFor(s, YESTERDAY)).toEqual({
      state: 'preorder',
      shipNow: 0,
      laterKind: 'preorder',
      laterDate: TODAY,
      laterLimit: null,
      lowStock: false,
    });
  });

  it('exactly on release day it behaves like backorder (stock ships now, rest by lead time)', () => {
    const s = stock({ onHand: 3, policy: 'preorder', releaseDate: TODAY, shipDate: { kind: 'lead_time', days: 7 }, lowStockThreshold: 3 });
    expect(offerFor(s, TODAY)).toEqual({
      state: 'in_stock',
      shipNow: 3,
      laterKind: 'backorder',
      laterDate: '2025-12-08',
      laterLimit: null,
      lowStock: true,
    });
  });

  it('on release day with no stock it is backordered with the ship date', () => {
    const s = stock({ policy: 'preorder', releaseDate: TODAY, shipDate: { kind: 'fixed_date', date: SHIP_DATE } });
    expect(offerFor(s, TODAY)).toEqual({
      state: 'backorder',
      shipNow: 0,
      laterKind: 'backorder',
      laterDate: SHIP_DATE,
      laterLimit: null,
      lowStock: false,
    });
  });

  it('on release day with stock but no date source only stock can be sold', () => {
    const s = stock({ onHand: 4, committed: 1, policy: 'preorder', releaseDate: TODAY });
    const o = offerFor(s, TODAY);
    expect(o).toEqual({ state: 'in_stock', shipNow: 3, laterKind: null, laterDate: null, laterLimit: 0, lowStock: false });
    expect(maxOrderable(o)).toBe(3);
  });

  it('without a release date only free stock can be sold, whatever the ship-date source', () => {
    const s = stock({ onHand: 6, committed: 2, policy: 'preorder', shipDate: { kind: 'fixed_date', date: SHIP_DATE }, waitingLimit: 10 });
    const o = offerFor(s, TODAY);
    expect(o).toEqual({ state: 'in_stock', shipNow: 4, laterKind: null, laterDate: null, laterLimit: 0, lowStock: false });
    expect(maxOrderable(o)).toBe(4);
  });
});

describe('offerFor: lowStock', () => {
  it.each<{ free: number; threshold: number; low: boolean }>([
    { free: 0, threshold: 5, low: false },
    { free: 1, threshold: 5, low: true },
    { free: 2, threshold: 5, low: true },
    { free: 5, threshold: 5, low: true },
    { free: 6, threshold: 5, low: false },
    { free: 1, threshold: 1, low: true },
    { free: 2, threshold: 1, low: false },
    { free: 1, threshold: 0, low: false },
    { free: 0, threshold: 0, low: false },
  ])('$free free with threshold $threshold -> lowStock $low', ({ free, threshold, low }) => {
    expect(offerFor(stock({ onHand: free + 4, committed: 3, waiting: 1, lowStockThreshold: threshold }), TODAY).lowStock).toBe(low);
  });

  it('is based on what ships now, not on units on hand', () => {
    // 20 on hand but 18 claimed: 2 ship now.
    expect(offerFor(stock({ onHand: 20, committed: 10, waiting: 8, lowStockThreshold: 2 }), TODAY).lowStock).toBe(true);
  });

  it('is false for an unreleased pre-order, where nothing ships now', () => {
    expect(offerFor(stock({ onHand: 2, policy: 'preorder', releaseDate: RELEASE_DATE, lowStockThreshold: 5 }), TODAY).lowStock).toBe(false);
  });

  it('is true for an in-stock backorder variant with few units', () => {
    const o = offerFor(stock({ onHand: 2, policy: 'backorder', shipDate: { kind: 'lead_time', days: 7 }, lowStockThreshold: 3 }), TODAY);
    expect(o.state).toBe('in_stock');
    expect(o.lowStock).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// Caps
// ---------------------------------------------------------------------------------------

interface CapCase {
  name: string;
  input: Partial<StockPosition>;
  state: AvailabilityState;
  shipNow: number;
  laterKind: 'backorder' | 'preorder' | null;
  laterLimit: number | null;
  max: number | null;
}

const LEAD_7: ShipDateSource = { kind: 'lead_time', days: 7 };

describe('offerFor: backorder cap (waitingLimit)', () => {
  it.each<CapCase>([
    { name: 'no cap', input: { waitingLimit: null }, state: 'backorder', shipNow: 0, laterKind: 'backorder', laterLimit: null, max: null },
    {
      name: 'no cap, some waiting',
      input: { waiting: 40, waitingLimit: null },
      state: 'backorder',
      shipNow: 0,
      laterKind: 'backorder',
      laterLimit: null,
      max: null,
    },
    { name: 'cap 5, none waiting', input: { waitingLimit: 5 }, state: 'backorder', shipNow: 0, laterKind: 'backorder', laterLimit: 5, max: 5 },
    { name: 'cap 5, 2 waiting', input: { waiting: 2, waitingLimit: 5 }, state: 'backorder', shipNow: 0, laterKind: 'backorder', laterLimit: 3, max: 3 },
    {
      name: 'cap 5, 4 waiting (one left)',
      input: { waiting: 4, waitingLimit: 5 },
      state: 'backorder',
      shipNow: 0,
      laterKind: 'backorder',
      laterLimit: 1,
      max: 1,
    },
    { name: 'cap 5 exactly used, nothing free', input: { waiting: 5, waitingLimit: 5 }, state: 'sold_out', shipNow: 0, laterKind: null, laterLimit: 0, max: 0 },
    { name: 'waiting above cap, nothing free', input: { waiting: 9, waitingLimit: 5 }, state: 'sold_out', shipNow: 0, laterKind: null, laterLimit: 0, max: 0 },
    { name: 'cap 0, nothing free', input: { waitingLimit: 0 }, state: 'sold_out', shipNow: 0, laterKind: null, laterLimit: 0, max: 0 },
    { name: 'cap 0, 3 free', input: { onHand: 3, waitingLimit: 0 }, state: 'in_stock', shipNow: 3, laterKind: null, laterLimit: 0, max: 3 },
    {
      name: 'cap 5, 3 free, none waiting',
      input: { onHand: 3, waitingLimit: 5 },
      state: 'in_stock',
      shipNow: 3,
      laterKind: 'backorder',
      laterLimit: 5,
      max: 8,
    },
    {
      name: 'cap exactly used, but stock arrived (3 free after waiting claims)',
      input: { onHand: 8, waiting: 5, waitingLimit: 5 },
      state: 'in_stock',
      shipNow: 3,
      laterKind: null,
      laterLimit: 0,
      max: 3,
    },
    {
      name: 'committed == onHand, cap 2, 1 waiting',
      input: { onHand: 4, committed: 4, waiting: 1, waitingLimit: 2 },
      state: 'backorder',
      shipNow: 0,
      laterKind: 'backorder',
      laterLimit: 1,
      max: 1,
    },
  ])('$name', ({ input, state, shipNow, laterKind, laterLimit, max }) => {
    const o = offerFor(stock({ policy: 'backorder', shipDate: LEAD_7, ...input }), TODAY);
    expect(o.state).toBe(state);
    expect(o.shipNow).toBe(shipNow);
    expect(o.laterKind).toBe(laterKind);
    expect(o.laterDate).toBe(laterKind ? '2025-12-08' : null);
    expect(o.laterLimit).toBe(laterLimit);
    expect(maxOrderable(o)).toBe(max);
  });

  it('a cap without an honest date still sells nothing later', () => {
    const o = offerFor(stock({ onHand: 2, policy: 'backorder', waitingLimit: 10, shipDate: { kind: 'fixed_date', date: TODAY } }), TODAY);
    expect(o).toEqual({ state: 'in_stock', shipNow: 2, laterKind: null, laterDate: null, laterLimit: 0, lowStock: false });
  });
});

describe('offerFor: pre-order cap (waitingLimit) before release', () => {
  it.each<CapCase>([
    { name: 'no cap', input: { onHand: 4, waitingLimit: null }, state: 'preorder', shipNow: 0, laterKind: 'preorder', laterLimit: null, max: null },
    {
      name: 'cap 3 with 4 on hand: stock held for release day plus the cap',
      input: { onHand: 4, waitingLimit: 3 },
      state: 'preorder',
      shipNow: 0,
      laterKind: 'preorder',
      laterLimit: 7,
      max: 7,
    },
    {
      name: 'cap 0 with 4 on hand: only the stock can be pre-ordered',
      input: { onHand: 4, waitingLimit: 0 },
      state: 'preorder',
      shipNow: 0,
      laterKind: 'preorder',
      laterLimit: 4,
      max: 4,
    },
    { name: 'cap 5, nothing on hand', input: { waitingLimit: 5 }, state: 'preorder', shipNow: 0, laterKind: 'preorder', laterLimit: 5, max: 5 },
    {
      name: 'cap 5, 2 waiting, nothing on hand',
      input: { waiting: 2, waitingLimit: 5 },
      state: 'preorder',
      shipNow: 0,
      laterKind: 'preorder',
      laterLimit: 3,
      max: 3,
    },
    {
      name: 'cap exactly used, nothing on hand',
      input: { waiting: 5, waitingLimit: 5 },
      state: 'sold_out',
      shipNow: 0,
      laterKind: null,
      laterLimit: 0,
      max: 0,
    },
    {
      name: 'waiting above cap, nothing on hand',
      input: { waiting: 7, waitingLimit: 5 },
      state: 'sold_out',
      shipNow: 0,
      laterKind: null,
      laterLimit: 0,
      max: 0,
    },
    { name: 'cap 0, nothing on hand', input: { waitingLimit: 0 }, state: 'sold_out', shipNow: 0, laterKind: null, laterLimit: 0, max: 0 },
    {
      name: 'cap 0, committed == onHand',
      input: { onHand: 6, committed: 6, waitingLimit: 0 },
      state: 'sold_out',
      shipNow: 0,
      laterKind: null,
      laterLimit: 0,
      max: 0,
    },
    {
      // 3 held for release day cover 3 of the 4 waiting; 1 more waits beyond them, so 4 of the cap's 5 remain.
      name: 'cap 5, waiting > stock on hand (3 on hand, 4 waiting)',
      input: { onHand: 3, waiting: 4, waitingLimit: 5 },
      state: 'preorder',
      shipNow: 0,
      laterKind: 'preorder',
      laterLimit: 4,
      max: 4,
    },
    {
      // 7 held (10 on hand, 3 committed) + cap 2 - 1 waiting.
      name: 'cap 2, 10 on hand, 3 committed, 1 waiting',
      input: { onHand: 10, committed: 3, waiting: 1, waitingLimit: 2 },
      state: 'preorder',
      shipNow: 0,
      laterKind: 'preorder',
      laterLimit: 8,
      max: 8,
    },
    {
      name: 'cap 3 with 4 on hand, 7 already waiting: the held stock and the cap are used up',
      input: { onHand: 4, waiting: 7, waitingLimit: 3 },
      state: 'sold_out',
      shipNow: 0,
      laterKind: null,
      laterLimit: 0,
      max: 0,
    },
  ])('$name', ({ input, state, shipNow, laterKind, laterLimit, max }) => {
    const o = offerFor(stock({ policy: 'preorder', releaseDate: RELEASE_DATE, ...input }), TODAY);
    expect(o.state).toBe(state);
    expect(o.shipNow).toBe(shipNow);
    expect(o.laterKind).toBe(laterKind);
    expect(o.laterDate).toBe(laterKind ? RELEASE_DATE : null);
    expect(o.laterLimit).toBe(laterLimit);
    expect(maxOrderable(o)).toBe(max);
  });

  it('with none waiting, sells the same total before release (all later) as a backorder variant would (now + later)', () => {
    const position = { onHand: 10, committed: 2, waiting: 0, waitingLimit: 4, shipDate: LEAD_7 };
    const pre = offerFor(stock({ ...position, policy: 'preorder', releaseDate: RELEASE_DATE }), TODAY);
    const back = offerFor(stock({ ...position, policy: 'backorder' }), TODAY);
    expect(maxOrderable(pre)).toBe(12);
    expect(maxOrderable(back)).toBe(12);
  });

  it('units already pre-ordered are covered by the held stock first, so they use none of the cap while stock holds them', () => {
    // 8 held (10 on hand, 2 committed), 3 of them already pre-ordered: 5 held + the cap of 4 remain.
    const o = offerFor(stock({ onHand: 10, committed: 2, waiting: 3, waitingLimit: 4, policy: 'preorder', releaseDate: RELEASE_DATE }), TODAY);
    expect(maxOrderable(o)).toBe(9);
  });

  it('after release the cap applies as for backorder', () => {
    const o = offerFor(stock({ onHand: 2, waiting: 3, policy: 'preorder', releaseDate: '2025-11-01', waitingLimit: 5, shipDate: LEAD_7 }), TODAY);
    expect(o).toEqual({ state: 'backorder', shipNow: 0, laterKind: 'backorder', laterDate: '2025-12-08', laterLimit: 2, lowStock: false });
  });

  it('released with cap exactly used and nothing free reads sold out', () => {
    const o = offerFor(stock({ waiting: 5, policy: 'preorder', releaseDate: TODAY, waitingLimit: 5, shipDate: LEAD_7 }), TODAY);
    expect(o.state).toBe('sold_out');
  });
});

// ---------------------------------------------------------------------------------------
// maxOrderable
// ---------------------------------------------------------------------------------------

describe('maxOrderable', () => {
  it.each<{ name: string; offer: Offer; max: number | null }>([
    { name: 'sold out', offer: offer(), max: 0 },
    { name: 'in stock, deny', offer: offer({ state: 'in_stock', shipNow: 3 }), max: 3 },
    {
      name: 'in stock, unlimited backorder',
      offer: offer({ state: 'in_stock', shipNow: 3, laterKind: 'backorder', laterDate: SHIP_DATE, laterLimit: null }),
      max: null,
    },
    {
      name: 'in stock, capped backorder',
      offer: offer({ state: 'in_stock', shipNow: 3, laterKind: 'backorder', laterDate: SHIP_DATE, laterLimit: 2 }),
      max: 5,
    },
    {
      name: 'backorder, unlimited',
      offer: offer({ state: 'backorder', laterKind: 'backorder', laterDate: SHIP_DATE, laterLimit: null }),
      max: null,
    },
    {
      name: 'backorder, capped',
      offer: offer({ state: 'backorder', laterKind: 'backorder', laterDate: SHIP_DATE, laterLimit: 4 }),
      max: 4,
    },
    {
      name: 'preorder, unlimited',
      offer: offer({ state: 'preorder', laterKind: 'preorder', laterDate: RELEASE_DATE, laterLimit: null }),
      max: null,
    },
    {
      name: 'preorder, capped',
      offer: offer({ state: 'preorder', laterKind: 'preorder', laterDate: RELEASE_DATE, laterLimit: 7 }),
      max: 7,
    },
    {
      name: 'no later kind ignores a stray null laterLimit',
      offer: offer({ state: 'in_stock', shipNow: 2, laterKind: null, laterLimit: null }),
      max: 2,
    },
  ])('$name -> $max', ({ offer: o, max }) => {
    expect(maxOrderable(o)).toBe(max);
  });
});

// ---------------------------------------------------------------------------------------
// allocate / availabilityFor
// ---------------------------------------------------------------------------------------

describe('allocate: the split', () => {
  const backorder3 = stock({ onHand: 3, policy: 'backorder', shipDate: { kind: 'fixed_date', date: SHIP_DATE } });

  it('asking for 5 when 3 are free under backorder: 3 ship now, 2 later with the date', () => {
    expect(availabilityFor(backorder3, 5, TODAY)).toEqual({
      state: 'in_stock',
      requested: 5,
      shipNow: 3,
      later: 2,
      laterKind: 'backorder',
      laterDate: SHIP_DATE,
      unavailable: 0,
    });
  });

  it('asking for 5 when 3 are free under deny: 3 ship now, 2 unavailable', () => {
    expect(availabilityFor(stock({ onHand: 3 }), 5, TODAY)).toEqual({
      state: 'in_stock',
      requested: 5,
      shipNow: 3,
      later: 0,
      laterKind: null,
      laterDate: null,
      unavailable: 2,
    });
  });

  it('the cap is respected: excess beyond it is unavailable', () => {
    const capped = stock({ ...backorder3, waiting: 0, waitingLimit: 1 });
    expect(availabilityFor(capped, 5, TODAY)).toEqual({
      state: 'in_stock',
      requested: 5,
      shipNow: 3,
      later: 1,
      laterKind: 'backorder',
      laterDate: SHIP_DATE,
      unavailable: 1,
    });
  });

  it('a request within free stock has nothing later even when backorder is possible', () => {
    expect(availabilityFor(backorder3, 3, TODAY)).toEqual({
      state: 'in_stock',
      requested: 3,
      shipNow: 3,
      later: 0,
      laterKind: null,
      laterDate: null,
      unavailable: 0,
    });
  });

  it('split with a lead-time date across a year boundary', () => {
    const s = stock({ onHand: 1, policy: 'backorder', shipDate: { kind: 'lead_time', days: 10 } });
    expect(availabilityFor(s, 4, '2025-12-28')).toEqual({
      state: 'in_stock',
      requested: 4,
      shipNow: 1,
      later: 3,
      laterKind: 'backorder',
      laterDate: '2026-01-07',
      unavailable: 0,
    });
  });
});

describe('allocate: table', () => {
  const inStock3 = offer({ state: 'in_stock', shipNow: 3 });
  const inStock3Back = offer({ state: 'in_stock', shipNow: 3, laterKind: 'backorder', laterDate: SHIP_DATE, laterLimit: null });
  const inStock3Back2 = offer({ state: 'in_stock', shipNow: 3, laterKind: 'backorder', laterDate: SHIP_DATE, laterLimit: 2 });
  const back = offer({ state: 'backorder', laterKind: 'backorder', laterDate: SHIP_DATE, laterLimit: null });
  const back2 = offer({ state: 'backorder', laterKind: 'backorder', laterDate: SHIP_DATE, laterLimit: 2 });
  const pre = offer({ state: 'preorder', laterKind: 'preorder', laterDate: RELEASE_DATE, laterLimit: null });
  const pre3 = offer({ state: 'preorder', laterKind: 'preorder', laterDate: RELEASE_DATE, laterLimit: 3 });
  const soldOut = offer();

  type Row = [string, Offer, number, Omit<Allocation, 'requested'>];
  const none = { laterKind: null, laterDate: null } as const;
  const rows: Row[] = [
    ['in stock (deny) q=1', inStock3, 1, { state: 'in_stock', shipNow: 1, later: 0, ...none, unavailable: 0 }],
    ['in stock (deny) q=3 (all of it)', inStock3, 3, { state: 'in_stock', shipNow: 3, later: 0, ...none, unavailable: 0 }],
    ['in stock (deny) q=4', inStock3, 4, { state: 'in_stock', shipNow: 3, later: 0, ...none, unavailable: 1 }],
    ['in stock (deny) q=11', inStock3, 11, { state: 'in_stock', shipNow: 3, later: 0, ...none, unavailable: 8 }],
    ['in stock + backorder q=2', inStock3Back, 2, { state: 'in_stock', shipNow: 2, later: 0, ...none, unavailable: 0 }],
    ['in stock + backorder q=4', inStock3Back, 4, { state: 'in_stock', shipNow: 3, later: 1, laterKind: 'backorder', laterDate: SHIP_DATE, unavailable: 0 }],
    [
      'in stock + backorder q=1000',
      inStock3Back,
      1000,
      { state: 'in_stock', shipNow: 3, later: 997, laterKind: 'backorder', laterDate: SHIP_DATE, unavailable: 0 },
    ],
    [
      'in stock + capped backorder q=5 (cap exactly used)',
      inStock3Back2,
      5,
      { state: 'in_stock', shipNow: 3, later: 2, laterKind: 'backorder', laterDate: SHIP_DATE, unavailable: 0 },
    ],
    [
      'in stock + capped backorder q=9',
      inStock3Back2,
      9,
      { state: 'in_stock', shipNow: 3, later: 2, laterKind: 'backorder', laterDate: SHIP_DATE, unavailable: 4 },
    ],
    ['backorder q=1', back, 1, { state: 'backorder', shipNow: 0, later: 1, laterKind: 'backorder', laterDate: SHIP_DATE, unavailable: 0 }],
    ['backorder q=50', back, 50, { state: 'backorder', shipNow: 0, later: 50, laterKind: 'backorder', laterDate: SHIP_DATE, unavailable: 0 }],
    ['capped backorder q=2', back2, 2, { state: 'backorder', shipNow: 0, later: 2, laterKind: 'backorder', laterDate: SHIP_DATE, unavailable: 0 }],
    ['capped backorder q=3', back2, 3, { state: 'backorder', shipNow: 0, later: 2, laterKind: 'backorder', laterDate: SHIP_DATE, unavailable: 1 }],
    ['preorder q=4', pre, 4, { state: 'preorder', shipNow: 0, later: 4, laterKind: 'preorder', laterDate: RELEASE_DATE, unavailable: 0 }],
    ['capped preorder q=3', pre3, 3, { state: 'preorder', shipNow: 0, later: 3, laterKind: 'preorder', laterDate: RELEASE_DATE, unavailable: 0 }],
    ['capped preorder q=5', pre3, 5, { state: 'preorder', shipNow: 0, later: 3, laterKind: 'preorder', laterDate: RELEASE_DATE, unavailable: 2 }],
    ['sold out q=1', soldOut, 1, { state: 'sold_out', shipNow: 0, later: 0, ...none, unavailable: 1 }],
    ['sold out q=7', soldOut, 7, { state: 'sold_out', shipNow: 0, later: 0, ...none, unavailable: 7 }],
  ];

  it.each(rows)('%s', (_name, o, quantity, expected) => {
    expect(allocate(o, quantity)).toEqual({ requested: quantity, ...expected });
  });

  it('does not mutate the offer', () => {
    const o = Object.freeze({ ...inStock3Back2 });
    allocate(o, 9);
    expect(o).toEqual(inStock3Back2);
  });
});

describe('allocate: quantity validation', () => {
  const anyOffer = offer({ state: 'in_stock', shipNow: 3 });

  it.each([0, -1, -5, 1.5, 0.5, 2.0000001, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('throws RangeError for %s', (quantity) => {
    expect(() => allocate(anyOffer, quantity)).toThrow(RangeError);
    expect(() => allocate(anyOffer, quantity)).toThrow(`quantity must be a positive integer, got ${quantity}`);
  });

  it('throws for an invalid quantity even when the variant is sold out', () => {
    expect(() => allocate(offer(), 0)).toThrow(RangeError);
  });

  it('availabilityFor validates the quantity too', () => {
    expect(() => availabilityFor(stock({ onHand: 5 }), 0, TODAY)).toThrow(RangeError);
    expect(() => availabilityFor(stock({ onHand: 5 }), 2.5, TODAY)).toThrow(RangeError);
  });

  it.each([1, 2, 1e6, 2.0])('accepts %s', (quantity) => {
    expect(() => allocate(anyOffer, quantity)).not.toThrow();
  });
});

describe('availabilityFor', () => {
  it('is allocate(offerFor(stock, today), quantity)', () => {
    for (const c of MATRIX) {
      for (const q of [1, 3, 8, 20]) {
        expect(availabilityFor(c.input, q, TODAY)).toEqual(allocate(offerFor(c.input, TODAY), q));
      }
    }
  });

  it('pre-order before release: nothing ships now, all units release on the release date', () => {
    expect(availabilityFor(stock({ onHand: 10, policy: 'preorder', releaseDate: RELEASE_DATE }), 4, TODAY)).toEqual({
      state: 'preorder',
      requested: 4,
      shipNow: 0,
      later: 4,
      laterKind: 'preorder',
      laterDate: RELEASE_DATE,
      unavailable: 0,
    });
  });

  it('capped pre-order: excess beyond stock + cap is unavailable', () => {
    expect(availabilityFor(stock({ onHand: 2, policy: 'preorder', releaseDate: RELEASE_DATE, waitingLimit: 3 }), 8, TODAY)).toEqual({
      state: 'preorder',
      requested: 8,
      shipNow: 0,
      later: 5,
      laterKind: 'preorder',
      laterDate: RELEASE_DATE,
      unavailable: 3,
    });
  });

  it('backorder with nothing free and a capped remainder', () => {
    expect(availabilityFor(stock({ onHand: 5, committed: 5, waiting: 1, policy: 'backorder', waitingLimit: 4, shipDate: LEAD_7 }), 5, TODAY)).toEqual({
      state: 'backorder',
      requested: 5,
      shipNow: 0,
      later: 3,
      laterKind: 'backorder',
      laterDate: '2025-12-08',
      unavailable: 2,
    });
  });
});

// ---------------------------------------------------------------------------------------
// Invariants over the whole matrix plus capped variants
// ---------------------------------------------------------------------------------------

describe('invariants', () => {
  const CAPS: (number | null)[] = [null, 0, 1, 3, 6];
  const POLICIES: InventoryPolicy[] = ['deny', 'backorder', 'preorder'];
  const positions: StockPosition[] = [];
  for (const s of SITUATIONS)
    for (const src of SOURCES)
      for (const cap of CAPS)
        for (const policy of POLICIES)
          for (const r of policy === 'preorder' ? RELEASES : [RELEASES[0]!])
            positions.push(
              stock({
                onHand: s.onHand,
                committed: s.committed,
                waiting: s.waiting,
                policy,
                waitingLimit: cap,
                shipDate: src.shipDate,
                releaseDate: r.releaseDate,
                lowStockThreshold: LOW_STOCK_THRESHOLD,
              }),
            );

  it('every position yields a consistent offer', () => {
    for (const p of positions) {
      const o = offerFor(p, TODAY);
      const free = Math.max(0, p.onHand - p.committed - p.waiting);
      expect(AVAILABILITY_STATES).toContain(o.state);
      expect(o.shipNow).toBeGreaterThanOrEqual(0);
      expect(o.shipNow).toBeLessThanOrEqual(free);
      // state for one unit
      expect(o.state === 'in_stock').toBe(o.shipNow > 0);
      if (o.state === 'backorder') expect(o.laterKind).toBe('backorder');
      if (o.state === 'preorder') expect(o.laterKind).toBe('preorder');
      if (o.state === 'sold_out') expect(maxOrderable(o)).toBe(0);
      // later units always come with a date strictly after today
      if (o.laterKind) {
        expect(o.laterDate).not.toBeNull();
        expect(o.laterDate! > TODAY).toBe(true);
        expect(o.laterLimit === null || o.laterLimit > 0).toBe(true);
      } else {
        expect(o.laterDate).toBeNull();
        expect(o.laterLimit).toBe(0);
      }
      // deny never sells past stock
      if (p.policy === 'deny') expect(o.laterKind).toBeNull();
      // a cap never yields a negative or unbounded limit
      if (p.waitingLimit !== null) expect(o.laterLimit).not.toBeNull();
      expect(o.lowStock).toBe(o.shipNow > 0 && o.shipNow <= p.lowStockThreshold);
    }
  });

  it('every allocation partitions the request and matches the offer', () => {
    for (const p of positions) {
      const o = offerFor(p, TODAY);
      const max = maxOrderable(o);
      const quantities = [1, 2, 5, 13];
      if (max !== null && max > 0) quantities.push(max, max + 1);
      for (const q of quantities) {
        const a = allocate(o, q);
        expect(a.requested).toBe(q);
        expect(a.shipNow + a.later + a.unavailable).toBe(q);
        expect(a.shipNow).toBeGreaterThanOrEqual(0);
        expect(a.later).toBeGreaterThanOrEqual(0);
        expect(a.unavailable).toBeGreaterThanOrEqual(0);
        expect(a.shipNow).toBe(Math.min(q, o.shipNow));
        if (o.laterLimit !== null) expect(a.later).toBeLessThanOrEqual(o.laterLimit);
        if (a.later > 0) {
          expect(a.laterKind).toBe(o.laterKind);
          expect(a.laterDate).toBe(o.laterDate);
        } else {
          expect(a.laterKind).toBeNull();
          expect(a.laterDate).toBeNull();
        }
        // unavailable units appear exactly when the request exceeds maxOrderable
        expect(a.unavailable).toBe(max === null ? 0 : Math.max(0, q - max));
      }
      // the state of a single unit is the offer's state
      expect(allocate(o, 1).state).toBe(o.state);
    }
  });
});
