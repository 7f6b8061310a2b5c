/**
 * Stripe's test cards that the emulator knows, with the behaviour Stripe documents for them at
 * SetupIntent confirmation and at a later off-session charge (see
 * shared/reference/stripe-charge-later.md). Every other number is refused with a clear error.
 */

export type CardFailureCode =
  | 'card_declined'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'authentication_required'
  | 'incorrect_number'
  | 'invalid_expiry_month'
  | 'invalid_expiry_year'
  | 'invalid_cvc';

export interface CardFailure {
  code: CardFailureCode;
  declineCode: string | null;
  message: string;
}

export type SetupOutcome = 'succeeds' | 'challenge' | CardFailure;
export type ChargeOutcome = 'succeeds' | CardFailure;

export interface TestCard {
  number: string;
  /** The PaymentMethod id Stripe accepts in test mode in place of card details. */
  token: string;
  brand: 'visa';
  country: string;
  label: string;
  /** At SetupIntent confirmation. */
  setup: SetupOutcome;
  /** A later charge with off_session=true. */
  offSession: ChargeOutcome;
  /**
   * A charge with the shopper present (bringing them back after authentication_required):
   * cards that ask for 3DS challenge first, then settle with `afterChallenge`.
   */
  onSession: 'challenge' | ChargeOutcome;
  afterChallenge: ChargeOutcome;
}

const declined = (declineCode: string, message: string): CardFailure => ({ code: 'card_declined', declineCode, message });
const GENERIC_DECLINE = declined('generic_decline', 'Your card was declined.');
const INSUFFICIENT_FUNDS = declined('insufficient_funds', 'Your card has insufficient funds.');
const EXPIRED: CardFailure = { code: 'expired_card', declineCode: 'expired_card', message: 'Your card has expired.' };
const INCORRECT_CVC: CardFailure = { code: 'incorrect_cvc', declineCode: 'incorrect_cvc', message: "Your card's security code is incorrect." };
export const AUTHENTICATION_REQUIRED: CardFailure = {
  code: 'authentication_required',
  declineCode: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
};

export const TEST_CARDS: readonly TestCard[] = [
  {
    number: '4242424242424242',
    token: 'pm_card_visa',
    brand: 'visa',
    country: 'US',
    label: 'Succeeds',
    setup: 'succeeds',
    offSession: 'succeeds',
    onSession: 'succeeds',
    afterChallenge: 'succeeds',
  },
  {
    number: '4000002500003155',
    token: 'pm_card_authenticationRequiredSetupForOffSession',
    brand: 'visa',
    country: 'US',
    label: '3D Secure at setup, then off-session charges succeed',
    setup: 'challenge',
    offSession: 'succeeds',
    onSession: 'challenge',
    afterChallenge: 'succeeds',
  },
  {
    number: '4000002760003184',
    token: 'pm_card_authenticationRequired',
    brand: 'visa',
    country: 'US',
    label: '3D Secure on every payment: off-session charges need the shopper back',
    setup: 'challenge',
    offSession: AUTHENTICATION_REQUIRED,
    onSession: 'challenge',
    afterChallenge: 'succeeds',
  },
  {
    number: '4000000000000341',
    token: 'pm_card_chargeCustomerFail',
    brand: 'visa',
    country: 'US',
    label: 'Saves, later charges are declined',
    setup: 'succeeds',
    offSession: GENERIC_DECLINE,
    onSession: GENERIC_DECLINE,
    afterChallenge: GENERIC_DECLINE,
  },
  {
    number: '4000008260003178',
    token: 'pm_card_authenticationRequiredChargeDeclinedInsufficientFunds',
    brand: 'visa',
    country: 'GB',
    label: 'Saves, later charges are declined for insufficient funds',
    setup: 'succeeds',
    offSession: INSUFFICIENT_FUNDS,
    onSession: 'challenge',
    afterChallenge: INSUFFICIENT_FUNDS,
  },
  {
    number: '4000000000009995',
    token: 'pm_card_visa_chargeDeclinedInsufficientFunds',
    brand: 'visa',
    country: 'US',
    label: 'Declined: insufficient funds',
    setup: INSUFFICIENT_FUNDS,
    offSession: INSUFFICIENT_FUNDS,
    onSession: INSUFFICIENT_FUNDS,
    afterChallenge: INSUFFICIENT_FUNDS,
  },
  {
    number: '4000000000000002',
    token: 'pm_card_chargeDeclined',
    brand: 'visa',
    country: 'US',
    label: 'Declined',
    setup: GENERIC_DECLINE,
    offSession: GENERIC_DECLINE,
    onSession: GENERIC_DECLINE,
    afterChallenge: GENERIC_DECLINE,
  },
  {
    number: '4000000000000069',
    token: 'pm_card_chargeDeclinedExpiredCard',
    brand: 'visa',
    country: 'US',
    label: 'Declined: expired card',
    setup: EXPIRED,
    offSession: EXPIRED,
    onSession: EXPIRED,
    afterChallenge: EXPIRED,
  },
  {
    number: '4000000000000127',
    token: 'pm_card_chargeDeclinedIncorrectCvc',
    brand: 'visa',
    country: 'US',
    label: 'Declined: incorrect CVC',
    setup: INCORRECT_CVC,
    offSession: INCORRECT_CVC,
    onSession: INCORRECT_CVC,
    afterChallenge: INCORRECT_CVC,
  },
];

/** The failure for a card whose expiry has passed (the emulator's expire control makes one). */
export const EXPIRED_CARD_FAILURE = EXPIRED;

export function normaliseCardNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function formatCardNumber(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export type CardLookup = { ok: true; card: TestCard } | { ok: false; failure: CardFailure };

/** The test card for a number, or the error Stripe-style checkout would show for it. */
export function lookupTestCard(rawNumber: string): CardLookup {
  const number = normaliseCardNumber(rawNumber);
  const card = TEST_CARDS.find((c) => c.number === number);
  if (card) return { ok: true, card };
  if (!luhnValid(number)) {
    return { ok: false, failure: { code: 'incorrect_number', declineCode: null, message: 'Your card number is incorrect.' } };
  }
  return {
    ok: false,
    failure: {
      code: 'card_declined',
      declineCode: 'test_mode_live_card',
      message:
        'This is the offline Stripe emulator: it only accepts Stripe test cards, such as 4242 4242 4242 4242 ' +
        `(all of them: ${TEST_CARDS.map((c) => formatCardNumber(c.number)).join(', ')}). Never enter a real card here.`,
    },
  };
}

export function testCardByToken(token: string): TestCard | undefined {
  return TEST_CARDS.find((c) => c.token === token);
}

export function testCardByNumber(number: string): TestCard | undefined {
  return TEST_CARDS.find((c) => c.number === normaliseCardNumber(number));
}
