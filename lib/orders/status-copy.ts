/**
 * What shoppers read about an order's shipments and lines, in one place (order page,
 * confirmation, and later the emails).
 */
import type { ShipmentKind, ShipmentStatus } from '@/db/schema/orders';
import { IN_STOCK_PROMISE } from '@/lib/catalog/availability-copy';
import { formatCalendarDate } from '@/lib/catalog/dates';
import type { CopyOptions } from '@/lib/checkout/plan-copy';

/** "Preparing to ship — ships in 1–2 business days", "Backordered — ships by Tue, Jan 13", "Shipped". */
export function shipmentStatusText(kind: ShipmentKind, status: ShipmentStatus, date: string | null, opts: CopyOptions = {}): string {
  switch (status) {
    case 'planned':
      if (kind === 'now') return `Preparing to ship — ${IN_STOCK_PROMISE}`;
      if (kind === 'backorder') return `Backordered — ships by ${formatCalendarDate(date!, { ...opts, withWeekday: true })}`;
      return `Pre-order — releases ${formatCalendarDate(date!, opts)}`;
    case 'ready_to_ship':
      return kind === 'now' ? `Preparing to ship — ${IN_STOCK_PROMISE}` : `In stock now — preparing to ship, ${IN_STOCK_PROMISE}`;
    case 'charging':
      return 'Shipping now';
    case 'payment_failed':
      return 'On hold: the payment for this shipment did not go through';
    case 'shipped':
      return 'Shipped';
    case 'cancelled':
      return CANCELLED;
  }
}

export const CANCELLED = 'Cancelled';

/** Cancelling only ever takes units that have not shipped, and a shipment is charged when it ships. */
export const CANCELLED_NOT_CHARGED = 'Nothing was charged for the cancelled items.';

/** "2 cancelled": how many of a line's units came off the order. */
export function cancelledUnitsText(units: number): string {
  return `${units} cancelled`;
}

/** The label of a shipment's amount: what it was charged, will be charged, or that it never will be. */
export function shipmentChargeLabel(status: ShipmentStatus): string {
  if (status === 'shipped') return 'Charged';
  if (status === 'cancelled') return CANCELLED;
  return 'Charged when it ships';
}

export const ORDER_STATUS_LABELS = {
  placed: 'Placed',
  partially_shipped: 'Partly shipped',
  shipped: 'Shipped',
  cancelled: CANCELLED,
} as const;
