'use client';
import { useActionState } from 'react';
import { unsubscribeAction } from '@/components/back-in-stock/actions';
import { UNSUBSCRIBED_HEADING, UNSUBSCRIBED_TEXT } from '@/lib/back-in-stock/copy';

/**
 * What an unsubscribe link is about, and the button that acts on it. Opening the page changes
 * nothing (mail scanners open links); only the button's POST unsubscribes.
 */
export function UnsubscribePanel({ token, title, maskedEmail, unsubscribed }: { token: string; title: string; maskedEmail: string; unsubscribed: boolean }) {
  const [state, action, pending] = useActionState(unsubscribeAction, null);
  const done = unsubscribed || state?.ok === true;
  return (
    <div className="flex flex-col gap-4">
      <p className="text-stone-700">
        Restock emails for <strong className="font-semibold text-stone-900">{title}</strong> to {maskedEmail}
      </p>
      <div role="status" aria-live="polite" className="flex flex-col gap-1">
        {done && (
          <>
            <h2 className="text-xl font-semibold">{UNSUBSCRIBED_HEADING}</h2>
            <p>{UNSUBSCRIBED_TEXT}</p>
          </>
        )}
      </div>
      {!done && (
        <form action={action} className="flex flex-col gap-3">
          <input type="hidden" name="token" value={token} />
          <p className="text-stone-700">This stops restock emails to this address for every item it asked about.</p>
          <button
            type="submit"
            disabled={pending}
            className="self-start rounded-lg bg-brand-700 px-6 py-3 font-semibold text-white hover:bg-brand-900 disabled:opacity-60"
          >
            {pending ? 'Unsubscribing…' : 'Unsubscribe'}
          </button>
          <p role="alert" className="text-sm text-red-800">
            {state && !state.ok ? state.error : ''}
          </p>
        </form>
      )}
    </div>
  );
}
