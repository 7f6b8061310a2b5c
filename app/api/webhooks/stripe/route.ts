import { db } from '@/db/client';
import { handleStripeWebhook } from '@/lib/payments';
import { paymentsClient } from '@/lib/payments/stripe-client';
import { shippingPaymentHooks } from '@/lib/shipping/payment-hooks';

// Stripe's (or the emulator's) signed events. The signature is checked on the raw body.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleStripeWebhook(request, db, paymentsClient(db), shippingPaymentHooks);
}
