/**
 * The availability model: one pure module that every page, the cart, checkout and the
 * admin use to decide what can be sold, what ships now and what ships later, and when.
 * No I/O here; callers pass today's date so results are deterministic and testable.
 */
import { addDays } from './dates';

export type InventoryPolicy = 'deny' | 'backorder' | 'preorder';
export type AvailabilityState = 'in_stock' | 'backorder' | 'preorder' | 'sold_out';
export type LaterKind = 'backorder' | 'preorder';

export const AVAILABILITY_STATES: readonly AvailabilityState[] = ['in_stock', 'backorder', 'preorder', 'sold_out'];

export type ShipDateSource = { kind: 'fixed_date'; date: string } | { kind: 'lead_time'; days: number } | null;

/** A variant's stock position, as stored. */
export interface StockPosition {
  onHand: number;
  committed: number;
  /** Units already sold past stock and waiting; they have first claim on stock. */
  waiting: number;
  policy: InventoryPolicy;
  /**
   * Most units that may wait at once (the cap on units sold past stock); null = no cap. Before a
   * pre-order's release the units on hand are held for it, so the cap counts units beyond them.
   */
  waitingLimit: number | null;
  shipDate: ShipDateSource;
  releaseDate: string | null;
  lowStockThreshold: number;
}

/**
 * What can be offered for a variant today. This is what leaves the server: it carries no
 * raw stock counts beyond what the shopper is told anyway.
 */
export interface Offer {
  /** The state for a single unit. */
  state: AvailabilityState;
  /** Units that ship now. */
  shipNow: number;
  /** How later units are sold, if at all. */
  laterKind: LaterKind | null;
  /** Ship date for backorders, release date for pre-orders (YYYY-MM-DD). */
  laterDate: string | null;
  /** Units that can still be sold for later delivery; null = no limit. */
  laterLimit: number | null;
  /** True when the in-stock count is at or under the low-stock threshold. */
  lowStock: boolean;
}

export interface Allocation {
  state: AvailabilityState;
  requested: number;
  shipNow: number;
  later: number;
  laterKind: LaterKind | null;
  laterDate: string | null;
  /** Units of the request that cannot be sold at all. */
  unavailable: number;
}

function backorderDate(source: ShipDateSource, today: string): string | null {
  if (!source) return null;
  if (source.kind === 'lead_time') return source.days > 0 ? addDays(today, source.days) : null;
  // A fixed date that has passed is no longer an honest promise.
  return source.date > today ? source.date : null;
}

function remaining(limit: number | null, waiting: number): number | null {
  return limit === null ? null : Math.max(0, limit - waiting);
}

export function offerFor(stock: StockPosition, today: string): Offer {
  const free = Math.max(0, stock.onHand - stock.committed - stock.waiting);
  const unreleased = stock.policy === 'preorder' && stock.releaseDate !== null && stock.releaseDate > today;

  if (stock.policy === 'preorder' && stock.releaseDate === null) {
    // A pre-order with no release date promises nothing: only stock on hand can be sold.
    return finish({ shipNow: free, laterKind: null, laterDate: null, laterLimit: 0 }, stock);
  }

  if (unreleased) {
    // Before release nothing ships: every pre-ordered unit waits, and the units on hand (not
    // committed) are held for release day, so waiting may reach held + cap. `free` would count
    // the waiting units twice (once against the held stock, once against the cap).
    const held = Math.max(0, stock.onHand - stock.committed);
    const limit = stock.waitingLimit === null ? null : Math.max(0, held + stock.waitingLimit - stock.waiting);
    return finish({ shipNow: 0, laterKind: 'preorder', laterDate: stock.releaseDate, laterLimit: limit }, stock);
  }

  if (stock.policy === 'deny') {
    return finish({ shipNow: free, laterKind: null, laterDate: null, laterLimit: 0 }, stock);
  }

  // Backorder policy, or a released pre-order: sell from stock, then wait for a dated arrival.
  const date = backorderDate(stock.shipDate, today);
  if (date === null) {
    return finish({ shipNow: free, laterKind: null, laterDate: null, laterLimit: 0 }, stock);
  }
  return finish({ shipNow: free, laterKind: 'backorder', laterDate: date, laterLimit: remaining(stock.waitingLimit, stock.waiting) }, stock);
}

function finish(partial: Pick<Offer, 'shipNow' | 'laterKind' | 'laterDate' | 'laterLimit'>, stock: StockPosition): Offer {
  const canWait = partial.laterKind !== null && (partial.laterLimit === null || partial.laterLimit > 0);
  const laterKind = canWait ? partial.laterKind : null;
  const state: AvailabilityState =
    partial.shipNow > 0 ? 'in_stock' : laterKind === 'preorder' ? 'preorder' : laterKind === 'backorder' ? 'backorder' : 'sold_out';
  return {
    state,
    shipNow: partial.shipNow,
    laterKind,
    laterDate: laterKind ? partial.laterDate : null,
    laterLimit: laterKind ? partial.laterLimit : 0,
    lowStock: partial.shipNow > 0 && partial.shipNow <= stock.lowStockThreshold,
  };
}

/** Most units one request can get; null = no limit. */
export function maxOrderable(offer: Offer): number | null {
  if (offer.laterKind && offer.laterLimit === null) return null;
  return offer.shipNow + (offer.laterKind ? (offer.laterLimit ?? 0) : 0);
}

/** Splits a requested quantity into what ships now, what ships later and what cannot be sold. */
export function allocate(offer: Offer, quantity: number): Allocation {
  if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
  const shipNow = Math.min(quantity, offer.shipNow);
  const rest = quantity - shipNow;
  const later = offer.laterKind ? Math.min(rest, offer.laterLimit ?? rest) : 0;
  const unavailable = rest - later;
  // The headline state of a request: sold out if none of it can be had, in stock if part
  // ships now (the split says the rest), otherwise how the later units are sold.
  const state: AvailabilityState = shipNow > 0 ? 'in_stock' : later > 0 && offer.laterKind ? offer.laterKind : 'sold_out';
  return {
    state,
    requested: quantity,
    shipNow,
    later,
    laterKind: later > 0 ? offer.laterKind : null,
    laterDate: later > 0 ? offer.laterDate : null,
    unavailable,
  };
}

export function availabilityFor(stock: StockPosition, quantity: number, today: string): Allocation {
  return allocate(offerFor(stock, today), quantity);
}
