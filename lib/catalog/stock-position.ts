import type { Variant } from '@/db/schema';
import { isChargeableAmount } from '@/lib/money/minimum-charge';
import { offerFor, type IncomingStock, type Offer, type ShipDateSource, type StockPosition } from './availability';

/** What is on order for a variant, and the store's handling time (lib/purchasing/incoming.ts reads it). */
export interface Supply {
  incoming: readonly IncomingStock[];
  handlingDays: number;
}

const NO_SUPPLY: Supply = { incoming: [], handlingDays: 0 };

/** Maps a stored variant onto the availability model's input. */
export function stockPositionOf(
  v: Pick<
    Variant,
    | 'onHand'
    | 'committed'
    | 'waiting'
    | 'inventoryPolicy'
    | 'waitingLimit'
    | 'shipDateSource'
    | 'fixedShipDate'
    | 'leadTimeDays'
    | 'releaseDate'
    | 'lowStockThreshold'
  >,
  supply: Supply = NO_SUPPLY,
): StockPosition {
  let shipDate: ShipDateSource = null;
  if (v.shipDateSource === 'fixed_date' && v.fixedShipDate) shipDate = { kind: 'fixed_date', date: v.fixedShipDate };
  if (v.shipDateSource === 'lead_time' && v.leadTimeDays) shipDate = { kind: 'lead_time', days: v.leadTimeDays };
  return {
    onHand: v.onHand,
    committed: v.committed,
    waiting: v.waiting,
    policy: v.inventoryPolicy,
    waitingLimit: v.waitingLimit,
    shipDate,
    releaseDate: v.releaseDate,
    lowStockThreshold: v.lowStockThreshold,
    incoming: supply.incoming,
    handlingDays: supply.handlingDays,
  };
}

/** What a variant that cannot be sold is offered as: nothing. */
const NOT_FOR_SALE: Offer = { state: 'sold_out', shipNow: 0, laterKind: null, laterDate: null, laterLimit: 0, lowStock: false };

/**
 * A stored variant's offer to shoppers today. A price of 1-49 cents could never be charged (Stripe's
 * minimum is 50): the admin refuses such prices, and one stored before that rule is not offered.
 */
export function variantOffer(v: Parameters<typeof stockPositionOf>[0] & Pick<Variant, 'priceCents'>, today: string, supply?: Supply): Offer {
  return isChargeableAmount(v.priceCents) ? offerFor(stockPositionOf(v, supply), today) : NOT_FOR_SALE;
}
