/**
 * The words shoppers read about availability, in one place so the product page, the
 * listing, the cart and emails say the same thing.
 */
import type { Allocation, AvailabilityState, Offer } from './availability';
import { formatCalendarDate } from './dates';

export const STATE_LABELS: Record<AvailabilityState, string> = {
  in_stock: 'In stock',
  backorder: 'Backordered',
  preorder: 'Pre-order',
  sold_out: 'Sold out',
};

export const IN_STOCK_PROMISE = 'ships in 1–2 business days';

interface CopyOptions {
  locale?: string;
  today?: string;
}

export function shipByText(date: string, opts: CopyOptions = {}): string {
  return `ships by ${formatCalendarDate(date, { ...opts, withWeekday: true })}`;
}

export function releasesText(date: string, opts: CopyOptions = {}): string {
  return `releases ${formatCalendarDate(date, opts)}`;
}

/** One line for a variant: "Backordered — ships by Tue, Jan 13". */
export function offerHeadline(offer: Offer, opts: CopyOptions = {}): string {
  switch (offer.state) {
    case 'in_stock':
      return `In stock — ${IN_STOCK_PROMISE}`;
    case 'backorder':
      return `Backordered — ${shipByText(offer.laterDate!, opts)}`;
    case 'preorder':
      return `Pre-order — ${releasesText(offer.laterDate!, opts)}`;
    case 'sold_out':
      return 'Sold out';
  }
}

export function lowStockText(offer: Offer): string | null {
  return offer.lowStock ? `Only ${offer.shipNow} left` : null;
}

/**
 * What a requested quantity means, in a sentence: "3 ship now, 2 ship by Tue, Jan 13".
 * Returns null when the whole request has the offer's headline state (nothing to add).
 */
export function allocationText(allocation: Allocation, opts: CopyOptions = {}): string | null {
  const parts: string[] = [];
  const split = allocation.shipNow > 0 && allocation.later > 0;
  if (split) {
    parts.push(`${allocation.shipNow} ship${allocation.shipNow === 1 ? 's' : ''} now`);
    const verb = allocation.later === 1 ? 'ships' : 'ship';
    parts.push(
      allocation.laterKind === 'preorder'
        ? `${allocation.later} ${releasesText(allocation.laterDate!, opts).replace('releases', 'release')}`
        : `${allocation.later} ${verb} by ${formatCalendarDate(allocation.laterDate!, { ...opts, withWeekday: true })}`,
    );
  }
  if (allocation.unavailable > 0) {
    const available = allocation.requested - allocation.unavailable;
    parts.push(available === 0 ? 'None available' : `Only ${available} available`);
  }
  return parts.length ? parts.join(', ') : null;
}
