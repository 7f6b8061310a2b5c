import 'server-only';

/**
 * Payments: the only code that talks to Stripe (or to the emulator that stands in for it).
 * Everything exported here speaks the app's types; no Stripe type leaves lib/payments.
 * See docs/payments.md.
 */
export { getOrCreateCustomer } from './customers';
export { createSetupIntent, verifySetupIntent } from './setup-intents';
export { listSavedCards } from './saved-cards';
export { chargeShipment, idempotencyKeyFor, type ChargeShipmentInput } from './charge-shipment';
export { handleStripeWebhook } from './webhooks/handle-webhook';
export { handleEmulatorHttpRequest } from './emulator-route';
export { expireSavedCard, finishEmulatedAuthentication, updateSavedCardExpiry } from './emulator-controls';
export { deliverPendingWebhooks, startWebhookDeliveryLoop } from './emulator/deliveries';
export { TEST_CARDS } from './emulator/test-cards';
export { publicPaymentsConfig, PaymentsConfigError, type PublicPaymentsConfig } from './config';
export { PaymentsError, type PaymentsErrorCode } from './errors';
export type { ChargeFailure, ChargeResult, SavedCard } from './types';
