import type { Variant } from '@/db/schema';
import type { ShipDateSource, StockPosition } from './availability';

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
  };
}
