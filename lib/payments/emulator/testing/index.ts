import 'server-only';

/**
 * The emulator's helpers for tests (vitest and the e2e specs): fixtures that drive it with the
 * real stripe SDK, a saved test card, and what tests may look at in its tables. Not part of
 * the emulator's index, so none of this is in the app's emulator chunk;
 * lib/payments/emulator-boundary.test.ts checks that only tests import it.
 */
export {
  EMULATOR_ENV,
  emulatorPublishableKey,
  emulatorSecretKey,
  emulatorWebhookSecret,
  browserConfirmSetup,
  browserFinishAuthentication,
  emulatorClient,
  emulatorFetch,
  faulty,
  futureExpiry,
  signedWebhookRequest,
  type Fault,
  type Json,
} from './fixtures';
export { saveTestCard, settleEmulatorWebhooks } from './saved-card';
export { webhookRouteDelivery } from './webhook-route';
export {
  cancelEmulatorSetupIntent,
  discardPendingWebhooks,
  emulatorChargeCounts,
  emulatorCustomerCount,
  emulatorEventsFor,
  emulatorObject,
  pendingWebhookDelivery,
} from './inspect';
