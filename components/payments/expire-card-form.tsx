'use client';
import { useActionState } from 'react';
import { expireCardAction } from '@/components/admin/payments/expire-card-actions';

/**
 * The emulator's expired-card control for one saved card (a row of the admin's saved cards).
 * Stays mounted once the card has expired, so its message outlives the button.
 */
export function ExpireCardForm({ paymentMethodId, cardName, expired }: { paymentMethodId: string; cardName: string; expired: boolean }) {
  const [state, action, pending] = useActionState(expireCardAction, null);
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="paymentMethodId" value={paymentMethodId} />
      {!expired && (
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg border border-stone-400 bg-white px-3 py-1 text-sm font-medium hover:border-red-700 disabled:opacity-60"
        >
          {pending ? 'Expiring…' : 'Make expire'}
          <span className="sr-only"> {cardName}</span>
        </button>
      )}
      <p role="status" className={`text-xs ${state && !state.ok ? 'text-red-800' : 'text-emerald-800'}`}>
        {state ? (state.ok ? state.message : `Not expired: ${state.error}`) : ''}
      </p>
    </form>
  );
}
