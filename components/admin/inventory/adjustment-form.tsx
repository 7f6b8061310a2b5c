'use client';
import { useActionState } from 'react';
import { recordAdjustment } from '@/components/admin/inventory/actions';
import { FormOutcome, SelectField, SubmitButton, TextField } from '@/components/admin/fields';
import { ADJUSTMENT_KINDS, MOVEMENT_KIND_LABELS } from '@/lib/inventory/movement-kinds';

const REASONS = ADJUSTMENT_KINDS.map((k) => ({ value: k, label: MOVEMENT_KIND_LABELS[k] }));

export function AdjustmentForm({ variantId }: { variantId: string }) {
  const [state, action, pending] = useActionState(recordAdjustment, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="variantId" value={variantId} />
      <TextField
        name="change"
        label="Change"
        type="number"
        inputMode="numeric"
        required
        hint="Units to add (12) or remove (-3)."
        errors={errors?.change}
        className="w-40"
      />
      <SelectField name="kind" label="Reason" defaultValue="received" options={REASONS} errors={errors?.kind} />
      <TextField name="note" label="Note" errors={errors?.note} />
      <FormOutcome message={state?.ok ? state.message : ''} error={state && !state.ok ? state.error : ''} />
      <SubmitButton pending={pending} pendingText="Recording…">
        Record adjustment
      </SubmitButton>
    </form>
  );
}
