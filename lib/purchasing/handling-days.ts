/**
 * HANDLING_DAYS: days between stock arriving and the orders it fills shipping (picking, packing),
 * added to a purchase order's expected arrival to date the units it covers. Default 2.
 */
type Env = Record<string, string | undefined>;

export const DEFAULT_HANDLING_DAYS = 2;

export function handlingDays(env: Env = process.env): number {
  const raw = env.HANDLING_DAYS?.trim();
  if (!raw) return DEFAULT_HANDLING_DAYS;
  if (!/^\d{1,2}$/.test(raw)) throw new Error(`HANDLING_DAYS must be a whole number of days from 0 to 99; got "${raw}".`);
  return Number(raw);
}
