'use client';
import { useActionState } from 'react';
import { addStaffMember } from '@/components/admin/staff/actions';
import { FormOutcome, SelectField, SubmitButton, TextField } from '@/components/admin/fields';

const ROLES = [
  { value: 'staff', label: 'Staff' },
  { value: 'owner', label: 'Owner' },
];

export function AddStaffForm() {
  const [state, action, pending] = useActionState(addStaffMember, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex flex-col gap-4">
      <TextField name="email" label="Email" type="email" autoComplete="off" required errors={errors?.email} />
      <TextField name="name" label="Name" required errors={errors?.name} />
      <SelectField name="role" label="Role" defaultValue="staff" options={ROLES} errors={errors?.role} />
      <FormOutcome message={state?.ok ? state.message : ''} error={state && !state.ok ? state.error : ''} />
      <SubmitButton pending={pending} pendingText="Adding…">
        Add staff member
      </SubmitButton>
    </form>
  );
}
