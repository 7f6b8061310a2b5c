import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { orders } from '@/db/schema';
import { db as appDb, type Database } from '@/db/client';
import { readCartLines } from '@/lib/cart/lines';
import { todayUtc } from '@/lib/catalog/dates';
import { getOrCreateCustomer, PaymentsError, verifySetupIntent } from '@/lib/payments';
import { placeOrder, type PlacedOrder, type VerifiedPayment } from '@/lib/orders/place-order';
import { shippingFlatRateCents } from './config';
import { consentText } from './consent';
import { quoteFingerprint } from './fingerprint';
import { checkoutContactInput, type CheckoutField } from './input';
import { buildQuote } from './quote';

export type CheckoutFieldErrors = Partial<Record<CheckoutField | 'consent' | 'card', string>>;

/** What the checkout shows after "Place order". Nothing but 'placed' created anything. */
export type CheckoutOutcome =
  | { status: 'placed'; order: PlacedOrder }
  | { status: 'invalid'; message: string; fieldErrors: CheckoutFieldErrors }
  | { status: 'changed' | 'sold_out'; message: string; changes: string[] }
  | { status: 'empty'; message: string };

/** Checks a SetupIntent for the shopper's email and returns the verified card. */
export type CardVerifier = (setupIntentId: string, email: string) => Promise<VerifiedPayment>;

/** The real verifier: the shopper's Customer by email, then verifySetupIntent against it. */
export function stripeCardVerifier(database: Database = appDb): CardVerifier {
  return async (setupIntentId, email) => {
    const { customerId } = await getOrCreateCustomer(email, database);
    const card = await verifySetupIntent(setupIntentId, customerId, database);
    return { stripeCustomerId: customerId, setupIntentId, card };
  };
}

export const CONSENT_REQUIRED = 'Tick the box to agree to the later ship dates and to each shipment being charged when it ships.';
const CHECK_FIELDS = 'Check the highlighted fields.';

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
  switch (err.code) {
    case 'setup_not_succeeded':
      return 'Your card has not been saved yet. Save your card, then place the order.';
    case 'customer_mismatch':
    case 'not_found':
      return 'Your card was saved for another email address. Continue to payment and save your card again.';
    case 'not_a_card':
      return 'Only cards can be saved for later charges. Save a card to continue.';
    case 'provider_unavailable':
      return 'We could not reach the payment provider. Nothing was charged or ordered; try again in a moment.';
    default:
      throw err;
  }
}

export async function findOrderForCheckout(
  cart: { id: string; checkoutKey: string },
  database: Database = appDb,
): Promise<PlacedOrder | null> {
  const [order] = await database
    .select({ id: orders.id, number: orders.number, publicToken: orders.publicToken, cartId: orders.cartId })
    .from(orders)
    .where(eq(orders.idempotencyKey, cart.checkoutKey));
  return order && order.cartId === cart.id ? { id: order.id, number: order.number, publicToken: order.publicToken } : null;
}

/**
 * "Place order": validates the form on the server, verifies the saved card (the SetupIntent
 * must have succeeded for this shopper's Customer) before anything is created, then places the
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

  const fieldErrors: CheckoutFieldErrors = {};
  const contact = checkoutContactInput.safeParse(submission.contact);
  if (!contact.success) {
    for (const issue of contact.error.issues) {
      const field = issue.path[0] as CheckoutField;
      fieldErrors[field] ??= issue.message;
    }
  }
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
    if (shape.error.issues.some((i) => i.path[0] === 'setupIntentId')) fieldErrors.card = 'Save your card first.';
    else return { status: 'changed', message: 'This page is out of date.', changes: ['Reload the page and check your order again.'] };
  }
  if (!contact.success || Object.keys(fieldErrors).length > 0) return { status: 'invalid', message: CHECK_FIELDS, fieldErrors };

  let payment: VerifiedPayment;
  try {
    payment = await verifyCard(submission.setupIntentId, contact.data.email);
  } catch (err) {
    if (err instanceof PaymentsError) return { status: 'invalid', message: CHECK_FIELDS, fieldErrors: { card: paymentMessage(err) } };
    if (err instanceof z.ZodError) return { status: 'invalid', message: CHECK_FIELDS, fieldErrors: { card: 'Save your card first.' } };
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
      return { status: 'changed', message: 'Your order changed since you loaded this page. Nothing was ordered or charged. Check the new plan below, then place the order again.', changes: result.messages };
    case 'sold_out':
      return { status: 'sold_out', message: 'Part of your order sold out. Nothing was ordered or charged.', changes: result.messages };
    case 'consent_required':
      return { status: 'invalid', message: CHECK_FIELDS, fieldErrors: { consent: CONSENT_REQUIRED } };
    case 'empty':
      return { status: 'empty', message: 'Your cart is empty.' };
  }
}
