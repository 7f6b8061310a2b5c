import 'server-only';
import { createHash } from 'node:crypto';
import { canonicalQuote, type Quote } from './quote';

/**
 * A short, opaque digest of what the shopper agrees to (lines, split, dates, prices, shipping,
 * total). The checkout page sends it back with "Place order"; the client never sends a price.
 */
export function quoteFingerprint(quote: Quote): string {
  return createHash('sha256').update(canonicalQuote(quote)).digest('base64url');
}
