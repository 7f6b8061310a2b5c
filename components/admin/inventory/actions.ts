'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/staff-action';
import { adjustStock, StockAdjustmentError } from '@/lib/inventory/adjust-stock';
import { adjustmentForm } from '@/lib/inventory/adjustment-input';
import { allocationText } from '@/lib/orders/allocation-copy';

export const recordAdjustment = staffAction(adjustmentForm, async ({ variantId, change, kind, reason }, staff) => {
  try {
    const { onHand, allocation } = await adjustStock({ variantId, change, kind, reason, actor: staff.email });
    // The admin's own pages show the new count and ledger row straight away.
    revalidatePath('/admin', 'layout');
    return {
      ok: true,
      message: [`Recorded ${change > 0 ? '+' : ''}${change}. On hand is now ${onHand}.`, allocationText(allocation)].filter(Boolean).join(' '),
    };
  } catch (err) {
    if (err instanceof StockAdjustmentError) return { ok: false, error: err.message, fieldErrors: { change: [err.message] } };
    throw err;
  }
});
