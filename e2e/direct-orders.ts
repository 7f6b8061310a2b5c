/**
 * Orders written straight to the database for the specs that aim admin actions at them. Placing
 * one would queue an email, and the worker sending it would change the database under the specs'
 * snapshots and fingerprints.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/connect';
import { orderLines, orders, products, shipmentLines, shipments, stockMovements, variants } from '../db/schema';

/** The card an order is paid with: a real one saved in the emulator, or a made-up one for orders that are never charged. */
export interface OrderCard {
  customerId: string;
  paymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export const UNCHARGED_CARD: OrderCard = { customerId: 'cus_e2e', paymentMethodId: 'pm_e2e', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 };

export interface DirectOrder {
  number: number;
  lineId: string;
  shipmentId: string;
}

/**
 * An order of one unit of a new unpublished product's variant ($10.00, no shipping fee), `key`
 * unique per order. 'ready': the unit committed from stock and its shipment ready to ship;
 * 'cancelled': the order, its line and its shipment cancelled, no stock involved.
 */
export async function insertOneUnitOrder(db: Database, key: string, state: 'ready' | 'cancelled', card: OrderCard = UNCHARGED_CARD): Promise<DirectOrder> {
  const name = `e2e-order-${key}`;
  const ready = state === 'ready';
  const [product] = await db.insert(products).values({ slug: name, title: 'E2E order', published: false }).returning({ id: products.id, slug: products.slug });
  const [variant] = await db
    .insert(variants)
    .values({ productId: product!.id, sku: name.toUpperCase(), title: 'Default', priceCents: 1000, onHand: ready ? 1 : 0, committed: ready ? 1 : 0 })
    .returning({ id: variants.id, sku: variants.sku });
  if (ready) {
    await db.insert(stockMovements).values({ variantId: variant!.id, kind: 'opening', change: 1, onHandAfter: 1, reason: 'Opening stock', actor: 'e2e' });
  }
  const [order] = await db
    .insert(orders)
    .values({
      publicToken: randomBytes(32).toString('base64url'),
      idempotencyKey: name,
      status: ready ? 'placed' : 'cancelled',
      email: `${name}@e2e.test`,
      fullName: 'E2E Shopper',
      addressLine: '1 Main St',
      city: 'Portland',
      region: 'OR',
      postalCode: '97201',
      country: 'US',
      currency: 'USD',
      itemsCents: 1000,
      shippingCents: 0,
      totalCents: 1000,
      stripeCustomerId: card.customerId,
      stripeSetupIntentId: 'seti_e2e',
      stripePaymentMethodId: card.paymentMethodId,
      cardBrand: card.brand,
      cardLast4: card.last4,
      cardExpMonth: card.expMonth,
      cardExpYear: card.expYear,
    })
    .returning({ id: orders.id, number: orders.number });
  const cancelledAt = ready ? null : new Date();
  const [line] = await db
    .insert(orderLines)
    .values({
      orderId: order!.id,
      position: 1,
      variantId: variant!.id,
      productSlug: product!.slug,
      productTitle: 'E2E order',
      variantTitle: 'Default',
      sku: variant!.sku,
      unitPriceCents: 1000,
      quantity: 1,
      shipNowQuantity: 1,
      laterQuantity: 0,
      lineTotalCents: 1000,
      cancelledQuantity: ready ? 0 : 1,
      cancelledAt,
    })
    .returning({ id: orderLines.id });
  const [shipment] = await db
    .insert(shipments)
    .values({
      orderId: order!.id,
      sequence: 1,
      kind: 'now',
      status: ready ? 'ready_to_ship' : 'cancelled',
      currency: 'USD',
      itemsCents: ready ? 1000 : 0,
      shippingCents: 0,
      amountCents: ready ? 1000 : 0,
    })
    .returning({ id: shipments.id });
  await db.insert(shipmentLines).values({ shipmentId: shipment!.id, orderLineId: line!.id, quantity: 1, amountCents: 1000, cancelledAt });
  return { number: order!.number, lineId: line!.id, shipmentId: shipment!.id };
}
