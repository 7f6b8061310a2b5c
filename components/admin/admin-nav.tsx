import Link from 'next/link';
import { signOut } from '@/components/admin/auth/sign-out-actions';

const LINKS = [
  { href: '/admin', label: 'Dashboard' },
  { href: '/admin/products', label: 'Products' },
  { href: '/admin/inventory', label: 'Inventory' },
  { href: '/admin/payments', label: 'Payments' },
  { href: '/admin/staff', label: 'Staff', ownerOnly: true },
];

export function AdminNav({ email, role }: { email: string; role: string }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-4 rounded-xl border border-stone-200 bg-stone-50 px-4 py-3">
      <nav aria-label="Admin">
        <ul className="flex flex-wrap gap-4 text-sm font-medium">
          {LINKS.filter((l) => !('ownerOnly' in l) || role === 'owner').map((l) => (
            <li key={l.href}>
              <Link href={l.href} className="hover:text-brand-700 hover:underline">
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="flex items-center gap-3 text-sm">
        <span>
          {email} <span className="text-stone-600">({role})</span>
        </span>
        <form action={signOut}>
          <button type="submit" className="rounded-lg border border-stone-300 bg-white px-3 py-1.5 font-medium hover:border-brand-600">
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
}
