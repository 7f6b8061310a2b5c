import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/admin/sign-in-form';
import { currentStaff } from '@/lib/auth/staff';

export const metadata: Metadata = { title: 'Staff sign-in', robots: { index: false } };

export default async function SignInPage() {
  if (await currentStaff()) redirect('/admin');
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-6 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Staff sign-in</h1>
      <SignInForm />
    </div>
  );
}
