/**
 * Staff's words for why a shipment's charge did not go through (shipments.failure_code), for the
 * admin's order page and dashboard. Shoppers read the "payment needs action" email instead. Pure.
 */
const FAILURE_TEXT: Record<string, string> = {
  authentication_required: 'authentication required',
  card_declined: 'card declined',
  expired_card: 'card expired',
};

/** "card declined"; a code this list does not know reads as a plain failure. */
export function paymentFailureText(code: string | null): string {
  return (code && FAILURE_TEXT[code]) || 'the charge did not go through';
}
