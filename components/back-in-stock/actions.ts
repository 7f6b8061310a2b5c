'use server';
import { z } from 'zod';
import {
  ALREADY_SIGNED_UP,
  ALREADY_UNSUBSCRIBED,
  AVAILABLE_AGAIN,
  INVALID_UNSUBSCRIBE_LINK,
  NOT_SOLD,
  signedUpText,
  tooManySignUpsText,
  UNSUBSCRIBED_HEADING,
} from '@/lib/back-in-stock/copy';
import { restockSignupInput, signUpForRestock } from '@/lib/back-in-stock/signup';
import { isUnsubscribeToken, unsubscribeByToken } from '@/lib/back-in-stock/unsubscribe';
import { failure, fieldErrorsFrom, FORM_UNREADABLE, formFields, type ActionState } from '@/lib/forms/action-result';
import { clientAddress } from '@/lib/security/client-address';
import { waitText } from '@/lib/security/rate-limit';
import { throttleKeyOf } from '@/lib/security/throttle-key';

// Both are open to anyone (a shopper signed out, a mail recipient): each parses its form with
// zod, and the unsubscribe acts only on the signup its long random token names.

/** What the form does next: 'available' means the page is out of date and should refresh. */
export type RestockSignupView = { outcome: 'added' | 'already' | 'available' };

/** "Notify me" on a sold-out variant. */
export async function restockSignupAction(_prev: ActionState<RestockSignupView>, formData: FormData): Promise<ActionState<RestockSignupView>> {
  const raw = formFields(formData);
  if (!raw) return failure(FORM_UNREADABLE);
  const parsed = restockSignupInput.safeParse(raw);
  const typed = typeof raw.email === 'string' ? { email: raw.email.slice(0, 300) } : undefined;
  // One status line: the first problem, with the email's message next to its field too.
  if (!parsed.success) return failure(parsed.error.issues[0]?.message ?? FORM_UNREADABLE, { fieldErrors: fieldErrorsFrom(parsed.error), values: typed });
  const result = await signUpForRestock(parsed.data, { clientKey: throttleKeyOf(await clientAddress()) });
  switch (result.status) {
    case 'added':
      return { ok: true, message: signedUpText(result.email), data: { outcome: 'added' } };
    case 'already':
      return { ok: true, message: ALREADY_SIGNED_UP, data: { outcome: 'already' } };
    case 'available':
      return { ok: true, message: AVAILABLE_AGAIN, data: { outcome: 'available' } };
    case 'unknown':
      return failure(NOT_SOLD, { code: 'unknown', values: typed });
    case 'rate_limited':
      return failure(tooManySignUpsText(waitText(result.retryAfterSeconds)), { code: 'rate_limited', values: typed });
  }
}

const unsubscribeForm = z.object({ token: z.string().refine(isUnsubscribeToken, { message: `${INVALID_UNSUBSCRIBE_LINK}.` }) });

/** The unsubscribe page's button (a GET of the page never unsubscribes: mail scanners fetch links). */
export async function unsubscribeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const raw = formFields(formData);
  if (!raw) return failure(FORM_UNREADABLE);
  const parsed = unsubscribeForm.safeParse(raw);
  if (!parsed.success) return failure(`${INVALID_UNSUBSCRIBE_LINK}.`, { code: 'unknown' });
  const result = await unsubscribeByToken(parsed.data.token);
  switch (result.status) {
    case 'unsubscribed':
      return { ok: true, message: `${UNSUBSCRIBED_HEADING}.` };
    case 'already':
      return { ok: true, message: ALREADY_UNSUBSCRIBED };
    case 'unknown':
      return failure(`${INVALID_UNSUBSCRIBE_LINK}.`, { code: 'unknown' });
  }
}
