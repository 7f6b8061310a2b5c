'use client';
import { useActionState } from 'react';
import { addStaffMember } from '@/app/admin/(console)/staff/actions';

export function AddStaffForm() {
  const [state, action, pending] = useActionState(addStaffMember, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const field = (name: 'email' | 'name', label: string, type: string) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`staff-${name}`} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={`staff-${name}`}
        name={name}
        type={type}
        required
        aria-invalid={!!errors?.[name]}
        aria-describedby={errors?.[name] ? `staff-${name}-error` : undefined}
        className="rounded-lg border border-stone-300 px-3 py-2"
      />
      {errors?.[name] && (
        <p id={`staff-${name}-error`} className="text-sm text-red-800">
          {errors[name]![0]}
        </p>
      )}
    </div>
  );
  return (
    <form action={action} className="flex flex-col gap-4">
      {field('email', 'Email', 'email')}
      {field('name', 'Name', 'text')}
      <div className="flex flex-col gap-1">
        <label htmlFor="staff-role" className="text-sm font-medium">
          Role
        </label>
        <select id="staff-role" name="role" defaultValue="staff" className="w-40 rounded-lg border border-stone-300 px-3 py-2">
          <option value="staff">Staff</option>
          <option value="owner">Owner</option>
        </select>
      </div>
      <p role="status" className={`min-h-6 text-sm ${state && !state.ok ? 'text-red-800' : 'text-emerald-800'}`}>
        {state ? (state.ok ? state.message : state.error) : ''}
      </p>
      <button type="submit" disabled={pending} className="self-start rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'Adding…' : 'Add staff member'}
      </button>
    </form>
  );
}
