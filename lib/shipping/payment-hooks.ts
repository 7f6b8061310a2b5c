import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { orders } from '@/db/schema';
import type { PaymentHooks } from '@/lib/payments';
import { settleRefundsFromProvider } from './refund-shipment';
import { settleCharge } from './ship-shipment';

const shipmentId = z.uuid();

/**
 * What Stripe's webhooks mean for shipments and orders (the webhook route passes these to
 * lib/payments): a charge whose answer the shipping step never got settles its shipment, in
 * whatever order the events and the step itself arrive; a card the card updater renewed shows
 * its new expiry and last 4 on the orders it pays for.
 */
export const shippingPaymentHooks: PaymentHooks = {
  async onChargeSettled(tx, settled) {
    // Attempts made outside shipping (the staff test-card page) carry other ids.
    if (!shipmentId.safeParse(settled.shipmentId).success) return;
    await settleCharge(tx, settled.shipmentId, settled.attempt, settled.result);
  },
  async onRefundsChanged(tx, state) {
    await settleRefundsFromProvider(tx, state);
  },
  async onCardUpdated(tx, card) {
    await tx
      .update(orders)
      .set({ cardBrand: card.brand, cardLast4: card.last4, cardExpMonth: card.expMonth, cardExpYear: card.expYear, updatedAt: sql`now()` })
      .where(eq(orders.stripePaymentMethodId, card.paymentMethodId));
  },
};
