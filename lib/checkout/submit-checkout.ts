import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { orders } from '@/db/schema';
import { db as appDb, type Database } from '@/db/client';
import { readCartLines } from '@/lib/cart/lines';
import { todayUtc } from '@/lib/catalog/dates';
import { cardFailureMessage, PaymentsError, verifySetupIntent } from '@/lib/payments';
import { placeOrder, type PlacedOrder, type VerifiedPayment } from '@/lib/orders/place-order';
import { readCardSetup, type CardSetup } from './card-setup-store';
import { shippingFlatRateCents } from './config';
import { consentText } from './consent';
import { quoteFingerprint } from './fingerprint';
import { checkoutContactInput, type CheckoutField } from './input';
import { buildQuote } from './quote';
import { fieldErrorsFrom, firstFieldErrors } from '@/lib/forms/action-result';

export type CheckoutFieldErrors = Partial<Record<CheckoutField | 'consent' | 'card', string>>;

/** What the checkout shows after "Place order". Nothing but 'placed' created anything. */
export type CheckoutOutcome =
  | { status: 'placed'; order: PlacedOrder }
  | { status: 'invalid'; message: string; fieldErrors: CheckoutFieldErrors }
  | { status: 'changed' | 'sold_out'; message: string; changes: string[] }
  | { status: 'empty'; message: string };

/** Checks the SetupIntent this checkout stored (for its own Customer) and returns the verified card. */
export type CardVerifier = (setup: Pick<CardSetup, 'setupIntentId' | 'customerId'>) => Promise<VerifiedPayment>;

/** The real verifier: verifySetupIntent against the Customer the checkout created with it. */
export function stripeCardVerifier(database: Database = appDb): CardVerifier {
  return async ({ setupIntentId, customerId }) => {
    const card = await verifySetupIntent(setupIntentId, customerId, database);
    return { stripeCustomerId: customerId, setupIntentId, card };
  };
}

export const CONSENT_REQUIRED = 'Tick the box to agree to the later ship dates and to each shipment being charged when it ships.';
const CHECK_FIELDS = 'Check the highlighted fields.';
const SAVE_CARD_FIRST = 'Save your card first.';
const OTHER_EMAIL = 'Your card was saved for another email address. Continue to payment and save your card again.';
const NOT_THIS_CHECKOUT = 'That card was not saved in this checkout. Choose “Continue to payment” and save your card here.';

/** Why the posted SetupIntent cannot pay for this checkout, or null when it is the one the checkout stored. */
function cardProblem(stored: CardSetup, email: string, setupIntentId: string): string | null {
  if (stored.email !== email) return OTHER_EMAIL;
  return stored.setupIntentId === setupIntentId ? null : NOT_THIS_CHECKOUT;
}

export interface CheckoutSubmission {
  contact: Record<string, unknown>;
  consent: boolean;
  setupIntentId: string;
  quoteFingerprint: string;
}

