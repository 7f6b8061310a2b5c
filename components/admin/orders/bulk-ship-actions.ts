'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { staffAction } from '@/lib/auth/staff-action';
import { shipSelectedForm, startShipBatch } from '@/lib/shipping/ship-batch';

/**
 * "Ship selected" (or "Ship all ready"): starts a background batch and opens its progress page.
 * The form's one-time key makes a double click, a resubmit or a retry land on the same batch.
 */
export const shipSelectedAction = staffAction(shipSelectedForm, async (input, staff) => {
  const result = await startShipBatch(input, staff.email);
  if (!result.ok) return { ok: false, error: result.error };
  revalidatePath('/admin', 'layout');
  redirect(`/admin/orders/ship-batches/${result.batchId}`);
});
