import { describe, expect, it } from 'vitest';
import { maskEmail } from './mask-email';

describe('maskEmail', () => {
  it('keeps the first character of the local part and the whole domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j•••@example.com');
    expect(maskEmail('j@example.com')).toBe('j•••@example.com');
  });

  it('hides how long the local part is, and keeps a quoted "@" in the local part hidden', () => {
    expect(maskEmail('a@x.io')).toBe(maskEmail('abcdefgh@x.io'));
    expect(maskEmail('"a@b"@example.com')).toBe('"•••@example.com');
  });

  it('never shows more than a character of something that is not an address', () => {
    expect(maskEmail('')).toBe('•••');
    expect(maskEmail('@example.com')).toBe('•••');
  });

  it('does not split a character made of two UTF-16 units', () => {
    expect(maskEmail('😀x@example.com')).toBe('😀•••@example.com');
  });
});
