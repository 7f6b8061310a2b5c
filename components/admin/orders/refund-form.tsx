'use client';
import { startTransition, useActionState, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FormOutcome } from '@/components/admin/fields';
import type { ActionState } from '@/lib/forms/action-result';
import { formatMoney } from '@/lib/money/format';
import { refundShipmentAction } from './refund-actions';

export interface RefundFormLine {
  lineId: string;
  title: string;
  /** Units of the line in this shipment, and of those the ones refunded already. */
  quantity: number;
  refundedQuantity: number;
  /** What the line's units in this shipment came to (the unit price times quantity). */
  amountCents: number;
}

export interface RefundFormProps {
  shipmentId: string;
  sequence: number;
  lines: RefundFormLine[];
  /** What is left to refund of the charge (charged less refunded). */
  leftCents: number;
  /** The shipment's shipping fee, which only a refund of the whole shipment returns. */
  shippingCents: number;
  currency: string;
  /** "Visa ending 4242". */
  card: string;
  /**
   * false once nothing is left to refund: the fields go and the last answer stays (nothing shows
   * when there is none). Keep rendering it in the same place after the action, so that answer is kept.
   */
  available: boolean;
}

type Scope = 'selected' | 'whole';

/**
 * "Refund" on a shipped shipment: units per line ("Refund selected units") or everything left
 * with the shipping fee ("Refund whole shipment"), each behind a second step that says what goes
 * back to which card ("Yes, refund" or "Keep"). The counts are read-only during that step, so
 * what is confirmed is what is sent. The focus follows the steps, as in ConfirmActionForm.
 */
