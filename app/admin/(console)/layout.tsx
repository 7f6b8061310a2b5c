import type { Metadata } from 'next';
import { AdminHeader } from '@/components/admin/admin-header';
import { requireStaffPage } from '@/lib/auth/staff';

export const metadata: Metadata = { title: { default: 'Admin', template: '%s · Admin' }, robots: { index: false } };

// Redirects signed-out visitors for a better experience only; every page, action and route
// handler checks the session itself (lib/auth/staff.ts, lib/auth/staff-action.ts).
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaffPage();
  return (
    <>
      <AdminHeader staff={{ email: staff.email, role: staff.role }} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
    </>
  );
}
