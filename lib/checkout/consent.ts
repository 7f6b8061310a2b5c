/**
 * The consent a shopper gives when some units ship later. The words name the dates, so the
 * stored text is a record of exactly what was agreed; they are built from the same quote the
 * order is placed from (the quote fingerprint guarantees it is the one the shopper saw).
 */
import { shipmentHeading, type CopyOptions } from './plan-copy';
import type { Quote } from './quote';

export function consentText(quote: Quote, opts: CopyOptions = {}): string | null {
  const later = quote.shipments.filter((s) => s.kind !== 'now');
  if (later.length === 0) return null;
  const dates = later.map((s) => shipmentHeading(s.kind, s.date, opts)).join('; ');
  // "Part of" only when some of it ships now: the words are a record and must be true.
  const what = later.length === quote.shipments.length ? 'my order ships later' : 'part of my order ships later';
  return `I agree that ${what} (${dates}) and that my saved card is charged for each shipment when it ships.`;
}
