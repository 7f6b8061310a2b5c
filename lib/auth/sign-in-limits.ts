/**
 * How staff sign-in failures are throttled (lib/auth/sign-in.ts). Per client address and per
 * email from one address, failures refuse; per email from anywhere they only slow down, so
 * guesses from elsewhere never lock the owner out. Pure: no I/O.
 */
export const WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const MAX_FAILURES_PER_EMAIL_AND_ADDRESS = 5;
/** Failures of one email (from anywhere) before its sign-ins are slowed down. */
export const SLOW_DOWN_AFTER = 5;
const FIRST_DELAY_MS = 250;
export const MAX_DELAY_MS = 2000;
/**
 * How long an attempt may wait for its email's earlier attempts (they run one at a time) before it
 * is refused as busy: a few capped delays, so a queue of parallel guesses never hangs a request long.
 */
export const MAX_QUEUE_MS = 10_000;

/** The slow-down before checking a password, from the email's recent failures everywhere. */
export function signInDelayMs(failuresForEmail: number): number {
  const over = failuresForEmail - SLOW_DOWN_AFTER;
  return over <= 0 ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (over - 1));
}
