'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface AdminLink {
  href: string;
  label: string;
}

/** The admin's sections; the current one is marked for screen readers and sight alike. */
export function AdminNavLinks({ links }: { links: AdminLink[] }) {
  const pathname = usePathname() ?? '';
  const current = (href: string) => (href === '/admin' ? pathname === '/admin' : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label="Admin">
      <ul className="flex flex-wrap gap-x-1 gap-y-1 text-sm font-medium">
        {links.map((l) => (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={current(l.href) ? 'page' : undefined}
              className="block rounded-md px-2.5 py-1.5 text-stone-200 hover:bg-stone-800 hover:text-white aria-[current=page]:bg-stone-700 aria-[current=page]:text-white"
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
