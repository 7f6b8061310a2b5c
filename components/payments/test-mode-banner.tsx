import 'server-only';
import { paymentsMode, type Env } from '@/lib/payments/config';

/**
 * Shown at the top of every storefront page while the Stripe emulator runs, so nobody takes the
 * store for one that charges real cards. Nothing in Stripe mode. A server component: the mode
 * never reaches the browser as code, only as this line.
 */
export function TestModeBanner({ env = process.env }: { env?: Env } = {}) {
  if (paymentsMode(env) !== 'emulator') return null;
  return (
    // A landmark of its own (complementary), so it is found by name and is not stray content.
    <aside aria-label="Payments test mode" className="bg-amber-200 px-4 py-1 text-center text-sm font-medium text-amber-950">
      <p>Test mode: no real payments</p>
    </aside>
  );
}
