import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether two secrets (API keys, client secrets) are equal, in time that does not depend on
 * where they differ: both are hashed first, so their lengths do not leak either.
 */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}
