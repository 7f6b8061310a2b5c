'use server';
import { redirect } from 'next/navigation';
import { signOutStaff } from '@/lib/auth/sign-in';

export async function signOut(): Promise<void> {
  await signOutStaff().catch(() => {});
  redirect('/admin/sign-in');
}
