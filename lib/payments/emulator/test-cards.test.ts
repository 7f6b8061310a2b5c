import { describe, expect, it } from 'vitest';
import { luhnValid, lookupTestCard, TEST_CARDS, testCardByToken } from './test-cards';
import { deliveryBackoffMs } from './deliveries';
import { isCardExpired } from './payment-methods';

describe('test cards', () => {
  it('are all valid card numbers with unique tokens', () => {
    for (const card of TEST_CARDS) expect(luhnValid(card.number)).toBe(true);
    expect(new Set(TEST_CARDS.map((c) => c.token)).size).toBe(TEST_CARDS.length);
    expect(testCardByToken('pm_card_visa')?.number).toBe('4242424242424242');
  });

  it('accept spaces and dashes as typed', () => {
    expect(lookupTestCard('4242 4242 4242 4242')).toMatchObject({ ok: true, card: { number: '4242424242424242' } });
    expect(lookupTestCard('4000-0027-6000-3184')).toMatchObject({ ok: true, card: { token: 'pm_card_authenticationRequired' } });
  });

  it('give a clear error for any other number', () => {
    expect(lookupTestCard('4242424242424241')).toEqual({
      ok: false,
      failure: { code: 'incorrect_number', declineCode: null, message: 'Your card number is incorrect.' },
    });
    const other = lookupTestCard('5555555555554444');
    expect(other).toMatchObject({ ok: false, failure: { code: 'card_declined', declineCode: 'test_mode_live_card' } });
    expect(!other.ok && other.failure.message).toMatch(/only accepts Stripe test cards/);
    expect(lookupTestCard('hello').ok).toBe(false);
  });

  it('follow the reference table at setup and at an off-session charge', () => {
    const byNumber = Object.fromEntries(TEST_CARDS.map((c) => [c.number, c]));
    expect(byNumber['4000002500003155']).toMatchObject({ setup: 'challenge', offSession: 'succeeds' });
    expect(byNumber['4000002760003184']).toMatchObject({ setup: 'challenge', offSession: { code: 'authentication_required' } });
    expect(byNumber['4000008260003178']).toMatchObject({ setup: 'succeeds', offSession: { code: 'card_declined', declineCode: 'insufficient_funds' } });
    expect(byNumber['4000000000000069']!.setup).toMatchObject({ code: 'expired_card' });
  });
});

describe('card expiry', () => {
  it('a card is valid through the last day of its expiry month (UTC)', () => {
    const now = new Date(Date.UTC(2030, 4, 31, 23, 59)); // 31 May 2030
    expect(isCardExpired(5, 2030, now)).toBe(false);
    expect(isCardExpired(4, 2030, now)).toBe(true);
    expect(isCardExpired(12, 2029, now)).toBe(true);
    expect(isCardExpired(1, 2031, now)).toBe(false);
  });
});

describe('webhook delivery backoff', () => {
  it('doubles from 5 s and stops at an hour', () => {
    expect([1, 2, 3, 4].map(deliveryBackoffMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(deliveryBackoffMs(20)).toBe(3_600_000);
  });
});
