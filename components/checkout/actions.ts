'use server';
import { refresh } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { checkoutCart, currentCart } from '@/lib/cart/session';
import { checkoutContactInput, type CheckoutField } from '@/lib/checkout/input';
import { prepareCardStep } from '@/lib/checkout/prepare-card';
import { submitCheckout, type CheckoutFieldErrors, type CheckoutOutcome } from '@/lib/checkout/submit-checkout';
import { PaymentsError } from '@/lib/payments';
import { describeCard } from '@/lib/payments/browser/card-display';

// Both actions act only on the cart named by this browser's cookie and validate everything on
// the server; prices, totals and the plan are never read from the request.

const CONTACT_FIELDS: CheckoutField[] = ['email', 'fullName', 'addressLine', 'city', 'postalCode', 'country'];

function contactFrom(formData: FormData): Record<string, unknown> {
  return Object.fromEntries(CONTACT_FIELDS.map((f) => [f, formData.get(f) ?? '']));
}

/** The client's address as the nearest proxy (or `next start` itself) reported it. */
async function clientAddress(): Promise<string | null> {
  const forwarded = (await headers()).get('x-forwarded-for');
  return forwarded?.split(',')[0]?.trim() || null;
}

export type PrepareCardState =
  | null
  | { status: 'invalid'; message: string; fieldErrors: CheckoutFieldErrors }
  | { status: 'error'; message: string }
  | { status: 'needs_card'; email: string; clientSecret: string }
  | { status: 'saved'; email: string; setupIntentId: string; card: string };

/** "Continue to payment": checks the details, then readies the card step (Customer + SetupIntent). */
export async function prepareCardAction(_prev: PrepareCardState, formData: FormData): Promise<PrepareCardState> {
  if (!(formData instanceof FormData)) return { status: 'error', message: 'The form could not be read. Reload the page and try again.' };
  const cart = await currentCart();
  if (!cart) return { status: 'error', message: 'Your cart is empty or was already checked out. Reload the page.' };
  const parsed = checkoutContactInput.safeParse(contactFrom(formData));
  if (!parsed.success) {
    const fieldErrors: CheckoutFieldErrors = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as CheckoutField] ??= issue.message;
    return { status: 'invalid', message: 'Check the highlighted fields.', fieldErrors };
  }
  const { email } = parsed.data;
  try {
    const step = await prepareCardStep(cart, email);
    return step.status === 'saved'
      ? { status: 'saved', email, setupIntentId: step.setupIntentId, card: describeCard(step.card) }
      : { status: 'needs_card', email, clientSecret: step.clientSecret };
  } catch (err) {
    if (err instanceof PaymentsError && (err.code === 'provider_unavailable' || err.code === 'provider_rejected')) {
      return { status: 'error', message: 'We could not reach the payment provider. Nothing was saved or charged; try again in a moment.' };
    }
    throw err;
  }
}

export type PlaceOrderState = null | Exclude<CheckoutOutcome, { status: 'placed' }>;

/** "Place order": verifies the saved card, then places the order (once per checkout, whatever the retries). */
export async function placeOrderAction(_prev: PlaceOrderState, formData: FormData): Promise<PlaceOrderState> {
  if (!(formData instanceof FormData)) return { status: 'empty', message: 'The form could not be read. Reload the page and try again.' };
  const cart = await checkoutCart();
  if (!cart) return { status: 'empty', message: 'Your cart is empty.' };
  const outcome = await submitCheckout(
    cart,
    {
      contact: contactFrom(formData),
      consent: formData.get('consent') === 'yes',
      setupIntentId: String(formData.get('setupIntentId') ?? ''),
      quoteFingerprint: String(formData.get('quoteFingerprint') ?? ''),
    },
    { ip: await clientAddress() },
  );
  if (outcome.status === 'placed') redirect(`/checkout/confirmation/${outcome.order.publicToken}`);
  // The plan moved: render the checkout again with the new quote (and its fingerprint).
  if (outcome.status === 'changed' || outcome.status === 'sold_out') refresh();
  return outcome;
}
