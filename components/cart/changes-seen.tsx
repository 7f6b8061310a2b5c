'use client';
import { useEffect } from 'react';
import { markCartSeenAction } from './actions';

/**
 * Rendered next to "Since you last looked": once the notice is on screen, tells the server the
 * shopper has seen it, so the next view does not say it again. A page render itself never writes.
 */
export function ChangesSeen({ fingerprint }: { fingerprint: string }) {
  useEffect(() => {
    void markCartSeenAction(fingerprint);
  }, [fingerprint]);
  return null;
}
