import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { db as appDb, type Database } from '@/db/client';
import { orders, shipmentLines, shipments } from '@/db/schema';
import type { PostalAddress } from '@/lib/checkout/address-format';
import { shipToColumns } from './ship-to-columns';

export interface ReadyShipment {
  shipmentId: string;
  orderNumber: number;
  fullName: string;
  /** Where it goes, for the packing slip. */
  address: PostalAddress;
  units: number;
  amountCents: number;
  currency: string;
  placedAt: Date;
}

/**
 * Shipments whose units are all allocated (committed from stock at placement, or filled by
 * receiving): they can be packed now. Oldest order first, which is the order they should leave in.
 */
export async function readyToShip(database: Database = appDb, limit = 20): Promise<ReadyShipment[]> {
  const rows = await database
    .select({
      shipmentId: shipments.id,
      orderNumber: orders.number,
      ...shipToColumns,
      units: sql<number>`coalesce(sum(${shipmentLines.quantity}), 0)::int`,
      amountCents: shipments.amountCents,
      currency: shipments.currency,
      placedAt: orders.placedAt,
    })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .leftJoin(shipmentLines, and(eq(shipmentLines.shipmentId, shipments.id), isNull(shipmentLines.cancelledAt)))
    .where(eq(shipments.status, 'ready_to_ship'))
    .groupBy(shipments.id, orders.id)
    .orderBy(asc(orders.placedAt))
    .limit(limit);
  return rows.map(({ addressLine, city, region, postalCode, country, ...row }) => ({
    ...row,
    address: { fullName: row.fullName, addressLine, city, region, postalCode, country },
  }));
}
