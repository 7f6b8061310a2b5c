'use server';
import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { checkoutCart, currentCart } from '@/lib/cart/session';
import { refuseCardStep } from '@/lib/checkout/card-step-limit';
import { checkoutContactInput, type CheckoutField } from '@/lib/checkout/input';
import { prepareCardStep } from '@/lib/checkout/prepare-card';
import { submitCheckout } from '@/lib/checkout/submit-checkout';
import { failure, FORM_UNREADABLE, invalidInput, type ActionState } from '@/lib/forms/action-result';
import { cardFailureMessage, type PaymentsError } from '@/lib/payments';
import { describeCard } from '@/lib/payments/browser/card-display';
import { clientAddress } from '@/lib/security/client-address';

// Both actions act only on the cart named by this browser's cookie and validate everything on
// the server; prices, totals and the plan are never read from the request.

const CONTACT_FIELDS: CheckoutField[] = ['email', 'fullName', 'addressLine', 'city', 'region', 'postalCode', 'country'];

function contactFrom(formData: FormData): Record<string, unknown> {
  return Object.fromEntries(CONTACT_FIELDS.map((f) => [f, formData.get(f) ?? '']));
}

/** What "Continue to payment" readies: the card form for this email, or the card this checkout already saved. */
export type CardStepView = { email: string } & ({ status: 'needs_card'; clientSecret: string } | { status: 'saved'; setupIntentId: string; card: string });

/** "Continue to payment": checks the details, then readies the card step (Customer + SetupIntent). */
export async function prepareCardAction(_prev: ActionState<CardStepView>, formData: FormData): Promise<ActionState<CardStepView>> {
  if (!(formData instanceof FormData)) return failure(FORM_UNREADABLE);
  const cart = await currentCart();
  if (!cart) return failure('Your cart is empty or was already checked out. Reload the page.');
  const parsed = checkoutContactInput.safeParse(contactFrom(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  const { email } = parsed.data;
  const refused = await refuseCardStep(cart.id, await clientAddress());
  if (refused) return failure(refused, { code: 'rate_limited' });
  try {
    const step = await prepareCardStep(cart, email);
    return step.status === 'saved'
      ? { ok: true, message: 'Your card is saved.', data: { status: 'saved', email, setupIntentId: step.setupIntentId, card: describeCard(step.card) } }
      : { ok: true, message: 'Enter your card.', data: { status: 'needs_card', email, clientSecret: step.clientSecret } };
  } catch (err) {
    const message = cardFailureMessage(err, 'That card was saved in another checkout. Continue to payment to save your card again.');
    if (message === null) throw err;
    return failure(message, { code: (err as PaymentsError).code });
  }
}

/**
 * "Place order": verifies the saved card, then places the order (once per checkout, whatever the
 * retries). Success redirects to the confirmation page; a refusal says why, with `code` the
 * outcome ('invalid', 'changed', 'sold_out', 'empty') and `details` what changed.
 */
export async function placeOrderAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  if (!(formData instanceof FormData)) return failure(FORM_UNREADABLE, { code: 'empty' });
  const cart = await checkoutCart();
  if (!cart) return failure('Your cart is empty.', { code: 'empty' });
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
  switch (outcome.status) {
    case 'placed':
      redirect(`/checkout/confirmation/${outcome.order.publicToken}`);
    case 'invalid':
      return failure(outcome.message, {
        code: 'invalid',
        fieldErrors: Object.fromEntries(Object.entries(outcome.fieldErrors).map(([k, v]) => [k, v ? [v] : []])),
      });
    case 'changed':
    case 'sold_out':
      // The plan moved: render the checkout again with the new quote (and its fingerprint).
      refresh();
      return failure(outcome.message, { code: outcome.status, details: outcome.changes });
    case 'empty':
      return failure(outcome.message, { code: 'empty' });
  }
}
