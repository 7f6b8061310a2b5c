'use server';
import { redirect } from 'next/navigation';
import { SIGN_IN_ERROR, signInStaff } from '@/lib/auth/sign-in';
import { failure, type ActionState } from '@/lib/forms/action-result';
import { clientAddress } from '@/lib/security/client-address';

export async function signIn(_prev: ActionState, formData: FormData): Promise<ActionState> {
  if (!(formData instanceof FormData)) return failure(SIGN_IN_ERROR);
  const email = formData.get('email');
  const result = await signInStaff({ email, password: formData.get('password') }, await clientAddress());
  if (!result.ok) return failure(result.error, { values: { email: typeof email === 'string' ? email.slice(0, 254) : '' } });
  redirect('/admin');
}
