'use client';
import { useEffect } from 'react';
import { ErrorNotice, errorDigest } from '@/components/errors/error-notice';
import { STORE_NAME } from '@/lib/site';
import './globals.css';

// The root layout itself failed: this replaces it, so it brings its own document and styles.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-white font-sans text-stone-900 antialiased">
        <title>{`Something went wrong · ${STORE_NAME}`}</title>
        <ErrorNotice onRetry={retry} digest={errorDigest(error)} />
      </body>
    </html>
  );
}
