import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: what the cart cookie holds (and nothing else). */
export function newCartToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the carts table stores for a token: its SHA-256, so a copy of the table opens no cart. */
export function hashCartToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isWellFormedCartToken(value: string | undefined): value is string {
  return !!value && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** The checkout's idempotency key, created with the cart. */
export function newCheckoutKey(): string {
  return `checkout_${randomBytes(24).toString('base64url')}`;
}
