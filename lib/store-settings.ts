import 'server-only';
import { shippingFlatRateCents } from '@/lib/checkout/config';
import { handlingDays } from '@/lib/purchasing/handling-days';

type Env = Record<string, string | undefined>;

/**
 * The store's settings that pages and jobs read as they go (SHIPPING_FLAT_RATE_CENTS,
 * HANDLING_DAYS), checked once when a server or the worker starts: a bad one stops it with one
 * line saying what to set, instead of failing every page that shows a price or a date.
 */
export function checkStoreSettingsAtStart(env: Env = process.env, exit: (code: number) => never = (code) => process.exit(code)): void {
  try {
    shippingFlatRateCents(env);
    handlingDays(env);
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    console.error(`Refusing to start: ${err.message}`);
    exit(1);
  }
}