export function RefundForm({ shipmentId, sequence, lines, leftCents, shippingCents, currency, card, available }: RefundFormProps) {
  const money = (cents: number) => formatMoney(cents, currency);
  const [confirming, setConfirming] = useState<{ scope: Scope; question: string } | null>(null);
  const [browserError, setBrowserError] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const [state, dispatch, pending] = useActionState(async (prev: ActionState, formData: FormData) => {
    const result = await refundShipmentAction(prev, formData);
    // Answered either way: back to the first step. After a refund the counts start again from 0
    // (the page comes back with what is left); after a refusal they stay to be corrected.
    setConfirming(null);
    if (result?.ok) formRef.current?.reset();
    return result;
  }, null);
  const ids = useId();
  const headingId = `${ids}-heading`;
  const questionId = `${ids}-question`;
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRefs = useRef<Record<Scope, HTMLButtonElement | null>>({ selected: null, whole: null });
  const outcomeRef = useRef<HTMLDivElement>(null);
  const lastScope = useRef<Scope>('selected');
  const moved = useRef(false);
  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    (confirming ? confirmRef.current : startRefs.current[lastScope.current])?.focus();
  }, [confirming]);

  // Once answered, the focus goes to the field to correct, or else to the answer (the button
  // that had it has gone back to the first step, or away with the fields).
  useEffect(() => {
    if (state === null) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? outcomeRef.current)?.focus();
  }, [state]);

  // A count the browser refused to send: its answer is where the focus goes.
  useEffect(() => {
    if (browserError) outcomeRef.current?.focus();
  }, [browserError]);

  const step = (next: { scope: Scope; question: string } | null) => {
    moved.current = true;
    setConfirming(next);
  };

  function start(scope: Scope) {
    lastScope.current = scope;
    setBrowserError('');
    const form = formRef.current;
    if (!form) return;
    if (scope === 'whole') {
      const shipping = shippingCents > 0 ? ' (its shipping included)' : '';
      step({ scope, question: `Refund everything left on shipment ${sequence}, ${money(leftCents)}${shipping}, to ${card}? The shopper is emailed.` });
      return;
    }
    // The fields' own limits (whole numbers, 0 up to what is left) first, in the browser's words.
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const chosen = lines.map((l) => ({ line: l, units: Number(String(data.get(`refund.${l.lineId}`) ?? '').trim() || '0') })).filter((c) => c.units > 0);
    if (chosen.length === 0) {
      setBrowserError('Enter how many units to refund.');
      return;
    }
    const cents = chosen.reduce((n, c) => n + (c.line.amountCents / c.line.quantity) * c.units, 0);
    const what = chosen.map((c) => `${c.units} × ${c.line.title}`).join(', ');
    step({ scope, question: `Refund ${money(cents)} for ${what} to ${card}? The shopper is emailed.` });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Not the browser's own submission: React would reset the form after it, losing the counts of a refused refund.
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  }

  const message = state?.ok ? state.message : '';
  const error = browserError || (state && !state.ok ? state.error : '');
  if (!available && !message && !error) return null;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2 border-t border-stone-200 pt-3">
      <h4 id={headingId} className="text-sm font-semibold">
        Refund
      </h4>
      <form ref={formRef} action={dispatch} onSubmit={onSubmit} className="flex flex-col gap-3">
        <input type="hidden" name="shipmentId" value={shipmentId} />
        <input type="hidden" name="scope" value={confirming?.scope ?? 'selected'} />
        {available && (
          <>
            <ul className="flex flex-col gap-2 text-sm">
              {lines.map((l) => {
                const left = l.quantity - l.refundedQuantity;
                const inputId = `${ids}-${l.lineId}`;
                const name = `refund.${l.lineId}`;
                const errors = fieldErrors[name];
                return (
                  <li key={l.lineId} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
                    <span className="min-w-0 break-words">
                      {l.title}
                      <span className="block text-stone-600">
                        {l.refundedQuantity > 0 ? `${l.refundedQuantity} of ${l.quantity} refunded` : `${l.quantity} shipped`}
                      </span>
                    </span>
                    {left > 0 ? (
                      <span className="flex flex-col gap-1">
                        <label htmlFor={inputId} className="font-medium">
                          Units to refund<span className="sr-only"> of {l.title}</span>
                        </label>
                        <input
                          id={inputId}
                          name={name}
                          type="number"
                          inputMode="numeric"
                          min={0}
                          max={left}
                          step={1}
                          defaultValue={0}
                          readOnly={confirming !== null}
                          aria-describedby={`${inputId}-hint${errors ? ` ${inputId}-error` : ''}`}
                          aria-invalid={errors ? true : undefined}
                          className="w-24 rounded-lg border border-stone-300 bg-white px-3 py-1.5 tabular-nums read-only:bg-stone-100 aria-invalid:border-red-700 aria-invalid:ring-1 aria-invalid:ring-red-700"
                        />
                        <span id={`${inputId}-hint`} className="text-stone-600">
                          Up to {left}
                        </span>
                        {errors && (
                          <span id={`${inputId}-error`} className="font-medium text-red-800">
                            {errors.join(' ')}
                          </span>
                        )}
                      </span>
                    ) : (
                      <span className="text-stone-600">All refunded</span>
                    )}
                  </li>
                );
              })}
            </ul>
            {confirming ? (
              <div className="flex flex-col gap-3 rounded-xl border border-red-200 bg-red-50 p-4">
                <p id={questionId} className="text-sm font-medium text-red-900">
                  {confirming.question}
                </p>
                <div className="flex flex-wrap gap-3">
                  <button
                    ref={confirmRef}
                    type="submit"
                    disabled={pending}
                    aria-describedby={questionId}
                    className="rounded-lg bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 disabled:opacity-60"
                  >
                    {pending ? 'Refunding…' : 'Yes, refund'}
                  </button>
                  <button
                    type="button"
                    disabled={pending}
                    onClick={() => step(null)}
                    className="rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium hover:border-brand-600"
                  >
                    Keep
                  </button>
                </div>
              </div>
            ) : (
              <div className="flex flex-wrap gap-3">
                <button
                  ref={(el) => {
                    startRefs.current.selected = el;
                  }}
                  type="button"
                  onClick={() => start('selected')}
                  className="rounded-lg border border-red-700 bg-white px-4 py-2 font-medium whitespace-nowrap text-red-800 hover:bg-red-50"
                >
                  Refund selected units
                </button>
                <button
                  ref={(el) => {
                    startRefs.current.whole = el;
                  }}
                  type="button"
                  onClick={() => start('whole')}
                  className="rounded-lg border border-red-700 bg-white px-4 py-2 font-medium whitespace-nowrap text-red-800 hover:bg-red-50"
                >
                  Refund whole shipment
                </button>
              </div>
            )}
          </>
        )}
        <div ref={outcomeRef} tabIndex={-1} className="outline-none">
          <FormOutcome message={message} error={error} />
        </div>
      </form>
    </section>
  );
}
