import 'server-only';
import { orderEvents } from '@/db/schema';
import type { Executor } from '@/db/client';

/** Every kind of order event. Add new kinds here, so the set stays in one place. */
export const ORDER_EVENT_TYPES = [
  'order.placed',
  'shipment.planned',
  'line.allocated',
  'shipment.ready',
  'line.date_changed',
  'line.cancelled',
  'shipment.cancelled',
  'order.cancelled',
  'order.status_changed',
  'shipment.shipping_moved',
  'shipment.charging',
  'shipment.payment_failed',
  'shipment.shipped',
  'shipment.refund_requested',
  'shipment.refunded',
  'shipment.refund_failed',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export interface OrderEventInput {
  orderId: string;
  shipmentId?: string | null;
  type: OrderEventType;
  fromStatus?: string | null;
  toStatus?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Records a status change. Call it in the same transaction as the change itself: the events
 * table is the one history of every order and shipment.
 */
export async function recordOrderEvents(tx: Executor, events: OrderEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(orderEvents).values(
    events.map((e) => ({
      orderId: e.orderId,
      shipmentId: e.shipmentId ?? null,
      type: e.type,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      data: e.data ?? {},
    })),
  );
}
