'use server';
import { redirect } from 'next/navigation';
import { signInStaff } from '@/lib/auth/sign-in';

export type SignInState = { error: string; email: string } | null;

export async function signIn(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = formData.get('email');
  const result = await signInStaff({ email, password: formData.get('password') });
  if (!result.ok) return { error: result.error, email: typeof email === 'string' ? email : '' };
  redirect('/admin');
}
