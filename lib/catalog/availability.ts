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

/** Units on open purchase orders, by expected arrival: what is still to come, not yet received. */
export interface IncomingStock {
  date: string;
  quantity: number;
}

/** `units` more later units get `date`; null: any number (past all incoming stock, the variant's own date). */
export interface LaterStep {
  units: number | null;
  date: string;
}

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
  /**
   * Open purchase orders (any order of dates). Waiting units claim them first, in arrival order;
   * the next unit sold past stock gets the date of the one that covers it, plus handlingDays.
   */
  incoming?: readonly IncomingStock[];
  /** Days between stock arriving and the order shipping (store-wide). */
  handlingDays?: number;
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
  /** Ship date for backorders (of the next unit), release date for pre-orders (YYYY-MM-DD). */
  laterDate: string | null;
  /**
   * When later units arrive, in order: the first step's units get its date, the next ones the
   * next step's. Absent: every later unit gets laterDate.
   */
  laterDates?: LaterStep[];
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

/**
 * The dates of the units sold past stock from now on, from open purchase orders: the units already
 * waiting (beyond what is on hand for them) claim the earliest arrivals; each unit after that gets
 * the arrival that covers it, plus handling. A date never goes earlier for a later unit, and a
 * purchase order already overdue counts as arriving today.
 */
function incomingSteps(stock: StockPosition, today: string): LaterStep[] {
  const handling = stock.handlingDays ?? 0;
  let claimed = Math.max(0, stock.waiting - Math.max(0, stock.onHand - stock.committed));
  const steps: LaterStep[] = [];
  for (const po of [...(stock.incoming ?? [])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    if (po.quantity <= 0) continue;
    const taken = Math.min(claimed, po.quantity);
    claimed -= taken;
    const units = po.quantity - taken;
    if (units === 0) continue;
    const date = addDays(po.date > today ? po.date : today, handling);
    const last = steps.at(-1);
    if (last && last.date === date) last.units! += units;
    else steps.push({ units, date });
  }
  return steps;
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

  // Backorder policy, or a released pre-order: sell from stock, then wait for a dated arrival:
  // open purchase orders first, then (past all of them) the variant's own lead time or date.
  const steps = incomingSteps(stock, today);
  const own = backorderDate(stock.shipDate, today);
  const lastIncoming = steps.at(-1)?.date ?? null;
  if (own !== null) steps.push({ units: null, date: lastIncoming !== null && lastIncoming > own ? lastIncoming : own });
  if (steps.length === 0) {
    return finish({ shipNow: free, laterKind: null, laterDate: null, laterLimit: 0 }, stock);
  }
  const cap = remaining(stock.waitingLimit, stock.waiting);
  // Without a date of its own, a variant can wait only for what is on order.
  const incomingUnits = own === null ? steps.reduce((n, st) => n + st.units!, 0) : null;
  const laterLimit = cap === null ? incomingUnits : incomingUnits === null ? cap : Math.min(cap, incomingUnits);
  const offer = finish({ shipNow: free, laterKind: 'backorder', laterDate: steps[0]!.date, laterLimit }, stock);
  return offer.laterKind && (steps.length > 1 || steps[0]!.units !== null) ? { ...offer, laterDates: steps } : offer;
}

/**
 * The variant's own date for a line already placed: a lead time counts from the day it was placed
 * (re-dating must not push a line back a day for every day that passes; one that has run out
 * counts as today), and a fixed date that has passed dates nothing any more.
 */
function ownDateForLine(source: ShipDateSource, placedOn: string, today: string): string | null {
  if (!source) return null;
  if (source.kind === 'fixed_date') return source.date >= today ? source.date : null;
  if (source.days <= 0) return null;
  // A lead time that has run out (or was shortened below the time already waited) still dates the line: today.
  const date = addDays(placedOn, source.days);
  return date >= today ? date : today;
}

/**
 * The dates of the lines already waiting, in queue order: each gets the date of the incoming stock
 * that covers its last unit (plus handling), past all of it the variant's own date (never earlier
 * than the last arrival), or null when nothing dates it any more (no purchase order covers it and
 * the variant's date is gone or passed). Each entry is a waiting line's units not yet allocated and
 * the day it was placed. Pre-orders before release keep their release date.
 */
export function queueDates(stock: StockPosition, lines: readonly { remaining: number; placedOn: string }[], today: string): (string | null)[] {
  if (stock.policy === 'preorder' && stock.releaseDate !== null && stock.releaseDate > today) return lines.map(() => stock.releaseDate);
  // Measured from the front of the queue: nothing is claimed yet.
  const steps = incomingSteps({ ...stock, waiting: 0 }, today);
  const lastIncoming = steps.at(-1)?.date ?? null;
  // Units on hand not yet given out go to the front of the queue first.
  let through = -Math.max(0, stock.onHand - stock.committed);
  return lines.map(({ remaining, placedOn }) => {
    through += remaining;
    if (through <= 0) return addDays(today, stock.handlingDays ?? 0);
    let covered = 0;
    for (const step of steps) {
      covered += step.units!;
      if (covered >= through) return step.date;
    }
    const own = ownDateForLine(stock.shipDate, placedOn, today);
    return own === null ? null : lastIncoming !== null && lastIncoming > own ? lastIncoming : own;
  });
}

/** The date of the last of `later` units sold past stock: a line ships when its last unit can. */
export function laterDateFor(offer: Offer, later: number): string | null {
  if (!offer.laterDates || later <= 0) return offer.laterDate;
  let covered = 0;
  for (const step of offer.laterDates) {
    if (step.units === null) return step.date;
    covered += step.units;
    if (covered >= later) return step.date;
  }
  return offer.laterDates.at(-1)?.date ?? offer.laterDate;
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
    laterDate: later > 0 ? laterDateFor(offer, later) : null,
    unavailable,
  };
}

export function availabilityFor(stock: StockPosition, quantity: number, today: string): Allocation {
  return allocate(offerFor(stock, today), quantity);
}
