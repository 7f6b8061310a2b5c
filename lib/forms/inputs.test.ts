import { describe, expect, it } from 'vitest';
import { wholeNumberInput } from './inputs';

const change = wholeNumberInput({ min: -10, max: 10, message: 'Whole number.', tooLarge: 'Too many.', tooSmall: 'Too few.', notZero: 'Not zero.' });
const messageFor = (value: unknown) => {
  const parsed = change.safeParse(value);
  return parsed.success ? parsed.data : parsed.error.issues[0]!.message;
};

describe('wholeNumberInput', () => {
  it('takes plain whole numbers, typed or passed', () => {
    expect(messageFor('7')).toBe(7);
    expect(messageFor(' -3 ')).toBe(-3);
    expect(messageFor(10)).toBe(10);
  });

  it('says which way a number is out of range, however long it is', () => {
    expect(messageFor('11')).toBe('Too many.');
    expect(messageFor('-11')).toBe('Too few.');
    expect(messageFor('9223372036854775808')).toBe('Too many.');
    expect(messageFor('-9223372036854775808')).toBe('Too few.');
    expect(messageFor(-1e21)).toBe('Whole number.');
  });

  it('refuses what is not a plain whole number instead of coercing it', () => {
    for (const value of ['1e3', '0x10', '1.5', '', 'NaN', 'Infinity', NaN, Infinity, 1.5, null, [], {}])
      expect(messageFor(value), String(value)).toBe('Whole number.');
    expect(messageFor('0')).toBe('Not zero.');
  });
});
