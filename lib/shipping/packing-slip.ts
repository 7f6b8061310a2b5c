import 'server-only';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { db as appDb, type Database } from '@/db/client';
import { orderLines, orders, shipmentLines, shipments, type ShipmentKind, type ShipmentStatus } from '@/db/schema';
import { lineTitle } from '@/lib/catalog/line-title';
import type { PostalAddress } from '@/lib/checkout/address-format';
import { parseOrderNumber } from '@/lib/orders/admin-orders';
import { shipToColumns } from '@/lib/orders/ship-to-columns';

/** What goes in the box with one shipment: who it is for and what to pack. No prices. */
export interface PackingSlip {
  orderNumber: number;
  sequence: number;
  /** Shipments of the order, cancelled ones included, as the order page numbers them ("2 of 3"). */
  shipmentCount: number;
  kind: ShipmentKind;
  status: ShipmentStatus;
  placedAt: Date;
  address: PostalAddress;
  /** The lines still in the shipment (cancelled ones are not packed), in the order's line order. */
  lines: { title: string; sku: string; quantity: number }[];
}

/** A shipment's sequence from the URL ("2"); null for anything else. */
function parseSequence(text: string): number | null {
  if (!/^\d{1,4}$/.test(text)) return null;
  const sequence = Number(text);
  return sequence >= 1 ? sequence : null;
}

/**
 * The packing slip of shipment `sequence` of order `number`; null when either is malformed or
 * unknown, and for a cancelled shipment (there is nothing to pack).
 */
export async function packingSlipFor(numberText: string, sequenceText: string, database: Database = appDb): Promise<PackingSlip | null> {
  const number = parseOrderNumber(numberText);
  const sequence = parseSequence(sequenceText);
  if (number === null || sequence === null) return null;
  const [found] = await database
    .select({
      orderId: orders.id,
      shipmentId: shipments.id,
      kind: shipments.kind,
      status: shipments.status,
      placedAt: orders.placedAt,
      ...shipToColumns,
    })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(and(eq(orders.number, number), eq(shipments.sequence, sequence)));
  if (!found || found.status === 'cancelled') return null;
  const [lines, [counted]] = await Promise.all([
    database
      .select({ productTitle: orderLines.productTitle, variantTitle: orderLines.variantTitle, sku: orderLines.sku, quantity: shipmentLines.quantity })
      .from(shipmentLines)
      .innerJoin(orderLines, eq(orderLines.id, shipmentLines.orderLineId))
      .where(and(eq(shipmentLines.shipmentId, found.shipmentId), isNull(shipmentLines.cancelledAt)))
      .orderBy(asc(orderLines.position)),
    database.select({ shipments: count() }).from(shipments).where(eq(shipments.orderId, found.orderId)),
  ]);
  return {
    orderNumber: number,
    sequence,
    shipmentCount: counted?.shipments ?? 1,
    kind: found.kind,
    status: found.status,
    placedAt: found.placedAt,
    address: {
      fullName: found.fullName,
      addressLine: found.addressLine,
      city: found.city,
      region: found.region,
      postalCode: found.postalCode,
      country: found.country,
    },
    lines: lines.map((l) => ({ title: lineTitle(l.productTitle, l.variantTitle), sku: l.sku, quantity: l.quantity })),
  };
}
