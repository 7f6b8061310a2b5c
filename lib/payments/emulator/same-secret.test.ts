import { describe, expect, it } from 'vitest';
import { sameSecret } from './same-secret';

describe('sameSecret', () => {
  it('tells equal secrets from different ones of any length', () => {
    expect(sameSecret('seti_1_secret_abc', 'seti_1_secret_abc')).toBe(true);
    expect(sameSecret('seti_1_secret_abc', 'seti_1_secret_abd')).toBe(false);
    expect(sameSecret('seti_1_secret_abc', 'seti_1_secret_ab')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
  });
});
