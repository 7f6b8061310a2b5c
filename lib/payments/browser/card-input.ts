/**
 * Reading what a shopper types into the test-mode card form. The emulator checks the card
 * itself (number, expiry in the future, CVC) and answers like Stripe; these only catch what
 * cannot be sent at all.
 */

/** "12/34", "12 / 34", "1234", "12/2034" -> { expMonth: 12, expYear: 2034 }; null when unreadable. */
export function parseExpiry(input: string): { expMonth: number; expYear: number } | null {
  const match = /^\s*(\d{1,2})\s*[/\-. ]?\s*(\d{2}|\d{4})\s*$/.exec(input);
  if (!match) return null;
  const expMonth = Number(match[1]);
  const year = Number(match[2]);
  if (expMonth < 1 || expMonth > 12) return null;
  return { expMonth, expYear: year < 100 ? 2000 + year : year };
}

/** Digits only: the emulator (like Stripe.js) takes the number without spaces. */
export function cardDigits(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export interface CardFieldErrors {
  number?: string;
  expiry?: string;
  cvc?: string;
}

export interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** The card to send, or a message for each field that cannot be sent as typed. */
export function readCardFields(fields: {
  number: string;
  expiry: string;
  cvc: string;
}): { ok: true; card: CardDetails } | { ok: false; errors: CardFieldErrors } {
  const errors: CardFieldErrors = {};
  const number = cardDigits(fields.number);
  if (!number) errors.number = 'Enter the card number.';
  else if (!/^\d{12,19}$/.test(number)) errors.number = 'Enter the card number using digits only.';
  const expiry = parseExpiry(fields.expiry);
  if (!fields.expiry.trim()) errors.expiry = 'Enter the expiry date.';
  else if (!expiry) errors.expiry = 'Enter the expiry as month and year, like 12 / 34.';
  const cvc = fields.cvc.trim();
  if (!cvc) errors.cvc = 'Enter the CVC.';
  else if (!/^\d{3,4}$/.test(cvc)) errors.cvc = 'Enter the 3 or 4 digits of the CVC.';
  if (errors.number || errors.expiry || errors.cvc || !expiry) return { ok: false, errors };
  return { ok: true, card: { number, expMonth: expiry.expMonth, expYear: expiry.expYear, cvc } };
}
