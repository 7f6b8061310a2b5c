'use server';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { cardFailureMessage, createSetupIntent, getOrCreateCustomer, verifySetupIntent, type SavedCard } from '@/lib/payments';
import { failure, type ActionResult } from '@/lib/forms/action-result';
import { staffCall } from '@/lib/auth/staff-action';
import { emailInput } from '@/lib/forms/inputs';
import { siteUrl } from '@/lib/site';

/**
 * Staff saving a test card from /admin/payments (the shopper's own path is the checkout's, in
 * components/checkout/actions.ts). With components/payments/card-setup.tsx:
 * 1. startCardSetup(email): the staff Customer for that email (never one a checkout uses) and a SetupIntent; only the client secret
 *    goes back. The Customer id stays on the server side of an httpOnly, signed cookie.
 * 2. The browser confirms the SetupIntent (Payment Element, or the emulator's test-mode form).
 * 3. confirmCardSaved(setupIntentId): verifies it on the server against the cookie's Customer
 *    and returns what the shopper may see of the card.
 * Both are for staff only, and act only on the caller's own cookie.
 */

export type CardSummary = Pick<SavedCard, 'brand' | 'last4' | 'expMonth' | 'expYear'>;

const COOKIE = 'inbound_card_setup';
const MAX_AGE_SECONDS = 60 * 60 * 24;
const CHECK_FAILED = 'Your card could not be checked. Save it again.';
const OTHER_SESSION = 'This card was saved in another session. Start again to save your card.';

const setupIntentIdInput = z.string({ message: CHECK_FAILED }).regex(/^seti_[A-Za-z0-9]{1,250}$/, { message: CHECK_FAILED });

// --- The cookie: `<customer id>.<flow token>.<HMAC>` --------------------------------------------
// The flow token names this card-saving attempt: repeated starts reuse its SetupIntent (same
// idempotency key), and it is replaced once a card is saved, so the next start makes a new one.

interface CardSetupSession {
  customerId: string;
  flow: string;
}

function signingKey(): Buffer {
  const secret = process.env.BETTER_AUTH_SECRET;
  if (!secret || secret.length < 32) throw new Error('BETTER_AUTH_SECRET must be set (at least 32 characters) to sign the card setup cookie.');
  // A key of its own, derived from the app secret, so this cookie's MAC is never a session's.
  return createHmac('sha256', secret).update('inbound:card-setup-cookie:v1').digest();
}

function mac(payload: string): Buffer {
  return createHmac('sha256', signingKey()).update(payload).digest();
}

function seal(session: CardSetupSession): string {
  const payload = `${session.customerId}.${session.flow}`;
  return `${payload}.${mac(payload).toString('base64url')}`;
}

function unseal(value: string | undefined): CardSetupSession | null {
  const match = value ? /^(cus_[A-Za-z0-9]+)\.([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
  if (!match) return null;
  const [, customerId, flow, signature] = match as unknown as [string, string, string, string];
  const expected = mac(`${customerId}.${flow}`);
  const given = Buffer.from(signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? { customerId, flow } : null;
}

const newFlow = () => randomBytes(24).toString('base64url');

async function readSession(): Promise<CardSetupSession | null> {
  return unseal((await cookies()).get(COOKIE)?.value);
}

async function writeSession(session: CardSetupSession): Promise<void> {
  (await cookies()).set(COOKIE, seal(session), {
    httpOnly: true,
    sameSite: 'lax',
    secure: siteUrl().startsWith('https:'),
    path: '/',
    maxAge: MAX_AGE_SECONDS,
  });
}

// --- The actions ------------------------------------------------------------------------------

/** The staff Customer for the email (no checkout reaches it) and a SetupIntent for this browser to confirm. */
export const startCardSetup = staffCall(emailInput, async (email): Promise<ActionResult<{ clientSecret: string }>> => {
  try {
    const { customerId } = await getOrCreateCustomer(email);
    const previous = await readSession();
    const flow = previous?.customerId === customerId ? previous.flow : newFlow();
    const { clientSecret } = await createSetupIntent({
      customerId,
      idempotencyKey: `card-setup:${flow}:${customerId}`,
      metadata: { source: 'card-setup' },
    });
    await writeSession({ customerId, flow });
    return { ok: true, message: 'Enter the card.', data: { clientSecret } };
  } catch (err) {
    const message = cardFailureMessage(err, OTHER_SESSION);
    if (message === null) throw err;
    return failure(message);
  }
});

/** After the browser says "saved": checks the SetupIntent on the server and returns the card. */
export const confirmCardSaved = staffCall(setupIntentIdInput, async (setupIntentId): Promise<ActionResult<{ card: CardSummary }>> => {
  const session = await readSession();
  if (!session) return { ok: false, error: 'This card form has expired. Start again to save your card.' };
  try {
    const card = await verifySetupIntent(setupIntentId, session.customerId);
    // Done with this SetupIntent: the next start makes a new one for the same Customer.
    await writeSession({ customerId: session.customerId, flow: newFlow() });
    return { ok: true, message: 'Card saved.', data: { card: { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear } } };
  } catch (err) {
    const message = cardFailureMessage(err, OTHER_SESSION);
    if (message === null) throw err;
    return failure(message);
  }
});
