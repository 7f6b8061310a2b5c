'use client';
import { useEffect } from 'react';

// A save that never reached the server (a dropped connection, an upload over the request size
// limit) or a page that failed to load. Nothing half-saved: every change is one transaction.
export default function ProductsError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="flex max-w-2xl flex-col gap-3 rounded-xl border border-red-200 bg-red-50 p-4">
      <h1 className="text-xl font-semibold">That did not work</h1>
      <p className="text-stone-800">
        The page could not be loaded, or the form could not be sent. Nothing was changed. If you were uploading an image, make sure it is under 2 MB, then try
        again.
      </p>
      <button type="button" onClick={() => retry()} className="self-start rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
        Try again
      </button>
    </div>
  );
}
