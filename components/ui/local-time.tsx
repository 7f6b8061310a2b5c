'use client';
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * A timestamp (stored in UTC) shown in the viewer's own locale and time zone. The server
 * renders UTC; the browser replaces it after hydration.
 */
export function LocalTime({ iso }: { iso: string }) {
  const text = useSyncExternalStore(
    subscribe,
    () => new Intl.DateTimeFormat(navigator.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    () => `${new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} UTC`,
  );
  return <time dateTime={iso}>{text}</time>;
}
