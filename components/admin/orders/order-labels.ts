import { SHIPMENT_STATUSES, type ShipmentKind, type ShipmentStatus } from '@/db/schema/orders';

export { ORDER_STATUS_LABELS } from '@/lib/orders/status-copy';

/** Staff's words for a shipment's status (shoppers read lib/orders/status-copy.ts instead). */
export const SHIPMENT_STATUS_LABELS: Record<ShipmentStatus, string> = {
  planned: 'Waiting for stock',
  ready_to_ship: 'Ready to ship',
  charging: 'Charging',
  payment_failed: 'Payment failed',
  shipped: 'Shipped',
  cancelled: 'Cancelled',
};

export const SHIPMENT_KIND_LABELS: Record<ShipmentKind, string> = {
  now: 'In stock',
  backorder: 'Backorder',
  preorder: 'Pre-order',
};

/** "1 ready to ship, 1 waiting for stock", in the order shipments move through. */
export function shipmentsSummary(counts: Partial<Record<ShipmentStatus, number>>): string {
  return SHIPMENT_STATUSES.filter((s) => counts[s])
    .map((s) => `${counts[s]} ${SHIPMENT_STATUS_LABELS[s].toLowerCase()}`)
    .join(', ');
}

/**
 * 'shipment.ready_to_ship' -> 'Shipment ready to ship'. Event types are added as features land;
 * spelling them out from their names keeps the timeline readable without a list to maintain.
 */
export function humanize(code: string): string {
  const words = code.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
