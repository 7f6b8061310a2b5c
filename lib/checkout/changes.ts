/**
 * What changed between what the shopper was shown for each cart line and what is true now:
 * price, availability (state or split) and date. Pure; the cart and the checkout show the
 * messages, and order placement refuses to go ahead while there are any.
 */
import { formatMoney } from '@/lib/money/format';
import { formatCalendarDate } from '@/lib/catalog/dates';
import { splitText, type CopyOptions } from './plan-copy';
import { shownLineOf, type Quote, type QuoteLine, type ShownLine } from './quote';
import { lineTitle } from '@/lib/catalog/line-title';

export type ChangeKind = 'price' | 'availability' | 'date';

export interface QuoteChange {
  key: string;
  title: string;
  kinds: ChangeKind[];
  before: ShownLine;
  after: ShownLine;
  /** One sentence for the shopper. */
  message: string;
}

function sameSplit(a: ShownLine, b: ShownLine): boolean {
  return a.state === b.state && a.shipNow === b.shipNow && a.later === b.later && a.laterKind === b.laterKind;
}

export function lineChange(before: ShownLine, line: QuoteLine, opts: CopyOptions = {}): QuoteChange | null {
  const after = shownLineOf(line);
  const kinds: ChangeKind[] = [];
  const parts: string[] = [];
  const title = lineTitle(line.productTitle, line.variantTitle);

  if (before.unitPriceCents !== after.unitPriceCents) {
    kinds.push('price');
    parts.push(
      `the price changed from ${formatMoney(before.unitPriceCents, line.currency, opts.locale)} to ${formatMoney(after.unitPriceCents, line.currency, opts.locale)}`,
    );
  }
  if (!sameSplit(before, after)) {
    kinds.push('availability');
    parts.push(`was “${splitText(before, line.quantity, opts)}”, now “${splitText(after, line.quantity, opts)}”`);
  } else if (before.laterDate !== after.laterDate) {
    kinds.push('date');
    const format = (d: string) => formatCalendarDate(d, { ...opts, withWeekday: after.laterKind === 'backorder' });
    const verb = after.laterKind === 'preorder' ? 'releases' : 'ships by';
    parts.push(`now ${verb} ${format(after.laterDate!)} (was ${format(before.laterDate!)})`);
  }
  if (kinds.length === 0) return null;
  return { key: line.key, title, kinds, before, after, message: `${title}: ${parts.join('; ')}.` };
}

/** Every line whose current plan or price differs from what was shown; lines never shown are skipped. */
export function quoteChanges(shown: ReadonlyMap<string, ShownLine>, quote: Quote, opts: CopyOptions = {}): QuoteChange[] {
  const changes: QuoteChange[] = [];
  for (const line of quote.lines) {
    const before = shown.get(line.key);
    if (!before) continue;
    const change = lineChange(before, line, opts);
    if (change) changes.push(change);
  }
  return changes;
}
