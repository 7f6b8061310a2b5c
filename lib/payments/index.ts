import 'server-only';

/**
 * Payments: the only code that talks to Stripe (or to the emulator that stands in for it).
 * Everything exported here speaks the app's types; no Stripe type leaves lib/payments.
 * See docs/payments.md.
 */
export { createCheckoutCustomer, getOrCreateCustomer } from './customers';
export { checkSetupIntent, createSetupIntent, verifySetupIntent, type SetupIntentState } from './setup-intents';
export { listSavedCards } from './saved-cards';
export { chargeShipment, idempotencyKeyFor, type ChargeShipmentInput } from './charge-shipment';
export { refundPayment, type RefundPaymentInput, type RefundResult, type RefundsState, type RefundStatus } from './refunds';
export { handleStripeWebhook } from './webhooks/handle-webhook';
export type { PaymentHooks } from './webhooks/apply-event';
export { paymentsMode, publicPaymentsConfig, PaymentsConfigError, type PublicPaymentsConfig } from './config';
export { loadEmulator, type Emulator } from './load-emulator';
export { PaymentsError, type PaymentsErrorCode } from './errors';
export { cardFailureMessage } from './card-messages';
export type { ChargeFailure, ChargeResult, SavedCard } from './types';
