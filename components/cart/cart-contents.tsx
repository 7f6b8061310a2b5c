'use client';
import Image from 'next/image';
import Link from 'next/link';
import { useMemo, useOptimistic, useState } from 'react';
import { changeQuantityAction, removeLineAction, type CartChange } from '@/components/cart/actions';
import type { ActionResult } from '@/lib/forms/action-result';
import { MAX_LINE_QUANTITY } from '@/lib/cart/limits';
import { allocationText, offerHeadline } from '@/lib/catalog/availability-copy';
import { problemText } from '@/lib/checkout/plan-copy';
import { buildQuote, isPlaceable, type QuoteInputLine } from '@/lib/checkout/quote';
import { formatMoney } from '@/lib/money/format';
import { announceCartCount } from './cart-events';
import { MoneyTotals } from '@/components/checkout/money-totals';
import { ShipmentPlan } from './shipment-plan';
import { lineTitle } from '@/lib/catalog/line-title';

type Change = { type: 'quantity'; key: string; quantity: number } | { type: 'remove'; key: string };

function applyChange(lines: QuoteInputLine[], change: Change): QuoteInputLine[] {
  if (change.type === 'remove') return lines.filter((l) => l.key !== change.key);
  return lines.map((l) => (l.key === change.key ? { ...l, quantity: change.quantity } : l));
}

export interface CartContentsProps {
  inputs: QuoteInputLine[];
  images: Record<string, { imagePath: string; imageAlt: string }>;
  /** What changed since the shopper last looked, one sentence per line. */
  changes: string[];
  shippingCents: number;
  today: string;
}

/**
 * The cart: its lines with their availability and split, the shipment plan and the totals.
 * Quantity changes and removals show at once (useOptimistic, with the plan recomputed by the
 * same pure quote the server uses); the server's answer then replaces the optimistic view.
 */
export function CartContents({ inputs, images, changes, shippingCents, today }: CartContentsProps) {
  const [lines, applyOptimistic] = useOptimistic(inputs, applyChange);
  const [status, setStatus] = useState<{ ok: boolean; text: string; key?: string } | null>(null);
  const quote = useMemo(() => buildQuote(lines, { shippingCents }), [lines, shippingCents]);
  const problems = new Map(quote.problems.map((p) => [p.key, p]));
  const money = (cents: number) => formatMoney(cents, quote.currency);

  function report(result: ActionResult<CartChange>, key: string) {
    setStatus({ ok: result.ok, text: result.ok ? result.message : result.error, key });
    if (result.ok) announceCartCount(result.data.count);
  }

  if (lines.length === 0) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status">{status?.ok ? `${status.text} ` : ''}Your cart is empty.</p>
        <Link href="/products" className="self-start font-medium text-brand-700 underline">
          Browse all products
        </Link>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-8">
      {changes.length > 0 && (
        <section aria-labelledby="cart-changes-heading" className="rounded-xl border border-amber-300 bg-amber-50 p-4">
          <h2 id="cart-changes-heading" className="font-semibold">
            Since you last looked
          </h2>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      )}

      <p role="status" aria-live="polite" className={`min-h-6 text-sm ${status && !status.ok ? 'text-red-800' : 'text-emerald-800'}`}>
        {status?.text}
      </p>

      <ul aria-label="Items in your cart" className="flex flex-col divide-y divide-stone-200 border-y border-stone-200">
        {quote.lines.map((line) => {
          const title = lineTitle(line.productTitle, line.variantTitle);
          const image = images[line.key];
          const problem = problems.get(line.key);
          const split = allocationText(line.allocation, { today });
          const quantityId = `quantity-${line.key}`;
          const errorId = `line-error-${line.key}`;
          const lineError = status && !status.ok && status.key === line.key ? status.text : null;
          return (
            <li key={line.key} aria-label={title} className="flex flex-col gap-4 py-5 sm:flex-row">
              {image && (
                <Image
                  src={image.imagePath}
                  alt={image.imageAlt}
                  width={96}
                  height={96}
                  unoptimized
                  className="h-24 w-24 shrink-0 rounded-lg bg-brand-50 object-cover"
                />
              )}
              <div className="flex flex-1 flex-col gap-2">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <Link href={`/products/${line.productSlug}`} className="font-semibold hover:underline">
                    {title}
                  </Link>
                  <span className="font-semibold">{money(line.lineTotalCents)}</span>
                </div>
                <p className="text-sm text-stone-600">{money(line.unitPriceCents)} each</p>
                <p className="text-sm font-medium" data-availability={line.allocation.state}>
                  {line.offer ? offerHeadline(line.offer, { today }) : 'No longer for sale'}
                </p>
                {split && <p className="text-sm">{split}</p>}
                {problem && <p className="text-sm font-medium text-red-800">{problemText(problem, title)}</p>}
                <div className="flex flex-wrap items-end gap-3">
                  <form
                    key={`${line.key}:${line.quantity}`}
                    action={async (formData) => {
                      const quantity = Number(formData.get('quantity'));
                      if (Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_LINE_QUANTITY) {
                        applyOptimistic({ type: 'quantity', key: line.key, quantity });
                      }
                      report(await changeQuantityAction(formData), line.key);
                    }}
                    // The server validates and explains; the browser's own checks would only hide that message.
                    noValidate
                    className="flex items-end gap-2"
                  >
                    <input type="hidden" name="lineId" value={line.key} />
                    <div className="flex flex-col gap-1">
                      <label htmlFor={quantityId} className="text-xs font-medium">
                        Quantity
                      </label>
                      <input
                        id={quantityId}
                        name="quantity"
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={MAX_LINE_QUANTITY}
                        defaultValue={line.quantity}
                        aria-invalid={!!lineError}
                        aria-describedby={lineError ? errorId : undefined}
                        className="w-20 rounded-lg border border-stone-300 px-2 py-1.5"
                      />
                    </div>
                    <button type="submit" className="rounded-lg border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100">
                      Update
                    </button>
                  </form>
                  <form
                    action={async (formData) => {
                      applyOptimistic({ type: 'remove', key: line.key });
                      report(await removeLineAction(formData), line.key);
                    }}
                  >
                    <input type="hidden" name="lineId" value={line.key} />
                    <button type="submit" aria-label={`Remove ${title}`} className="rounded-lg px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50">
                      Remove
                    </button>
                  </form>
                </div>
                {lineError && (
                  <p id={errorId} className="text-sm text-red-800">
                    {lineError}
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ul>

      <ShipmentPlan quote={quote} today={today} />

      <section aria-labelledby="cart-summary-heading" className="flex flex-col gap-3 rounded-xl bg-stone-50 p-4">
        <h2 id="cart-summary-heading" className="text-lg font-semibold">
          Summary
        </h2>
        <MoneyTotals currency={quote.currency} itemsCents={quote.itemsCents} shippingCents={quote.shippingCents} totalCents={quote.totalCents} />
        {isPlaceable(quote) ? (
          <Link href="/checkout" className="self-start rounded-lg bg-brand-700 px-6 py-3 font-semibold text-white hover:bg-brand-900">
            Check out
          </Link>
        ) : (
          <p className="text-sm font-medium text-red-800">Change the items marked above to check out.</p>
        )}
      </section>
    </div>
  );
}
