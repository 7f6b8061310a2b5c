/**
 * Words for the shipment plan and for what changed, shared by the cart, the checkout, the order
 * pages (and, later, emails). Built on the availability copy so every page says the same thing.
 */
import { formatCalendarDate } from '@/lib/catalog/dates';
import type { LaterKind } from '@/lib/catalog/availability';
import type { QuoteProblem, ShipmentKind, ShownLine } from './quote';

export interface CopyOptions {
  locale?: string;
  today?: string;
}

/** "Ships now", "Ships by Tue, Jan 13", "Releases Feb 2". */
export function shipmentHeading(kind: ShipmentKind, date: string | null, opts: CopyOptions = {}): string {
  if (kind === 'now') return 'Ships now';
  if (kind === 'backorder') return `Ships by ${formatCalendarDate(date!, { ...opts, withWeekday: true })}`;
  return `Releases ${formatCalendarDate(date!, opts)}`;
}

function laterPart(units: number, kind: LaterKind, date: string, opts: CopyOptions): string {
  const one = units === 1;
  return kind === 'preorder'
    ? `${units} release${one ? 's' : ''} ${formatCalendarDate(date, opts)}`
    : `${units} ship${one ? 's' : ''} by ${formatCalendarDate(date, { ...opts, withWeekday: true })}`;
}

/** A line's split in words: "2 ship now", "1 ships now, 1 ships by Tue, Jan 13", "Sold out". */
export function splitText(shown: Pick<ShownLine, 'shipNow' | 'later' | 'laterKind' | 'laterDate'>, quantity: number, opts: CopyOptions = {}): string {
  const parts: string[] = [];
  if (shown.shipNow > 0) parts.push(`${shown.shipNow} ship${shown.shipNow === 1 ? 's' : ''} now`);
  if (shown.later > 0 && shown.laterKind && shown.laterDate) parts.push(laterPart(shown.later, shown.laterKind, shown.laterDate, opts));
  const unavailable = quantity - shown.shipNow - shown.later;
  if (parts.length === 0) return 'Sold out';
  if (unavailable > 0) parts.push(`${unavailable} not available`);
  return parts.join(', ');
}

/** The plain statement about money the checkout, confirmation and order pages make. */
export const CHARGE_STATEMENT = 'Nothing is charged now. Your saved card is charged for each shipment when it ships.';

/** Why a line stops the order, and what to do about it. */
export function problemText(problem: QuoteProblem, title: string): string {
  if (problem.kind === 'unavailable') return `${title} is no longer for sale. Remove it from your cart to continue.`;
  if (problem.kind === 'sold_out') return `${title} is sold out. Remove it from your cart to continue.`;
  return `Only ${problem.available} of ${title} can be ordered now. Lower the quantity to continue.`;
}
