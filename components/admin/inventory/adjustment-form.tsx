'use client';
import { useActionState } from 'react';
import { recordAdjustment } from '@/app/admin/(console)/inventory/actions';
import { ADJUSTMENT_KINDS, MOVEMENT_KIND_LABELS } from '@/lib/inventory/movement-kinds';

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-sm text-red-800">
      {errors[0]}
    </p>
  );
}

export function AdjustmentForm({ variantId }: { variantId: string }) {
  const [state, action, pending] = useActionState(recordAdjustment, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="variantId" value={variantId} />
      <div className="flex flex-col gap-1">
        <label htmlFor="change" className="text-sm font-medium">
          Change
        </label>
        <p id="change-hint" className="text-xs text-stone-600">
          Units to add (12) or remove (-3).
        </p>
        <input
          id="change"
          name="change"
          type="number"
          step={1}
          required
          aria-invalid={!!errors?.change}
          aria-describedby={errors?.change ? 'change-hint change-error' : 'change-hint'}
          className="w-32 rounded-lg border border-stone-300 px-3 py-2"
        />
        <FieldError id="change-error" errors={errors?.change} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="kind" className="text-sm font-medium">
          Reason
        </label>
        <select id="kind" name="kind" required defaultValue="received" aria-invalid={!!errors?.kind} className="w-64 rounded-lg border border-stone-300 px-3 py-2">
          {ADJUSTMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {MOVEMENT_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <FieldError id="kind-error" errors={errors?.kind} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="note" className="text-sm font-medium">
          Note
        </label>
        <input
          id="note"
          name="note"
          type="text"
          maxLength={200}
          aria-invalid={!!errors?.note}
          aria-describedby={errors?.note ? 'note-error' : undefined}
          className="rounded-lg border border-stone-300 px-3 py-2"
        />
        <FieldError id="note-error" errors={errors?.note} />
      </div>
      <p role="status" className={`min-h-6 text-sm ${state && !state.ok ? 'text-red-800' : 'text-emerald-800'}`}>
        {state ? (state.ok ? state.message : state.error) : ''}
      </p>
      <button type="submit" disabled={pending} className="self-start rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'Recording…' : 'Record adjustment'}
      </button>
    </form>
  );
}
