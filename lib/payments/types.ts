import type { ChargeFailureCode } from '@/db/schema';

/** The app's view of a saved card: enough to show "Visa ending 4242, expires 12/2029". */
export interface SavedCard {
  paymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/**
 * Why a charge did not go through, as a closed set the shipping job handles:
 * - authentication_required: email the shopper a link to authenticate (3DS) on the same PaymentIntent.
 * - card_declined (with the bank's decline code) and expired_card: ask for a new card.
 * - transient: the outcome is unknown (network, 5xx, 429): retry later with the SAME attempt number.
 */
export type ChargeFailure =
  | { code: 'authentication_required'; message: string }
  | { code: 'card_declined'; declineCode: string; message: string }
  | { code: 'expired_card'; message: string }
  | { code: 'transient'; message: string };

export type ChargeResult =
  | { status: 'succeeded'; paymentIntentId: string }
  /** A shipment of 0 ships without a charge: Stripe was not called and no attempt was recorded. */
  | { status: 'not_charged'; reason: 'zero_amount'; paymentIntentId: null }
  | { status: 'failed'; paymentIntentId: string | null; failure: ChargeFailure };

export type { ChargeFailureCode };
