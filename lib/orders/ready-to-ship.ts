import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { db as appDb, type Database } from '@/db/client';
import { orders, shipmentLines, shipments } from '@/db/schema';

export interface ReadyShipment {
  shipmentId: string;
  orderNumber: number;
  fullName: string;
  units: number;
  amountCents: number;
  currency: string;
  placedAt: Date;
}

/**
 * Planned shipments whose units were all committed from stock at placement: they can be packed
 * now. Oldest order first, which is the order they should leave in.
 */
export async function readyToShip(database: Database = appDb, limit = 20): Promise<ReadyShipment[]> {
  return database
    .select({
      shipmentId: shipments.id,
      orderNumber: orders.number,
      fullName: orders.fullName,
      units: sql<number>`coalesce(sum(${shipmentLines.quantity}), 0)::int`,
      amountCents: shipments.amountCents,
      currency: shipments.currency,
      placedAt: orders.placedAt,
    })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .leftJoin(shipmentLines, eq(shipmentLines.shipmentId, shipments.id))
    .where(and(eq(shipments.kind, 'now'), eq(shipments.status, 'planned')))
    .groupBy(shipments.id, orders.id)
    .orderBy(asc(orders.placedAt))
    .limit(limit);
}
