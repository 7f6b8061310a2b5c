/**
 * The quote: what a cart would become as an order right now — each line split into what ships
 * now and what ships later (by the availability model), the planned shipments (one per ship-date
 * group), what each shipment costs and the totals. Pure, so the cart, the checkout page, the
 * order placement and the browser's optimistic cart all compute the same plan.
 */
import { allocate, type Allocation, type AvailabilityState, type LaterKind, type Offer } from '@/lib/catalog/availability';
import { isChargeableAmount } from '@/lib/money/minimum-charge';

export type ShipmentKind = 'now' | LaterKind;

export interface QuoteInputLine {
  /** The cart line's id (any unique key per line). */
  key: string;
  variantId: string;
  productSlug: string;
  productTitle: string;
  variantTitle: string;
  sku: string;
  unitPriceCents: number;
  currency: string;
  quantity: number;
  /** Today's offer for the variant; null when it is no longer for sale (unpublished, archived). */
  offer: Offer | null;
}

export interface QuoteLine extends QuoteInputLine {
  allocation: Allocation;
  /** Price of the units that can be had (ship now + later). */
  lineTotalCents: number;
}

export interface ShipmentLinePlan {
  key: string;
  quantity: number;
  amountCents: number;
}

export interface PlannedShipment {
  /** 'now', 'backorder:YYYY-MM-DD' or 'preorder:YYYY-MM-DD'. */
  key: string;
  kind: ShipmentKind;
  /** Null for 'now'; the ship-by date (backorder) or release date (pre-order). */
  date: string | null;
  lines: ShipmentLinePlan[];
  itemsCents: number;
  shippingCents: number;
  amountCents: number;
}

/** A line that cannot be had in full: the order cannot be placed until the shopper changes it. */
export interface QuoteProblem {
  key: string;
  kind: 'sold_out' | 'not_enough' | 'unavailable';
  /** Units that can still be had. */
  available: number;
}

export interface Quote {
  currency: string;
  lines: QuoteLine[];
  shipments: PlannedShipment[];
  itemsCents: number;
  shippingCents: number;
  totalCents: number;
  /** True when some units ship later: the shopper must consent to the dates and later charges. */
  hasLater: boolean;
  problems: QuoteProblem[];
}

export interface QuoteOptions {
  /** Flat-rate shipping, charged with the first shipment: 0 or at least Stripe's minimum charge. */
  shippingCents: number;
  /** Used when the cart is empty. */
  currency?: string;
}

const NOT_FOR_SALE: Offer = { state: 'sold_out', shipNow: 0, laterKind: null, laterDate: null, laterLimit: 0, lowStock: false };

function shipmentKey(kind: ShipmentKind, date: string | null): string {
  return kind === 'now' ? 'now' : `${kind}:${date}`;
}

/** Shipments in the order they go out: now first, then by date (backorder before pre-order on one day). */
function compareShipments(a: PlannedShipment, b: PlannedShipment): number {
  if (a.kind === 'now' || b.kind === 'now') return a.kind === 'now' ? (b.kind === 'now' ? 0 : -1) : 1;
  if (a.date !== b.date) return a.date! < b.date! ? -1 : 1;
  return a.kind === b.kind ? 0 : a.kind === 'backorder' ? -1 : 1;
}

