import { STORE_NAME } from '@/lib/site';

/** The digest Next.js gives a server error: the reference that finds it in the server's logs. */
export function errorDigest(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('digest' in error)) return null;
  const { digest } = error as { digest: unknown };
  return typeof digest === 'string' && /^[\w-]{1,64}$/.test(digest) ? digest : null;
}

/**
 * What a shopper or staff member sees when a page fails: what happened in plain words, a way to
 * try again and a way home. No error details: in production they are not sent to the browser.
 */
export function ErrorNotice({ onRetry, digest }: { onRetry: () => void; digest: string | null }) {
  return (
    <main id="main" className="mx-auto flex w-full max-w-2xl flex-1 flex-col items-start gap-4 px-4 py-12 sm:px-6">
      {/* Full page loads, not client navigations: whatever broke (even the router) is loaded afresh. */}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
      <a href="/" className="text-xl font-semibold tracking-tight text-brand-900">
        {STORE_NAME}
      </a>
      <div role="alert" className="flex flex-col gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">Something went wrong</h1>
        <p className="text-stone-700">
          This page could not be shown because of a problem on our side, not anything you did. Try again in a moment; if it keeps happening, come back a little
          later.
        </p>
        {digest && <p className="text-sm text-stone-600">Reference for support: {digest}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <button type="button" onClick={() => onRetry()} className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
          Try again
        </button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/" className="font-medium text-brand-700 hover:underline">
          Go to the home page
        </a>
      </div>
    </main>
  );
}
