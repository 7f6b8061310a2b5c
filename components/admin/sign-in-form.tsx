'use client';
import { useActionState } from 'react';
import { signIn } from '@/components/admin/auth/sign-in-actions';

export function SignInForm() {
  const [state, action, pending] = useActionState(signIn, null);
  return (
    <form action={action} className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <label htmlFor="email" className="text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state && !state.ok ? state.values?.email : undefined}
          className="rounded-lg border border-stone-300 px-3 py-2"
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="password" className="text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="rounded-lg border border-stone-300 px-3 py-2"
        />
      </div>
      <p role="alert" className="min-h-6 text-sm text-red-800">
        {state && !state.ok ? state.error : ''}
      </p>
      <button type="submit" disabled={pending} className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
