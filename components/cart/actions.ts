'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { addToCart, addToCartInput, CartError, changeQuantity, changeQuantityInput, removeLine, removeLineInput } from '@/lib/cart/cart-store';
import { markCartSeen, seenFingerprintInput } from '@/lib/cart/mark-seen';
import { currentCart, currentOrNewCart } from '@/lib/cart/session';
import type { ActionResult } from '@/lib/forms/action-result';
import { allocationText } from '@/lib/catalog/availability-copy';

// Every cart action is reachable by a direct POST: each one parses its form with zod and acts
// only on the cart named by this browser's cookie, so a line id from another cart changes nothing.

export type CartActionState = { ok: true; message: string; count: number } | { ok: false; message: string } | null;

const TAMPERED = 'The form could not be read. Reload the page and try again.';

function fields(formData: unknown): Record<string, FormDataEntryValue> | null {
  if (!(formData instanceof FormData)) return null;
  const out: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData) if (!key.startsWith('$ACTION')) out[key] = value;
  return out;
}

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? TAMPERED;
}

async function run(work: () => Promise<CartActionState>): Promise<CartActionState> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CartError) return { ok: false, message: err.message };
    throw err;
  }
}

export async function addToCartAction(_prev: CartActionState, formData: FormData): Promise<CartActionState> {
  const raw = fields(formData);
  if (!raw) return { ok: false, message: TAMPERED };
  const parsed = addToCartInput.safeParse(raw);
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error) };
  return run(async () => {
    const cart = await currentOrNewCart();
    const added = await addToCart(cart.id, parsed.data);
    const split = allocationText(added.allocation);
    const detail = split ? ` (${split})` : '';
    return { ok: true, message: `Added to your cart: ${parsed.data.quantity} × ${added.title}${detail}.`, count: added.count };
  });
}

export async function changeQuantityAction(formData: FormData): Promise<CartActionState> {
  const raw = fields(formData);
  if (!raw) return { ok: false, message: TAMPERED };
  const parsed = changeQuantityInput.safeParse(raw);
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error) };
  return run(async () => {
    const cart = await currentCart();
    if (!cart) return { ok: false, message: 'Your cart has expired or was checked out. Reload the page.' };
    const changed = await changeQuantity(cart.id, parsed.data);
    revalidatePath('/cart');
    return { ok: true, message: `${changed.title}: quantity ${changed.quantity}.`, count: changed.count };
  });
}

export async function removeLineAction(formData: FormData): Promise<CartActionState> {
  const raw = fields(formData);
  if (!raw) return { ok: false, message: TAMPERED };
  const parsed = removeLineInput.safeParse(raw);
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error) };
  return run(async () => {
    const cart = await currentCart();
    if (!cart) return { ok: false, message: 'Your cart has expired or was checked out. Reload the page.' };
    const { count } = await removeLine(cart.id, parsed.data);
    revalidatePath('/cart');
    return { ok: true, message: 'Removed from your cart.', count };
  });
}

/**
 * Called by the cart and checkout pages once they have shown "Since you last looked": records
 * those lines as seen, if the cart still quotes what the page rendered (lib/cart/mark-seen.ts).
 */
export async function markCartSeenAction(fingerprint: unknown): Promise<ActionResult> {
  const parsed = seenFingerprintInput.safeParse(fingerprint);
  if (!parsed.success) return { ok: false, error: TAMPERED };
  const cart = await currentCart();
  if (!cart) return { ok: false, error: 'Your cart has expired or was checked out. Reload the page.' };
  const { recorded } = await markCartSeen(cart.id, parsed.data);
  return { ok: true, message: recorded > 0 ? 'Noted.' : 'Nothing new to note.' };
}
