import { AdminHeader } from '@/components/admin/admin-header';

export default function AdminAuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <AdminHeader staff={null} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
    </>
  );
}
