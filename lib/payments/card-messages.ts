import { PaymentsError } from './errors';

export const PROVIDER_UNAVAILABLE = 'We could not reach the payment provider. Nothing was saved or charged; try again in a moment.';

/**
 * What a person is told when saving or checking a card fails, the same on every surface that
 * saves cards (checkout, the staff test-card saver). `otherSession` is said when the card belongs
 * to another checkout or session, which each surface words for its own flow. Null for failures
 * that are bugs, not the person's doing: the caller rethrows those.
 */
export function cardFailureMessage(err: unknown, otherSession: string): string | null {
  if (!(err instanceof PaymentsError)) return null;
  switch (err.code) {
    case 'setup_not_succeeded':
      return 'Your card has not been saved yet. Save your card, then continue.';
    case 'customer_mismatch':
    case 'not_found':
      return otherSession;
    case 'not_a_card':
      return 'Only cards can be saved for later charges. Save a card to continue.';
    case 'provider_unavailable':
    case 'provider_rejected':
      return PROVIDER_UNAVAILABLE;
    default:
      return null;
  }
}