export function buildQuote(input: readonly QuoteInputLine[], options: QuoteOptions): Quote {
  if (!Number.isInteger(options.shippingCents) || options.shippingCents < 0) throw new RangeError('shippingCents must be a non-negative integer');
  // Every planned shipment must be chargeable when it ships (0, or Stripe's minimum or more). Its
  // amount is a sum of unit prices and perhaps the shipping rate, so it is when each of them is.
  if (!isChargeableAmount(options.shippingCents)) throw new RangeError("shippingCents must be 0 or at least 50 (Stripe's minimum charge)");
  const currency = input[0]?.currency ?? options.currency ?? 'USD';
  const problems: QuoteProblem[] = [];
  const groups = new Map<string, PlannedShipment>();

  const addTo = (kind: ShipmentKind, date: string | null, line: QuoteInputLine, quantity: number) => {
    const key = shipmentKey(kind, date);
    const group = groups.get(key) ?? { key, kind, date, lines: [], itemsCents: 0, shippingCents: 0, amountCents: 0 };
    const amountCents = quantity * line.unitPriceCents;
    group.lines.push({ key: line.key, quantity, amountCents });
    group.itemsCents += amountCents;
    groups.set(key, group);
  };

  const lines = input.map((line): QuoteLine => {
    const allocation = allocate(line.offer ?? NOT_FOR_SALE, line.quantity);
    if (line.offer === null || line.currency !== currency || !isChargeableAmount(line.unitPriceCents)) {
      // Not for sale any more (or priced in another currency than the rest of the order, or at
      // a price under Stripe's minimum charge, which a shipment of one unit could not be charged).
      problems.push({ key: line.key, kind: 'unavailable', available: 0 });
      const none: Allocation = { ...allocation, state: 'sold_out', shipNow: 0, later: 0, laterKind: null, laterDate: null, unavailable: line.quantity };
      return { ...line, allocation: none, lineTotalCents: 0 };
    }
    if (allocation.unavailable > 0) {
      const available = line.quantity - allocation.unavailable;
      problems.push({ key: line.key, kind: available === 0 ? 'sold_out' : 'not_enough', available });
    }
    if (allocation.shipNow > 0) addTo('now', null, line, allocation.shipNow);
    if (allocation.later > 0) addTo(allocation.laterKind!, allocation.laterDate, line, allocation.later);
    return { ...line, allocation, lineTotalCents: (allocation.shipNow + allocation.later) * line.unitPriceCents };
  });

  const shipments = [...groups.values()].sort(compareShipments);
  shipments.forEach((s, i) => {
    s.shippingCents = i === 0 ? options.shippingCents : 0;
    s.amountCents = s.itemsCents + s.shippingCents;
    if (!isChargeableAmount(s.amountCents)) throw new Error(`A planned shipment of ${s.amountCents} cents could not be charged.`);
  });
  const itemsCents = shipments.reduce((sum, s) => sum + s.itemsCents, 0);
  const shippingCents = shipments.reduce((sum, s) => sum + s.shippingCents, 0);
  return {
    currency,
    lines,
    shipments,
    itemsCents,
    shippingCents,
    totalCents: itemsCents + shippingCents,
    hasLater: shipments.some((s) => s.kind !== 'now'),
    problems,
  };
}

/** True when the quote can become an order: at least one line, and every unit can be had. */
export function isPlaceable(quote: Quote): boolean {
  return quote.lines.length > 0 && quote.problems.length === 0;
}

/**
 * What the shopper is shown for a line, and what is stored on the cart line so the next view can
 * say what changed: its state, its split, its later date and its price.
 */
export interface ShownLine {
  state: AvailabilityState;
  shipNow: number;
  later: number;
  laterKind: LaterKind | null;
  laterDate: string | null;
  unitPriceCents: number;
}

export function shownLineOf(line: QuoteLine): ShownLine {
  const a = line.allocation;
  return { state: a.state, shipNow: a.shipNow, later: a.later, laterKind: a.laterKind, laterDate: a.laterDate, unitPriceCents: line.unitPriceCents };
}

/**
 * The parts of a quote that the shopper agrees to when placing the order, in a canonical
 * string: if any of it differs between the page the shopper saw and the moment of placing, the
 * order is not placed. Hash it (lib/checkout/fingerprint.ts) before it leaves the server.
 */
export function canonicalQuote(quote: Quote): string {
  return JSON.stringify({
    currency: quote.currency,
    lines: quote.lines.map((l) => [
      l.variantId,
      l.allocation.requested,
      l.unitPriceCents,
      l.allocation.shipNow,
      l.allocation.later,
      l.allocation.laterKind,
      l.allocation.laterDate,
      l.allocation.unavailable,
    ]),
    shipments: quote.shipments.map((s) => [s.key, s.itemsCents, s.shippingCents]),
    totalCents: quote.totalCents,
  });
}
