import Link from 'next/link';
import { signOut } from '@/components/admin/auth/sign-out-actions';
import { STORE_NAME } from '@/lib/site';
import { AdminNavLinks, type AdminLink } from './admin-nav-links';

const LINKS: (AdminLink & { ownerOnly?: boolean })[] = [
  { href: '/admin', label: 'Dashboard' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/products', label: 'Products' },
  { href: '/admin/inventory', label: 'Inventory' },
  { href: '/admin/purchase-orders', label: 'Purchase orders' },
  { href: '/admin/payments', label: 'Payments' },
  { href: '/admin/emails', label: 'Emails' },
  { href: '/admin/staff', label: 'Staff', ownerOnly: true },
];

/**
 * The admin's own header (the shop's never shows under /admin): the store's name, the admin's
 * sections, who is signed in with a way out, and the way back to the storefront. Signed out
 * (the sign-in page) it shows only the name and "View store".
 */
export function AdminHeader({ staff }: { staff: { email: string; role: string } | null }) {
  return (
    <header className="border-b border-stone-800 bg-stone-900 text-white [&_:focus-visible]:outline-white">
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-2 px-4 py-3 sm:px-6">
        <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
          <Link href={staff ? '/admin' : '/admin/sign-in'} className="text-lg font-semibold tracking-tight">
            {STORE_NAME} <span className="font-normal text-stone-300">Admin</span>
          </Link>
          <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-2 text-sm">
            <Link href="/" className="text-stone-200 underline-offset-2 hover:text-white hover:underline">
              View store
            </Link>
            {staff && (
              <>
                <span className="min-w-0 break-all text-stone-200">
                  {staff.email} <span className="text-stone-400">({staff.role})</span>
                </span>
                <form action={signOut}>
                  <button type="submit" className="rounded-lg border border-stone-600 px-3 py-1.5 font-medium hover:border-stone-300 hover:bg-stone-800">
                    Sign out
                  </button>
                </form>
              </>
            )}
          </div>
        </div>
        {staff && <AdminNavLinks links={LINKS.filter((l) => !l.ownerOnly || staff.role === 'owner').map(({ href, label }) => ({ href, label }))} />}
      </div>
    </header>
  );
}
