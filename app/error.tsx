'use client';
import { useEffect } from 'react';
import { ErrorNotice, errorDigest } from '@/components/errors/error-notice';

// Any page that fails to render below the root layout. `retry` fetches the segment again from
// the server (`reset` would only re-render what already failed).
export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return <ErrorNotice onRetry={retry} digest={errorDigest(error)} />;
}
