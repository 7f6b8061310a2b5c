'use client';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useEffectEvent, useId } from 'react';
import { restockSignupAction } from '@/components/back-in-stock/actions';
import { NOTIFY_HEADING } from '@/lib/back-in-stock/copy';

/**
 * "Email me when it's back", shown in place of the buy button for a sold-out variant. Render it
 * keyed by the variant id, so another variant starts with an empty form. When the server finds the
 * variant purchasable after all (the cached page was behind), the page is refreshed and onAvailable
 * lets the panel say so once the buy button is back.
 */
export function NotifyForm({ variantId, onAvailable }: { variantId: string; onAvailable?: () => void }) {
  const id = useId();
  const router = useRouter();
  const [state, action, pending] = useActionState(restockSignupAction, null);
  const emailError = state && !state.ok ? state.fieldErrors?.email?.[0] : undefined;
  // Once per answer, whatever the parent passes on each render.
  const announceAvailable = useEffectEvent(() => onAvailable?.());

  useEffect(() => {
    if (!state?.ok || state.data.outcome !== 'available') return;
    announceAvailable();
    router.refresh();
  }, [state, router]);

  // Not a labelled region: its name would contain "Email" and make getByLabel('Email') ambiguous.
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-stone-200 p-4">
      <h2 className="text-lg font-semibold">{NOTIFY_HEADING}</h2>
      <form action={action} className="flex flex-col gap-3">
        <input type="hidden" name="variantId" value={variantId} />
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-email`} className="text-sm font-medium">
            Email
          </label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            defaultValue={state && !state.ok ? state.values?.email : undefined}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? `${id}-error` : undefined}
            className="rounded-lg border border-stone-300 px-3 py-2"
          />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="self-start rounded-lg bg-brand-700 px-6 py-3 font-semibold text-white hover:bg-brand-900 disabled:opacity-60"
        >
          {pending ? 'Signing up…' : 'Notify me'}
        </button>
        <p role="status" aria-live="polite" className="min-h-6 text-sm text-emerald-800">
          {state?.ok ? state.message : ''}
        </p>
        <p id={`${id}-error`} role="alert" className="text-sm text-red-800">
          {state && !state.ok ? state.error : ''}
        </p>
      </form>
    </div>
  );
}
