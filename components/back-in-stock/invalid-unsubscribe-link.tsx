import Link from 'next/link';
import { INVALID_UNSUBSCRIBE_LINK } from '@/lib/back-in-stock/copy';

/** An unsubscribe link that names no signup: mistyped, cut short by a mail program, or made up. */
export function InvalidUnsubscribeLink() {
  return (
    <div className="mx-auto flex max-w-2xl flex-col items-start gap-4">
      <h1 className="text-3xl font-semibold tracking-tight">{INVALID_UNSUBSCRIBE_LINK}</h1>
      <p className="text-stone-700">
        The link may be incomplete: some mail programs break long links across lines. Open it again from the email, or copy the whole link into your browser.
      </p>
      <Link href="/products" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
        Browse all products
      </Link>
    </div>
  );
}
