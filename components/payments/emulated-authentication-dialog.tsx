'use client';
import { useEffect, useId, useRef } from 'react';

interface Props {
  pending: boolean;
  error: string | null;
  onFinish: (outcome: 'complete' | 'fail') => void;
}

/**
 * The emulator's stand-in for the bank's 3D Secure challenge: a modal dialog (focus stays in
 * it, Escape closes it) with the two answers a bank can give. Closing it counts as failing,
 * as closing Stripe's own challenge does.
 */
export function EmulatedAuthenticationDialog({ pending, error, onFinish }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onFinish('fail');
      }}
      className="m-auto w-full max-w-md rounded-xl border-2 border-dashed border-amber-600 bg-white p-6 text-stone-900 shadow-xl backdrop:bg-stone-900/60"
    >
      <div className="flex flex-col gap-4">
        <p className="self-start rounded bg-amber-200 px-2 py-0.5 text-xs font-bold tracking-wide text-amber-950 uppercase">Test mode</p>
        <h2 id={titleId} className="text-lg font-semibold">
          Confirm your card with your bank
        </h2>
        <p id={descriptionId} className="text-sm text-stone-700">
          This card asks for 3D Secure authentication. In test mode the Stripe emulator plays the bank: choose how the bank answers.
        </p>
        <div role="alert" className={error ? 'rounded-lg border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900' : undefined}>
          {error && (
            <>
              <span aria-hidden="true">⚠ </span>
              {error}
            </>
          )}
        </div>
        <div className="flex flex-wrap gap-3">
          <button
            type="button"
            autoFocus
            disabled={pending}
            onClick={() => onFinish('complete')}
            className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
          >
            Complete authentication
          </button>
          <button
            type="button"
            disabled={pending}
            onClick={() => onFinish('fail')}
            className="rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium hover:border-red-700 disabled:opacity-60"
          >
            Fail authentication
          </button>
        </div>
        {pending && (
          <p role="status" className="text-sm text-stone-700">
            Waiting for the bank…
          </p>
        )}
      </div>
    </dialog>
  );
}
