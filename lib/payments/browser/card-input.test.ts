import { describe, expect, it } from 'vitest';
import { cardBrandName, describeCard } from './card-display';
import { parseExpiry, readCardFields } from './card-input';
import { TEST_CARD_HINTS } from './test-cards';
import { TEST_CARDS } from '../emulator/test-cards';

describe('parseExpiry', () => {
  it('reads the ways people type an expiry', () => {
    for (const typed of ['12/34', '12 / 34', '1234', '12-34', '12/2034', ' 12 /2034 '])
      expect(parseExpiry(typed), typed).toEqual({ expMonth: 12, expYear: 2034 });
    expect(parseExpiry('1/30')).toEqual({ expMonth: 1, expYear: 2030 });
  });

  it('refuses what is not a month and a year', () => {
    for (const typed of ['', '13/30', '00/30', '12', '12/3', 'ab/cd', '12/345']) expect(parseExpiry(typed), typed).toBeNull();
  });
});

describe('readCardFields', () => {
  it('sends digits only', () => {
    expect(readCardFields({ number: '4242 4242 4242 4242', expiry: '12 / 34', cvc: '123' })).toEqual({
      ok: true,
      card: { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' },
    });
  });

  it('names each field that cannot be sent', () => {
    expect(readCardFields({ number: '', expiry: '', cvc: '' })).toEqual({
      ok: false,
      errors: { number: 'Enter the card number.', expiry: 'Enter the expiry date.', cvc: 'Enter the CVC.' },
    });
    const bad = readCardFields({ number: '4242 abcd', expiry: '99/99', cvc: '12' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && Object.keys(bad.errors)).toEqual(['number', 'expiry', 'cvc']);
  });
});

describe('test card hint', () => {
  it('lists every card the emulator knows, from its one table', () => {
    expect(TEST_CARD_HINTS.map((c) => c.number.replace(/ /g, ''))).toEqual(TEST_CARDS.map((c) => c.number));
    expect(TEST_CARD_HINTS[0]).toEqual({ number: '4242 4242 4242 4242', label: 'Succeeds' });
  });
});

describe('card display', () => {
  it('names brands and expiry like people write them', () => {
    expect(describeCard({ brand: 'visa', last4: '4242', expMonth: 3, expYear: 2031 })).toBe('Visa ending 4242, expires 03/2031');
    expect(cardBrandName('amex')).toBe('American Express');
    expect(cardBrandName('newbrand')).toBe('Newbrand');
  });
});
