'use client';
import { useSyncExternalStore } from 'react';

const SERVER_LOCALE = 'en-US';
const subscribe = () => () => {};

/**
 * The shopper's locale. Pages are cached and shared, so the server renders in en-US and the
 * browser re-renders dates in the shopper's own language after hydration.
 */
export function useShopperLocale(): string {
  return useSyncExternalStore(
    subscribe,
    () => navigator.language || SERVER_LOCALE,
    () => SERVER_LOCALE,
  );
}
