'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { addToCart, addToCartInput, CartError, changeQuantity, changeQuantityInput, removeLine, removeLineInput } from '@/lib/cart/cart-store';
import { markCartSeen, seenFingerprintInput } from '@/lib/cart/mark-seen';
import { currentCart, setCartCookie } from '@/lib/cart/session';
import { failure, fieldErrorsFrom, FORM_UNREADABLE, formFields, type ActionResult, type ActionState } from '@/lib/forms/action-result';
import { allocationText } from '@/lib/catalog/availability-copy';

// Every cart action is reachable by a direct POST: each one parses its form with zod and acts
// only on the cart named by this browser's cookie, so a line id from another cart changes nothing.

/** What a cart change answers with: the new count goes to the header's cart link. */
export type CartChange = { count: number };

const EXPIRED = 'Your cart has expired or was checked out. Reload the page.';

/** A cart change that is refused (sold out, too many, not in this cart) says why and changes nothing. */
async function run(work: () => Promise<ActionResult<CartChange>>): Promise<ActionResult<CartChange>> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CartError) return failure(err.message, { code: err.code });
    throw err;
  }
}

/** The first problem with the form, as one line: cart forms have a single status line. */
function refusal(error: z.ZodError): ActionResult<CartChange> {
  return failure(error.issues[0]?.message ?? FORM_UNREADABLE, { fieldErrors: fieldErrorsFrom(error) });
}

export async function addToCartAction(_prev: ActionState<CartChange>, formData: FormData): Promise<ActionState<CartChange>> {
  const raw = formFields(formData);
  if (!raw) return failure(FORM_UNREADABLE);
  const parsed = addToCartInput.safeParse(raw);
  if (!parsed.success) return refusal(parsed.error);
  return run(async () => {
    // A new cart is made only if the add succeeds (inside addToCart), so a refusal leaves none.
    const cart = await currentCart();
    const added = await addToCart(cart?.id ?? null, parsed.data);
    if (added.newCartToken) await setCartCookie(added.newCartToken);
    const split = allocationText(added.allocation);
    const detail = split ? ` (${split})` : '';
    return { ok: true, message: `Added to your cart: ${parsed.data.quantity} × ${added.title}${detail}.`, data: { count: added.count } };
  });
}

export async function changeQuantityAction(formData: FormData): Promise<ActionResult<CartChange>> {
  const raw = formFields(formData);
  if (!raw) return failure(FORM_UNREADABLE);
  const parsed = changeQuantityInput.safeParse(raw);
  if (!parsed.success) return refusal(parsed.error);
  return run(async () => {
    const cart = await currentCart();
    if (!cart) return failure(EXPIRED);
    const changed = await changeQuantity(cart.id, parsed.data);
    revalidatePath('/cart');
    return { ok: true, message: `${changed.title}: quantity ${changed.quantity}.`, data: { count: changed.count } };
  });
}

export async function removeLineAction(formData: FormData): Promise<ActionResult<CartChange>> {
  const raw = formFields(formData);
  if (!raw) return failure(FORM_UNREADABLE);
  const parsed = removeLineInput.safeParse(raw);
  if (!parsed.success) return refusal(parsed.error);
  return run(async () => {
    const cart = await currentCart();
    if (!cart) return failure(EXPIRED);
    const { count } = await removeLine(cart.id, parsed.data);
    revalidatePath('/cart');
    return { ok: true, message: 'Removed from your cart.', data: { count } };
  });
}

/**
 * Called by the cart and checkout pages once they have shown "Since you last looked": records
 * those lines as seen, if the cart still quotes what the page rendered (lib/cart/mark-seen.ts).
 */
export async function markCartSeenAction(fingerprint: unknown): Promise<ActionResult> {
  const parsed = seenFingerprintInput.safeParse(fingerprint);
  if (!parsed.success) return failure(FORM_UNREADABLE);
  const cart = await currentCart();
  if (!cart) return failure(EXPIRED);
  const { recorded } = await markCartSeen(cart.id, parsed.data);
  return { ok: true, message: recorded > 0 ? 'Noted.' : 'Nothing new to note.' };
}
