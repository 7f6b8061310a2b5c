/**
 * Input schemas shared by every form and library function that takes the same kind of value,
 * so a form and the code behind it can never disagree about what is valid. Each accepts what a
 * form posts (strings) and what code passes (numbers), and gives a message a person can act on.
 */
import { z } from 'zod';
import { MAX_LINE_QUANTITY } from '@/lib/cart/limits';

export const MAX_EMAIL_LENGTH = 254;

/** An email address, trimmed and lower-cased (addresses are compared in that form everywhere). */
export const emailInput = z
  .string({ message: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .min(1, { message: 'Enter an email address.' })
  .max(MAX_EMAIL_LENGTH, { message: 'That email address is too long.' })
  .pipe(z.email({ message: 'Enter a valid email address, like name@example.com.' }));

interface WholeNumberRule {
  min: number;
  max: number;
  /** Said for anything that is not a whole number in range. */
  message: string;
  /** Said for a number beyond max, when that deserves its own message. */
  tooLarge?: string;
  /** Said for a number below min, when that deserves its own message. */
  tooSmall?: string;
  /** Whether 0 is refused even when it lies within [min, max] (a stock change of 0 changes nothing). */
  notZero?: string;
}

/**
 * A whole number typed into a field or passed by code. Strings must be plain digits with an
 * optional sign ("12", "-3"): "1e3", "0x10", "1.0" and "" are refused, never coerced.
 */
export function wholeNumberInput({ min, max, message, tooLarge, tooSmall, notZero }: WholeNumberRule) {
  return z.union([z.number({ message }), z.string({ message })], { message }).transform((v, ctx): number => {
    const raw = typeof v === 'string' ? v.trim() : v;
    const n = typeof raw === 'number' ? raw : /^[-+]?\d{1,16}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n)) {
      const digits = typeof raw === 'string' && /^[-+]?\d+$/.test(raw);
      ctx.addIssue({ code: 'custom', message: digits ? ((raw.startsWith('-') ? tooSmall : tooLarge) ?? message) : message });
      return z.NEVER;
    }
    if (notZero && n === 0) {
      ctx.addIssue({ code: 'custom', message: notZero });
      return z.NEVER;
    }
    if (n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: (n > max ? tooLarge : tooSmall) ?? message });
      return z.NEVER;
    }
    return n;
  });
}

export const QUANTITY_MESSAGE = `Enter a whole number from 1 to ${MAX_LINE_QUANTITY}.`;
/** Units of one variant in a cart line or order line. */
export const quantityInput = wholeNumberInput({ min: 1, max: MAX_LINE_QUANTITY, message: QUANTITY_MESSAGE });

export const MAX_AMOUNT_CENTS = 100_000_000; // $1,000,000.00
/** An amount of money in integer cents (never a float of dollars). */
export const centsInput = wholeNumberInput({
  min: 0,
  max: MAX_AMOUNT_CENTS,
  message: 'Enter an amount in whole cents.',
  tooLarge: 'That amount is too large.',
});

/** Free text from a field: trimmed, bounded, no control characters (they break emails and logs). */
export function textInput({ max, required, what }: { max: number; required?: string; what: string }) {
  const base = z
    .string({ message: required ?? `Enter the ${what}.` })
    .trim()
    .max(max, { message: `Keep the ${what} under ${max} characters.` })
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: `The ${what} contains characters that cannot be used.` });
  return required ? base.refine((s) => s.length > 0, { message: required }) : base;
}

/** A row id posted by a form: a UUID, with a message for when it is not one. */
export const idInput = (message: string) => z.string({ message }).trim().pipe(z.uuid({ message }));
