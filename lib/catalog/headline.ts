import type { AvailabilityState, Offer } from './availability';

const RANK: Record<AvailabilityState, number> = { in_stock: 0, backorder: 1, preorder: 2, sold_out: 3 };

/** The offer a product's badge shows: its most available variant (first one on ties). */
export function headlineOffer(offers: readonly Offer[]): Offer | undefined {
  let best: Offer | undefined;
  for (const offer of offers) if (!best || RANK[offer.state] < RANK[best.state]) best = offer;
  return best;
}
