/**
 * Failures of lib/payments operations that are not charge outcomes (those are ChargeResult):
 * a SetupIntent that cannot be trusted, a provider that is down, a misuse.
 */
export type PaymentsErrorCode =
  /** The Stripe object does not exist (wrong id, or made in the other mode). */
  | 'not_found'
  /** The SetupIntent belongs to another Customer than the shopper's. */
  | 'customer_mismatch'
  /** The SetupIntent has not succeeded (yet): status in the message. */
  | 'setup_not_succeeded'
  /** What was saved is not a card. */
  | 'not_a_card'
  /** A charge attempt number was reused with another amount, currency, customer or card. */
  | 'attempt_mismatch'
  /** Stripe (or the emulator) could not be reached or kept failing: try again later. */
  | 'provider_unavailable'
  /** Stripe refused the request: a bug or a configuration problem, not the shopper's doing. */
  | 'provider_rejected';

export class PaymentsError extends Error {
  constructor(
    readonly code: PaymentsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PaymentsError';
  }
}
