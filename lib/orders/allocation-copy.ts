import type { Allocation } from './allocate-arrivals';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What receiving did for the waiting orders, for the admin: "3 units went to 2 waiting orders; 1 shipment is ready to ship." */
export function allocationText(a: Allocation): string | null {
  if (a.units === 0) return null;
  const ready = a.readyShipments > 0 ? `; ${plural(a.readyShipments, 'shipment is', 'shipments are')} ready to ship` : '';
  return `${plural(a.units, 'unit', 'units')} went to ${plural(a.lines, 'waiting order', 'waiting orders')}${ready}.`;
}
