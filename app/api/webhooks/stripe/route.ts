import { handleStripeWebhook } from '@/lib/payments/webhooks/handle-webhook';

// Stripe's (or the emulator's) signed events. The signature is checked on the raw body.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleStripeWebhook(request);
}
