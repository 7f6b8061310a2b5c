'use client';
import { useActionState, useEffect, useRef, useState } from 'react';
import { FormOutcome } from '@/components/admin/fields';
import { cancelPurchaseOrderAction } from './actions';

/**
 * "Cancel purchase order", then a second step to confirm it ("Yes, cancel it" or "Keep it"), in
 * the page rather than a browser dialog, so it works from the keyboard and with screen readers.
 */
export function CancelForm({ number, open }: { number: number; open: number }) {
  const [state, action, pending] = useActionState(cancelPurchaseOrderAction, null);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);

  // The focus follows the step: onto "Yes, cancel it" when it appears, back to the first button after "Keep it".
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    (confirming ? confirmRef : startRef).current?.focus();
  }, [confirming]);

  const step = (next: boolean) => {
    moved.current = true;
    setConfirming(next);
  };

  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="number" value={number} />
      {confirming ? (
        <div className="flex flex-col gap-3 rounded-xl border border-red-200 bg-red-50 p-4">
          <p id="po-cancel-question" className="text-sm font-medium text-red-900">
            Cancel purchase order {number}? Its {open.toLocaleString('en-US')} open {open === 1 ? 'unit is' : 'units are'} no longer expected; what was received
            stays in stock.
          </p>
          <div className="flex flex-wrap gap-3">
            <button
              ref={confirmRef}
              type="submit"
              disabled={pending}
              aria-describedby="po-cancel-question"
              className="rounded-lg bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 disabled:opacity-60"
            >
              {pending ? 'Cancelling…' : 'Yes, cancel it'}
            </button>
            <button
              type="button"
              onClick={() => step(false)}
              className="rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium hover:border-brand-600"
            >
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={startRef}
          type="button"
          onClick={() => step(true)}
          className="self-start rounded-lg border border-red-700 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50"
        >
          Cancel purchase order
        </button>
      )}
      <FormOutcome message={state?.ok ? state.message : ''} error={state && !state.ok ? state.error : ''} />
    </form>
  );
}
