'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/staff-action';
import { loadEmulator, PaymentsError } from '@/lib/payments';
import { describeCard } from '@/lib/payments/browser/card-display';

const expireForm = z.object({
  paymentMethodId: z.string().regex(/^pm_[A-Za-z0-9]+$/, { message: 'Choose a saved card.' }),
});

/**
 * The emulator's expired-card control: the card's expiry becomes last month, so the next
 * charge of it fails with expired_card (Stripe test mode cannot do this). Emulator mode only,
 * and in production builds only with STRIPE_EMULATOR_CONTROLS=1.
 */
export const expireCardAction = staffAction(expireForm, async ({ paymentMethodId }) => {
  try {
    const emulator = await loadEmulator();
    if (!emulator) return { ok: false, error: 'The Stripe emulator is off: payments go to Stripe, where cards cannot be made to expire.' };
    const card = await emulator.expireSavedCard(paymentMethodId);
    revalidatePath('/admin/payments');
    return { ok: true, message: `Expired: ${describeCard(card)}. Its next charge fails with expired_card.` };
  } catch (err) {
    if (err instanceof PaymentsError && (err.code === 'not_found' || err.code === 'provider_rejected')) return { ok: false, error: err.message };
    throw err;
  }
});
