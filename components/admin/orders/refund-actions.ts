'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/staff-action';
import { formatMoney } from '@/lib/money/format';
import { orderCard } from '@/lib/orders/admin-orders';
import { PaymentsError } from '@/lib/payments';
import { cardBrandName } from '@/lib/payments/browser/card-display';
import { refundForm, refundShipment, type RefundOutcome } from '@/lib/shipping/refund-shipment';

// A refund changes the order's page, its timeline and emails (and the shopper's page reads the same rows).
const refreshAdmin = () => revalidatePath('/admin', 'layout');

/**
 * "Refund selected units" / "Refund whole shipment" on a shipped shipment (lib/shipping): the
 * card is refunded and the shopper emailed. A refusal is answered with the reason and changes
 * nothing; a refund the provider has not answered yet stays pending and is retried.
 */
export const refundShipmentAction = staffAction(refundForm, async (input, staff) => {
  let outcome: RefundOutcome;
  try {
    outcome = await refundShipment(input, staff.email);
  } catch (err) {
    // Not the bank's answer but the provider refusing the request (a configuration problem): the
    // refund stays pending, reserved on the shipment, and the background sweep asks again.
    if (!(err instanceof PaymentsError)) throw err;
    refreshAdmin();
    return {
      ok: false,
      error: 'The payment provider refused the refund, so it is left pending and retried in the background. If it stays pending, check the payment settings.',
    };
  }
  if (!outcome.ok) {
    // A refusal from the provider wrote its failure into the timeline.
    if (outcome.code === 'refused') refreshAdmin();
    return { ok: false, code: outcome.code, error: outcome.error };
  }
  refreshAdmin();
  if (outcome.status === 'pending') return { ok: true, message: 'The refund is being processed; it is retried in the background.' };
  // Read after the refund, for the message only.
  const card = await orderCard(outcome.orderNumber);
  const amount = card ? formatMoney(outcome.amountCents, card.currency) : `${(outcome.amountCents / 100).toFixed(2)}`;
  return {
    ok: true,
    message: `Refunded ${amount}${card ? ` to ${cardBrandName(card.brand)} ending ${card.last4}` : ''}. The shopper has been emailed.`,
  };
});
