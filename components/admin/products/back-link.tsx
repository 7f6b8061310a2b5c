import Link from 'next/link';

export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="self-start text-sm text-brand-700 hover:underline">
      <span aria-hidden="true">← </span>
      {children}
    </Link>
  );
}
