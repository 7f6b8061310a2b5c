'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/staff-action';
import type { ActionState } from '@/lib/forms/action-result';
import { formatMoney } from '@/lib/money/format';
import { orderCard, orderLineTitle } from '@/lib/orders/admin-orders';
import { allocationText } from '@/lib/orders/allocation-copy';
import { cancelLine, cancelLineInput, cancelOrder, cancelOrderInput, type CancelResult, type Cancellation } from '@/lib/orders/cancel-lines';
import { PaymentsError } from '@/lib/payments';
import { cardBrandName } from '@/lib/payments/browser/card-display';
import { shipInput, shipShipment, type ShipOutcome } from '@/lib/shipping/ship-shipment';

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

/** The bank's sentence inside ours: "The payment failed: Your card was declined. Shipment 1 …". */
const withoutFinalStop = (text: string) => text.trim().replace(/[.\s]+$/, '');

/**
 * "Ship": charges the order's saved card for the shipment and marks it shipped (lib/shipping).
 * A failed charge is answered as an error: nothing shipped, and the shopper was asked to act.
 */
export const shipShipmentAction = staffAction(shipInput, async ({ shipmentId, carrier, trackingNumber }, staff) => {
  let outcome: ShipOutcome;
  try {
    outcome = await shipShipment({ shipmentId, carrier: carrier ?? undefined, trackingNumber: trackingNumber ?? undefined }, staff.email);
  } catch (err) {
    // Neither a card's answer nor one the charge step settles itself (a refused request already
    // ends as a failed payment): a configuration problem. The shipment stays charging, and the
    // background retry tries the same attempt again.
    if (!(err instanceof PaymentsError)) throw err;
    refreshAdmin();
    return {
      ok: false,
      error:
        'The payment provider refused the charge, so the shipment is left charging and retried in the background. If it stays charging, check the payment settings.',
    };
  }
  if (!outcome.ok) return { ok: false, error: outcome.error, fieldErrors: outcome.fieldErrors };
  refreshAdmin();
  switch (outcome.status) {
    case 'shipped': {
      const shipped = `Shipment ${outcome.sequence} shipped.`;
      if (outcome.chargedCents === 0) return { ok: true, message: `${shipped} Nothing was charged: it had nothing to pay for.` };
      // Read after the charge, for the message only (the charge itself read the order under its locks).
      const card = await orderCard(outcome.orderNumber);
      const charged = card ? formatMoney(outcome.chargedCents, card.currency) : `${(outcome.chargedCents / 100).toFixed(2)}`;
      return { ok: true, message: `${shipped} Charged ${charged}${card ? ` to ${cardBrandName(card.brand)} ending ${card.last4}` : ''}.` };
    }
    case 'payment_failed':
      return {
        ok: false,
        code: outcome.reason,
        error: `The payment failed: ${withoutFinalStop(outcome.message)}. Shipment ${outcome.sequence} did not ship; the shopper has been emailed.`,
      };
    case 'charging':
      return { ok: true, message: 'Charging… the provider did not answer yet; it is retried in the background.' };
  }
});
