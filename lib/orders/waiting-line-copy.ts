/**
 * What a waiting line's date says, to shoppers (order and confirmation pages) and to staff (the
 * admin's order page and dashboard). A line has two dates: the one promised at placement
 * (order_lines.later_date) and the current one (waiting_queue.expected_date, null when nothing
 * dates it any more).
 */
import type { QueueEntryStatus, ShipmentKind, ShipmentStatus } from '@/db/schema/orders';
import type { LaterKind } from '@/lib/catalog/availability';
import { STATE_LABELS } from '@/lib/catalog/availability-copy';
import { formatCalendarDate } from '@/lib/catalog/dates';
import { shipmentHeading, type CopyOptions } from '@/lib/checkout/plan-copy';
import { CANCELLED, shipmentStatusText } from './status-copy';

/** Ship-by dates read with their weekday ("Tue, Jan 13"), release dates without ("Feb 2"), as everywhere else. */
export function lineDate(kind: LaterKind, date: string, opts: CopyOptions = {}): string {
  return formatCalendarDate(date, { ...opts, withWeekday: kind === 'backorder' });
}

export const NO_DATE_YET = "no date yet; we'll email you when we have one";

/** A line's queue entry, as the shopper's page reads it. */
export interface LineQueueDate {
  status: QueueEntryStatus;
  /** Current date of its waiting units; null: nothing dates them. */
  expectedDate: string | null;
}

export interface PartText {
  /** "Backordered — ships by Tue, Feb 3", "In stock now — preparing to ship, ...". */
  text: string;
  /** "Was Tue, Jan 13: the date changed" when the current date is later than the promise (or gone); otherwise null. */
  change: string | null;
}

/**
 * What the shopper reads for a line's units in one shipment. Units still waiting show the line's
 * current date rather than the shipment's, and say so when it moved past the promise; cancelled
 * units say so and carry no date, whatever the rest of their shipment does; everything else reads
 * as the shipment does.
 */
export function orderPartText(
  shipment: { kind: ShipmentKind; status: ShipmentStatus; expectedDate: string | null },
  line: {
    promisedDate: string | null;
    queue: LineQueueDate | null;
    /** These units (the line's in this shipment) were cancelled: shipment_lines.cancelled_at. */
    partCancelled?: boolean;
  },
  opts: CopyOptions = {},
): PartText {
  // A later part goes with the line's queue entry, so a cancelled entry means cancelled units too.
  const laterCancelled = shipment.kind !== 'now' && line.queue?.status === 'cancelled';
  if (line.partCancelled || laterCancelled || shipment.status === 'cancelled') return { text: CANCELLED, change: null };
  const plain = { text: shipmentStatusText(shipment.kind, shipment.status, shipment.expectedDate, opts), change: null };
  if (shipment.kind === 'now' || shipment.status !== 'planned' || !line.queue) return plain;
  const kind = shipment.kind;
  if (line.queue.status === 'allocated') return { text: 'In stock now — ships with the rest of its shipment', change: null };
  if (line.queue.status !== 'waiting') return plain;
  const current = line.queue.expectedDate;
  const text = current === null ? `${STATE_LABELS[kind]} — ${NO_DATE_YET}` : shipmentStatusText(kind, 'planned', current, opts);
  const promised = line.promisedDate;
  const moved = promised !== null && (current === null || current > promised);
  return { text, change: moved ? `Was ${lineDate(kind, promised, opts)}: the date changed` : null };
}

/**
 * A shipment's heading and status line on the order page. One that still waits on a line with no
 * date has no date either (its stored date is the last one it had), so it says so. A cancelled
 * one will not ship, so it has no date at all.
 */
export function shipmentText(
  shipment: { kind: ShipmentKind; status: ShipmentStatus; expectedDate: string | null },
  undated: boolean,
  opts: CopyOptions = {},
): { heading: string; status: string } {
  if (shipment.status === 'cancelled') return { heading: CANCELLED, status: 'Everything in it was cancelled before it shipped.' };
  if (undated && shipment.kind !== 'now' && shipment.status === 'planned')
    return { heading: 'No date yet', status: `${STATE_LABELS[shipment.kind]} — ${NO_DATE_YET}` };
  return {
    heading: shipmentHeading(shipment.kind, shipment.expectedDate, opts),
    status: shipmentStatusText(shipment.kind, shipment.status, shipment.expectedDate, opts),
  };
}

/** A waiting line's date facts for staff. */
export interface WaitingDateFacts {
  expectedDate: string | null;
  delays: number;
  agreement: 'needed' | 'agreed' | null;
}

/**
 * For staff, where a waiting line's date stands: "Promised Tue, Jan 13", "Now Tue, Feb 3" (or
 * "No date yet") when it moved, how many delays, and whether the shopper's answer is awaited.
 */
export function waitingDateNotes(kind: LaterKind, promisedDate: string | null, facts: WaitingDateFacts, opts: CopyOptions = {}): string[] {
  const notes: string[] = [];
  if (promisedDate) notes.push(`Promised ${lineDate(kind, promisedDate, opts)}`);
  if (facts.expectedDate !== promisedDate) notes.push(facts.expectedDate === null ? 'No date yet' : `Now ${lineDate(kind, facts.expectedDate, opts)}`);
  if (facts.delays > 0) notes.push(facts.delays === 1 ? '1 delay' : `${facts.delays} delays`);
  if (facts.agreement === 'needed') notes.push("Waiting for the shopper's answer");
  if (facts.agreement === 'agreed') notes.push('Agreed to the new date');
  return notes;
}
