/**
 * Reorder arithmetic from the merchant's guide: reorder when what can be sold falls below
 * the demand expected while a new delivery is on its way, plus a safety margin.
 */

export function reorderPoint({ dailyDemand, leadTimeDays, safetyStock }: { dailyDemand: number; leadTimeDays: number | null; safetyStock: number }): number {
  return Math.ceil(dailyDemand * (leadTimeDays ?? 0)) + safetyStock;
}

/** Days the sellable units last at the current rate of sale; null when nothing is selling. */
export function daysOfCover(sellable: number, dailyDemand: number): number | null {
  if (dailyDemand <= 0) return null;
  return Math.floor(sellable / dailyDemand);
}
