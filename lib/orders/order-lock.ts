import 'server-only';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { orders, shipments } from '@/db/schema';
import { shipToColumns } from './ship-to-columns';

export type OrderRef = { number: number } | { orderId: string } | { shipmentId: string };

function matching(ref: OrderRef): SQL {
  if ('number' in ref) return eq(orders.number, ref.number);
  if ('orderId' in ref) return eq(orders.id, ref.orderId);
  return sql`${orders.id} = (select ${shipments.orderId} from ${shipments} where ${shipments.id} = ${ref.shipmentId})`;
}

/**
 * The order row, locked for the rest of the transaction: every change to an order (cancelling,
 * shipping, refunding) takes it first, so two changes to one order take turns. Not FOR UPDATE: a
 * receipt that holds one of the order's variants writes this order's events, whose foreign key
 * takes KEY SHARE on the row, and FOR UPDATE would make the two wait on each other.
 */
export async function lockOrder(tx: Executor, ref: OrderRef) {
  const [order] = await tx
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      token: orders.publicToken,
      email: orders.email,
      ...shipToColumns,
      currency: orders.currency,
      customerId: orders.stripeCustomerId,
      paymentMethodId: orders.stripePaymentMethodId,
      cardBrand: orders.cardBrand,
      cardLast4: orders.cardLast4,
    })
    .from(orders)
    .where(matching(ref))
    .for('no key update');
  return order;
}
