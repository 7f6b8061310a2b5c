'use client';
import { useActionState, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { FormOutcome } from '@/components/admin/fields';
import type { ActionState } from '@/lib/forms/action-result';

export interface ConfirmActionFormProps {
  /** A server action answering with an ActionState (or redirecting). */
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  /** Hidden fields posted with the confirmation. */
  fields: Record<string, string | number>;
  /** The first button: "Cancel purchase order". */
  startLabel: string;
  /** An id whose text tells the first button apart from others of the same name (a table row's header). */
  startDescribedBy?: string;
  /** What the second step asks: "Cancel purchase order 12? …". */
  question: ReactNode;
  /** "Yes, cancel it". */
  confirmLabel: string;
  /** What the confirm button says while the action runs. */
  pendingLabel: string;
  /** "Keep it": back to the first step. */
  keepLabel: string;
  /**
   * false once there is nothing left to do: the buttons go, and the last answer stays (nothing
   * shows when there is none). Keep rendering the form in the same place when the action makes it
   * unavailable, so that answer is kept.
   */
  available?: boolean;
  className?: string;
}

/**
 * A destructive action behind a second step ("Cancel …", then "Yes, cancel …" or "Keep …"), in the
 * page rather than a browser dialog, so it works from the keyboard and with screen readers. The
 * focus follows the step: onto the confirm button when it appears, back to the first button after
 * "Keep …", and onto the answer once the action has answered (the button that had it may be gone).
 */
export function ConfirmActionForm({
  action,
  fields,
  startLabel,
  startDescribedBy,
  question,
  confirmLabel,
  pendingLabel,
  keepLabel,
  available = true,
  className = '',
}: ConfirmActionFormProps) {
  const [confirming, setConfirming] = useState(false);
  // A success ends the second step (set inside the action, so it lands with the answer).
  const [state, formAction, pending] = useActionState(async (prev: ActionState, formData: FormData) => {
    const result = await action(prev, formData);
    if (result?.ok) setConfirming(false);
    return result;
  }, null);
  const questionId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    (confirming ? confirmRef : startRef).current?.focus();
  }, [confirming]);

  // Once answered, the focus goes to the message; after a refusal it stays on "Yes, …" to try
  // again, unless that button has gone with the page's update.
  useEffect(() => {
    if (state === null) return;
    (state.ok ? outcomeRef.current : (confirmRef.current ?? outcomeRef.current))?.focus();
  }, [state]);

  const step = (next: boolean) => {
    moved.current = true;
    setConfirming(next);
  };

  // Nothing to do and nothing to say (a page loaded after the work was done). The component stays
  // mounted while its parent keeps it, so an answer that arrives with the page's update is kept.
  if (!available && state === null) return null;
  return (
    <form action={formAction} className={`flex flex-col gap-3 ${className}`}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {available &&
        (confirming ? (
          <div className="flex flex-col gap-3 rounded-xl border border-red-200 bg-red-50 p-4">
            <p id={questionId} className="text-sm font-medium text-red-900">
              {question}
            </p>
            <div className="flex flex-wrap gap-3">
              <button
                ref={confirmRef}
                type="submit"
                disabled={pending}
                aria-describedby={questionId}
                className="rounded-lg bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 disabled:opacity-60"
              >
                {pending ? pendingLabel : confirmLabel}
              </button>
              <button
                type="button"
                onClick={() => step(false)}
                className="rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium hover:border-brand-600"
              >
                {keepLabel}
              </button>
            </div>
          </div>
        ) : (
          <button
            ref={startRef}
            type="button"
            onClick={() => step(true)}
            aria-describedby={startDescribedBy}
            className="self-start rounded-lg border border-red-700 bg-white px-4 py-2 font-medium whitespace-nowrap text-red-800 hover:bg-red-50"
          >
            {startLabel}
          </button>
        ))}
      <div ref={outcomeRef} tabIndex={-1} className="outline-none">
        <FormOutcome message={state?.ok ? state.message : ''} error={state && !state.ok ? state.error : ''} />
      </div>
    </form>
  );
}
