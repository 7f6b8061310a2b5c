import { describe, expect, it } from 'vitest';
import { allocate, maxOrderable, offerFor, type Allocation, type ShipDateSource, type StockPosition } from './availability';

/**
 * The promise a page makes must be the one placement keeps: buying one unit at a time, each
 * purchase applied to the stock position the way lib/orders/place-order.ts applies it (ships-now
 * units committed, later units waiting), sells exactly maxOrderable of the first offer.
 */

const TODAY = '2025-12-01';
const SHIP_DATE = '2026-01-13';
const RELEASE_DATE = '2026-02-02';
/** How far an uncapped sale is followed; it must never be refused. */
const UNCAPPED_PURCHASES = 40;

interface Policy {
  name: string;
  stock: Pick<StockPosition, 'policy' | 'shipDate' | 'releaseDate'>;
}

const FIXED: ShipDateSource = { kind: 'fixed_date', date: SHIP_DATE };
const LEAD: ShipDateSource = { kind: 'lead_time', days: 14 };

const POLICIES: Policy[] = [
  { name: 'deny', stock: { policy: 'deny', shipDate: null, releaseDate: null } },
  { name: 'backorder, fixed date', stock: { policy: 'backorder', shipDate: FIXED, releaseDate: null } },
  { name: 'backorder, lead time', stock: { policy: 'backorder', shipDate: LEAD, releaseDate: null } },
  { name: 'backorder, no date', stock: { policy: 'backorder', shipDate: null, releaseDate: null } },
  { name: 'preorder, released (lead time after)', stock: { policy: 'preorder', shipDate: LEAD, releaseDate: '2025-11-01' } },
  { name: 'preorder, released (no date after)', stock: { policy: 'preorder', shipDate: null, releaseDate: TODAY } },
  { name: 'preorder, unreleased', stock: { policy: 'preorder', shipDate: LEAD, releaseDate: RELEASE_DATE } },
  { name: 'preorder, no release date', stock: { policy: 'preorder', shipDate: FIXED, releaseDate: null } },
];

const POSITIONS: Pick<StockPosition, 'onHand' | 'committed' | 'waiting'>[] = [
  { onHand: 0, committed: 0, waiting: 0 },
  { onHand: 4, committed: 0, waiting: 0 },
  { onHand: 4, committed: 1, waiting: 0 },
  { onHand: 10, committed: 2, waiting: 3 },
  { onHand: 3, committed: 1, waiting: 5 },
  { onHand: 5, committed: 5, waiting: 1 },
  { onHand: 7, committed: 0, waiting: 9 },
];

const CAPS: (number | null)[] = [null, 0, 1, 3, 6];

/** What placement does with an accepted allocation (lib/orders/place-order.ts, "Stock: commit ... queue ..."). */
function place(stock: StockPosition, a: Allocation): StockPosition {
  // Placement's own guard (and the database's check): committed never exceeds on hand.
  expect(stock.committed + a.shipNow).toBeLessThanOrEqual(stock.onHand);
  return { ...stock, committed: stock.committed + a.shipNow, waiting: stock.waiting + a.later };
}

/** Buys one unit at a time until a unit is refused (or `limit` units were sold); returns how many sold. */
function sellOneAtATime(start: StockPosition, limit: number): { sold: number; end: StockPosition } {
  let stock = start;
  let sold = 0;
  while (sold < limit) {
    const a = allocate(offerFor(stock, TODAY), 1);
    if (a.unavailable > 0) break;
    stock = place(stock, a);
    sold += 1;
  }
  return { sold, end: stock };
}

const CASES = POLICIES.flatMap((policy) =>
  POSITIONS.flatMap((position) =>
    CAPS.map((cap) => ({
      label: `${policy.name} | on hand ${position.onHand}, committed ${position.committed}, waiting ${position.waiting} | cap ${cap ?? 'none'}`,
      stock: { ...policy.stock, ...position, waitingLimit: cap, lowStockThreshold: 0 } satisfies StockPosition,
    })),
  ),
);

describe('one unit at a time sells exactly what the first offer promised', () => {
  it.each(CASES)('$label', ({ stock }) => {
    const promised = maxOrderable(offerFor(stock, TODAY));
    const { sold, end } = sellOneAtATime(stock, promised ?? UNCAPPED_PURCHASES);
    if (promised === null) {
      expect(sold).toBe(UNCAPPED_PURCHASES);
      return;
    }
    expect(sold).toBe(promised);
    // ...and not one more.
    expect(maxOrderable(offerFor(end, TODAY))).toBe(0);
    expect(allocate(offerFor(end, TODAY), 1).unavailable).toBe(1);
  });

  it.each(CASES)('all at once: $label', ({ stock }) => {
    const promised = maxOrderable(offerFor(stock, TODAY));
    if (promised === null || promised === 0) return;
    const a = allocate(offerFor(stock, TODAY), promised);
    expect(a.unavailable).toBe(0);
    expect(maxOrderable(offerFor(place(stock, a), TODAY))).toBe(0);
  });

  it('the reported case: 4 on hand, a cap of 3, before release, offers 7 and sells 7', () => {
    const stock: StockPosition = {
      onHand: 4,
      committed: 0,
      waiting: 0,
      policy: 'preorder',
      waitingLimit: 3,
      shipDate: null,
      releaseDate: RELEASE_DATE,
      lowStockThreshold: 0,
    };
    expect(maxOrderable(offerFor(stock, TODAY))).toBe(7);
    expect(sellOneAtATime(stock, 100).sold).toBe(7);
  });
});
