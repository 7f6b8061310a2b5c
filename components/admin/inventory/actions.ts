'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/staff-action';
import { adjustStock, StockAdjustmentError } from '@/lib/inventory/adjust-stock';
import { ADJUSTMENT_KINDS, MOVEMENT_KIND_LABELS } from '@/lib/inventory/movement-kinds';

const adjustmentForm = z.object({
  variantId: z.uuid({ message: 'Choose a variant.' }),
  change: z.coerce
    .number({ message: 'Enter a whole number, like 12 or -3.' })
    .int({ message: 'Enter a whole number, like 12 or -3.' })
    .refine((n) => n !== 0, { message: 'The change cannot be zero.' }),
  kind: z.enum(ADJUSTMENT_KINDS, { message: 'Choose a reason.' }),
  note: z.string().trim().max(200, { message: 'Keep the note under 200 characters.' }).default(''),
});

export const recordAdjustment = staffAction(adjustmentForm, async ({ variantId, change, kind, note }, staff) => {
  if (kind === 'other' && !note) return { ok: false, error: 'Check the highlighted fields.', fieldErrors: { note: ['Say why, when the reason is “Other”.'] } };
  try {
    const reason = note ? `${MOVEMENT_KIND_LABELS[kind]}: ${note}` : MOVEMENT_KIND_LABELS[kind];
    const { onHand } = await adjustStock({ variantId, change, kind, reason, actor: staff.email });
    // The admin's own pages show the new count and ledger row straight away.
    revalidatePath('/admin', 'layout');
    return { ok: true, message: `Recorded ${change > 0 ? '+' : ''}${change}. On hand is now ${onHand}.` };
  } catch (err) {
    if (err instanceof StockAdjustmentError) return { ok: false, error: err.message, fieldErrors: { change: [err.message] } };
    throw err;
  }
});
