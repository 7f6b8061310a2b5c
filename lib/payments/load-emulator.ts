import 'server-only';
import { paymentsMode, type Env } from './config';

export type Emulator = typeof import('./emulator');

/**
 * The Stripe emulator's module in emulator mode, null in Stripe mode. The one way code outside
 * lib/payments/emulator reaches it (the /v1 route, the admin's payments page, the controls,
 * instrumentation): a dynamic import, so a Stripe-mode server never loads it. Throws
 * PaymentsConfigError for a configuration the app refuses.
 */
export async function loadEmulator(env: Env = process.env): Promise<Emulator | null> {
  return paymentsMode(env) === 'emulator' ? import('./emulator') : null;
}
