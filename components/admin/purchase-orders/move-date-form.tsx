'use client';
import { FormOutcome, SubmitButton, TextField } from '@/components/admin/fields';
import { useActionForm } from '@/components/admin/products/use-action-form';
import { moveExpectedDateAction } from './actions';

/** Moves the date the supplier now gives; product pages and waiting orders take their dates from it. */
export function MoveDateForm({ number, expectedDate }: { number: number; expectedDate: string }) {
  const { formRef, onSubmit, formAction, pending, fieldErrors, error, message } = useActionForm(moveExpectedDateAction);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="number" value={number} />
      {/* Keyed by the saved date: after a move the field starts from the new one. */}
      <div key={expectedDate}>
        <TextField
          name="expectedDate"
          label="Expected arrival"
          type="date"
          required
          defaultValue={expectedDate}
          errors={fieldErrors.expectedDate}
          className="w-48"
        />
      </div>
      <FormOutcome message={message} error={error} />
      <SubmitButton pending={pending} pendingText="Moving…">
        Move date
      </SubmitButton>
    </form>
  );
}
