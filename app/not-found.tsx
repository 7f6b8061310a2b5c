import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="flex flex-col items-start gap-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-stone-700">We could not find that page. It may have moved, or the product is no longer sold.</p>
      <Link href="/products" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
        Browse all products
      </Link>
    </div>
  );
}
