import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { db as appDb, type Database } from '@/db/client';
import { orders, shipments } from '@/db/schema';

export interface FailedPayment {
  shipmentId: string;
  orderNumber: number;
  sequence: number;
  fullName: string;
  email: string;
  amountCents: number;
  currency: string;
  /** shipments.failure_code: authentication_required, card_declined or expired_card. */
  failureCode: string | null;
  /** When the charge failed (the shipment's last change). */
  failedAt: Date;
}

/**
 * Shipments whose charge failed when staff pressed "Ship": they wait for the shopper (who was
 * emailed) to authenticate or give another card. Oldest failure first, the one waiting longest.
 */
export async function paymentFailedShipments(database: Database = appDb, limit = 20): Promise<FailedPayment[]> {
  return database
    .select({
      shipmentId: shipments.id,
      orderNumber: orders.number,
      sequence: shipments.sequence,
      fullName: orders.fullName,
      email: orders.email,
      amountCents: shipments.amountCents,
      currency: shipments.currency,
      failureCode: shipments.failureCode,
      failedAt: shipments.updatedAt,
    })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(eq(shipments.status, 'payment_failed'))
    .orderBy(asc(shipments.updatedAt), asc(orders.number))
    .limit(limit);
}
