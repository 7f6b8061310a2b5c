'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/staff-action';
import type { ActionState } from '@/lib/forms/action-result';
import { orderLineTitle } from '@/lib/orders/admin-orders';
import { allocationText } from '@/lib/orders/allocation-copy';
import { cancelLine, cancelLineInput, cancelOrder, cancelOrderInput, type CancelResult, type Cancellation } from '@/lib/orders/cancel-lines';

// A cancellation frees stock and queue places that the whole admin shows (dashboard, orders, inventory).
const refreshAdmin = () => revalidatePath('/admin', 'layout');

const units = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'unit' : 'units'}`;

/** "The shopper has been emailed. 1 unit went to 1 waiting order; 1 shipment is ready to ship." after what was cancelled. */
function answer(result: CancelResult, cancelled: (done: Cancellation) => string): ActionState {
  if (!result.ok) return { ok: false, error: result.error };
  refreshAdmin();
  return { ok: true, message: [cancelled(result), 'The shopper has been emailed.', allocationText(result.allocation)].filter(Boolean).join(' ') };
}

export const cancelLineAction = staffAction(cancelLineInput, async ({ number, lineId }, staff) => {
  const result = await cancelLine(number, lineId, staff.email);
  // Read after the cancellation: the title is only for the message, and a refusal needs none.
  const title = result.ok ? await orderLineTitle(number, lineId) : null;
  return answer(result, (done) => {
    const what = `Cancelled ${units(done.units)}${title ? ` of ${title}` : ''}.`;
    return done.orderCancelled ? `${what} Nothing is left on order ${done.number}, so it is cancelled.` : what;
  });
});

export const cancelOrderAction = staffAction(cancelOrderInput, async ({ number }, staff) => {
  const result = await cancelOrder(number, staff.email);
  return answer(result, (done) =>
    done.orderCancelled
      ? `Order ${done.number} is cancelled (${units(done.units)}).`
      : `Cancelled the ${units(done.units)} of order ${done.number} that had not shipped; what shipped stays as it is.`,
  );
});
