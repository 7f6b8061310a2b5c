import 'server-only';
import type { Database } from '@/db/client';
import { deliverPendingWebhooks, type DeliverOptions, type SendWebhook } from '../deliveries';
import { EMULATOR_ENV } from './fixtures';

/** Keys that would take the route out of emulator mode, or change how it is sent webhooks, if they leaked in from the shell. */
const STRIPE_ENV = ['STRIPE_SECRET_KEY', 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_EMULATOR', 'STRIPE_EMULATOR_WEBHOOK_CHAOS'];

/**
 * The app's Stripe webhook route, loaded in this process, and the emulator's pending webhooks
 * delivered to it as the server's timer would deliver them over HTTP. The route uses the app's
 * database handle and reads process.env on every request, so the environment is set (this run's
 * database, no Stripe keys) before the route is imported. Vitest only: pass `inject('databaseUrl')`
 * (this module does not import vitest, the e2e specs load the same index), and call
 * closeAppDatabase() in afterAll for the handle the route opened.
 */
export async function webhookRouteDelivery(database: Database, databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  for (const name of STRIPE_ENV) delete process.env[name];
  const { POST } = await import('@/app/api/webhooks/stripe/route');
  const send: SendWebhook = (url, init) => POST(new Request(url, init));
  const deliver = (options: DeliverOptions = {}) => deliverPendingWebhooks({ database, env: EMULATOR_ENV, send, ...options });
  const closeAppDatabase = async () => {
    await (globalThis as { __inboundDb?: { sql: { end(): Promise<void> } } }).__inboundDb?.sql.end();
  };
  return { POST, deliver, closeAppDatabase };
}
