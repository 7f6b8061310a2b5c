/**
 * What shoppers read about an order's shipments and lines, in one place (order page,
 * confirmation, and later the emails).
 */
import type { ShipmentKind, ShipmentStatus } from '@/db/schema/orders';
import { IN_STOCK_PROMISE } from '@/lib/catalog/availability-copy';
import { formatCalendarDate } from '@/lib/catalog/dates';
import type { CopyOptions } from '@/lib/checkout/plan-copy';
import { formatMoney } from '@/lib/money/format';
import { cardBrandName } from '@/lib/payments/browser/card-display';

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
      return 'Charging your card';
    case 'payment_failed':
      return PAYMENT_FAILED;
    case 'shipped':
      return 'Shipped';
    case 'cancelled':
      return CANCELLED;
  }
}

export const CANCELLED = 'Cancelled';

export const PAYMENT_FAILED = 'Payment failed';

/** What a shopper whose charge failed must do (the email says how; the self-service page comes later). */
export const PAYMENT_FAILED_ACTION = "We couldn't charge your card for this shipment. Check your email for what to do.";

/** "Charged $29.00 to Visa ending 4242.", for a shipment that shipped. */
export function chargedToCardText(chargedCents: number, currency: string, card: { brand: string; last4: string }): string {
  if (chargedCents === 0) return 'Nothing was charged for this shipment.';
  return `Charged ${formatMoney(chargedCents, currency)} to ${cardBrandName(card.brand)} ending ${card.last4}.`;
}

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
