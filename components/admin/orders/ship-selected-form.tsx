'use client';
import { useActionState, type ReactNode } from 'react';
import { FormOutcome } from '@/components/admin/fields';
import { shipSelectedAction } from './bulk-ship-actions';

/**
 * Wraps the ready-to-ship list: each row's "Select" checkbox belongs to this form. Shipping runs
 * in the background; the button opens its progress page.
 */
export function ShipSelectedForm({ requestKey, readyCount, children }: { requestKey: string; readyCount: number; children: ReactNode }) {
  const [state, action, pending] = useActionState(shipSelectedAction, null);
  return (
    <form action={action} aria-label="Ship orders" className="flex flex-col gap-3">
      <input type="hidden" name="requestKey" value={requestKey} />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          name="scope"
          value="selected"
          disabled={pending}
          className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
        >
          {pending ? 'Starting…' : 'Ship selected'}
        </button>
        <button
          type="submit"
          name="scope"
          value="all"
          disabled={pending || readyCount === 0}
          className="rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium hover:border-brand-600 disabled:opacity-60"
        >
          Ship all ready ({readyCount.toLocaleString('en-US')})
        </button>
        <span className="text-sm text-stone-600">Each shipment&apos;s card is charged as it ships.</span>
      </div>
      <FormOutcome message="" error={state && !state.ok ? state.error : ''} />
      {children}
    </form>
  );
}
