import 'server-only';

/**
 * The offline Stripe emulator: everything it is, behind this one entry. The app loads it with
 * `await import('@/lib/payments/emulator')` (lib/payments/load-emulator.ts) and only in emulator
 * mode, so a Stripe-mode server never runs, or even loads, a line of it. Its tables are in
 * db/schema/stripe-emulator.ts and nothing outside this folder reads them.
 * lib/payments/emulator-boundary.test.ts enforces both. See docs/payments.md.
 */

// The API: in-process for stripe-node (lib/payments/stripe-client.ts), over HTTP for the browser.
export { handleEmulatorRequest, type EmulatorRequestOptions } from './handler';

// Webhook delivery to the app's own webhook route.
export { deliverPendingWebhooks, startWebhookDeliveryLoop, MAX_DELIVERY_ATTEMPTS, type SendWebhook, type DeliveryReport } from './deliveries';

// Controls (what Stripe test mode cannot do) and the admin's development page.
export { expireSavedCard, finishEmulatedAuthentication, updateSavedCard } from './control-functions';
export { emulatorOverview, type EmulatorOverview, type EmulatorPaymentIntentRow, type EmulatorSavedCardRow, type EmulatorSetupIntentRow } from './overview';
export { TEST_CARDS } from './test-cards';
export { emulatorKeys, type EmulatorKeys } from './keys';

// Test helpers are behind ./testing (lib/payments/emulator/testing/index.ts), never in the app's bundle.