const submissionShape = z.object({
  setupIntentId: z.string().regex(/^seti_[A-Za-z0-9]+$/),
  quoteFingerprint: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

function paymentMessage(err: PaymentsError): string {
  const message = cardFailureMessage(err, NOT_THIS_CHECKOUT);
  if (message === null) throw err;
  return message;
}

export async function findOrderForCheckout(cart: { id: string; checkoutKey: string }, database: Database = appDb): Promise<PlacedOrder | null> {
  const [order] = await database
    .select({ id: orders.id, number: orders.number, publicToken: orders.publicToken, cartId: orders.cartId })
    .from(orders)
    .where(eq(orders.idempotencyKey, cart.checkoutKey));
  return order && order.cartId === cart.id ? { id: order.id, number: order.number, publicToken: order.publicToken } : null;
}

/**
 * "Place order": validates the form on the server, verifies the saved card (the SetupIntent this
 * checkout stored must be the one posted, and have succeeded for its Customer) before anything is created, then places the
 * order with the checkout's own idempotency key. A replay returns the order already placed.
 */
export async function submitCheckout(
  cart: { id: string; checkoutKey: string },
  submission: CheckoutSubmission,
  context: { ip: string | null; now?: Date },
  deps: { database?: Database; verifyCard?: CardVerifier; today?: string; shippingCents?: number } = {},
): Promise<CheckoutOutcome> {
  const { database = appDb, today = todayUtc(), shippingCents = shippingFlatRateCents() } = deps;
  const verifyCard = deps.verifyCard ?? stripeCardVerifier(database);

  const replay = await findOrderForCheckout(cart, database);
  if (replay) return { status: 'placed', order: replay };

  const contact = checkoutContactInput.safeParse(submission.contact);
  const fieldErrors: CheckoutFieldErrors = contact.success ? {} : firstFieldErrors(fieldErrorsFrom(contact.error));
  // Consent is asked for when the plan the shopper saw ships anything later. If the plan has
  // moved since, placement reports the change first (and the page then asks for consent).
  const records = await readCartLines(database, cart.id, today);
  if (records.length === 0) return { status: 'empty', message: 'Your cart is empty.' };
  const current = buildQuote(
    records.map((r) => r.input),
    { shippingCents },
  );
  const sawThisPlan = quoteFingerprint(current) === submission.quoteFingerprint;
  if (sawThisPlan && consentText(current, { today }) && !submission.consent) fieldErrors.consent = CONSENT_REQUIRED;
  const shape = submissionShape.safeParse(submission);
  if (!shape.success) {
    if (shape.error.issues.some((i) => i.path[0] === 'setupIntentId')) fieldErrors.card = SAVE_CARD_FIRST;
    else return { status: 'changed', message: 'This page is out of date.', changes: ['Reload the page and check your order again.'] };
  }
  if (!contact.success || Object.keys(fieldErrors).length > 0) return { status: 'invalid', message: CHECK_FIELDS, fieldErrors };

  // Only the SetupIntent this checkout created (and stored on its cart) can pay for it: never one
  // the browser names, nor one found through the email typed into the form.
  const stored = await readCardSetup(database, cart.id);
  const problem = stored ? cardProblem(stored, contact.data.email, submission.setupIntentId) : NOT_THIS_CHECKOUT;
  if (!stored || problem) return { status: 'invalid', message: CHECK_FIELDS, fieldErrors: { card: problem ?? NOT_THIS_CHECKOUT } };

  let payment: VerifiedPayment;
  try {
    payment = await verifyCard(stored);
  } catch (err) {
    if (err instanceof PaymentsError) return { status: 'invalid', message: CHECK_FIELDS, fieldErrors: { card: paymentMessage(err) } };
    if (err instanceof z.ZodError) return { status: 'invalid', message: CHECK_FIELDS, fieldErrors: { card: SAVE_CARD_FIRST } };
    throw err;
  }

  const result = await placeOrder(
    {
      cartId: cart.id,
      idempotencyKey: cart.checkoutKey,
      quoteFingerprint: submission.quoteFingerprint,
      contact: contact.data,
      consent: submission.consent ? { at: context.now ?? new Date(), ip: context.ip } : null,
      payment,
    },
    { database, today, shippingCents },
  );
  switch (result.status) {
    case 'placed':
      return { status: 'placed', order: result.order };
    case 'changed':
      return {
        status: 'changed',
        message: 'Your order changed since you loaded this page. Nothing was ordered or charged. Check the new plan below, then place the order again.',
        changes: result.messages,
      };
    case 'sold_out':
      return { status: 'sold_out', message: 'Part of your order sold out. Nothing was ordered or charged.', changes: result.messages };
    case 'consent_required':
      return { status: 'invalid', message: CHECK_FIELDS, fieldErrors: { consent: CONSENT_REQUIRED } };
    case 'empty':
      return { status: 'empty', message: 'Your cart is empty.' };
  }
}
