import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, signInDelayMs, SLOW_DOWN_AFTER } from './sign-in-limits';

describe('signInDelayMs', () => {
  it('is zero at first, then grows with failures and stops at a cap (never a lockout)', () => {
    expect(signInDelayMs(0)).toBe(0);
    expect(signInDelayMs(SLOW_DOWN_AFTER)).toBe(0);
    const delays = Array.from({ length: 10 }, (_, i) => signInDelayMs(SLOW_DOWN_AFTER + 1 + i));
    expect(delays[0]).toBeGreaterThan(0);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(Math.max(...delays)).toBe(MAX_DELAY_MS);
    expect(signInDelayMs(10_000)).toBe(MAX_DELAY_MS);
  });
});
