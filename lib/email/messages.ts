/**
 * What each kind of email carries: the payload stored on its outbox row (a snapshot taken in the
 * transaction of the change) and its subject line. Templates (components/email) render a payload;
 * nothing here touches the database, so the admin, the worker and tests share it.
 */
import type { EmailKind } from '@/db/schema/email';

export interface OrderReceivedLine {
  /** "Cast-iron skillet — 10 inch". */
  title: string;
  quantity: number;
  /** What these units of the line cost in this shipment. */
  amountCents: number;
}

export interface OrderReceivedShipment {
  sequence: number;
  kind: 'now' | 'backorder' | 'preorder';
  /** Null for 'now'; the ship-by date (backorder) or the release date (pre-order) otherwise, YYYY-MM-DD. */
  date: string | null;
  lines: OrderReceivedLine[];
  itemsCents: number;
  shippingCents: number;
  /** What the saved card is charged when this shipment ships. */
  amountCents: number;
}

export interface OrderReceivedPayload {
  orderNumber: number;
  /** The order page: the long random link, absolute. */
  orderUrl: string;
  fullName: string;
  /** formatAddress() lines of the shipping address. */
  shipTo: string[];
  currency: string;
  itemsCents: number;
  shippingCents: number;
  totalCents: number;
  card: { brand: string; last4: string };
  shipments: OrderReceivedShipment[];
  /** The day the order was placed (UTC), YYYY-MM-DD: dates in the email are written relative to it. */
  placedOn: string;
}

export interface BackInStockPayload {
  productTitle: string;
  variantTitle: string;
  /** lineTitle(productTitle, variantTitle). */
  title: string;
  /** The product page, absolute. */
  productUrl: string;
  priceCents: number;
  currency: string;
  /** How it can be had now: in stock, backordered with its ship-by date, or pre-order with its release date. */
  offer: { state: 'in_stock' | 'backorder' | 'preorder'; date: string | null };
  /** The day the message was written (UTC), YYYY-MM-DD. */
  writtenOn: string;
  /** The page with the one-click unsubscribe button, absolute (the link in the message body). */
  unsubscribeUrl: string;
  /** RFC 8058 one-click endpoint (List-Unsubscribe with List-Unsubscribe-Post), absolute. */
  oneClickUnsubscribeUrl: string;
}

export interface DateChangedLine {
  /** lineTitle(productTitle, variantTitle). */
  title: string;
  /** Units of the line still waiting. */
  quantity: number;
  /** The date the shopper had (YYYY-MM-DD). */
  previousDate: string;
  /** The new date, or null when there is none yet (an indefinite delay). */
  newDate: string | null;
  /** The date promised at placement. */
  promisedDate: string;
  /** This line's delay needs the shopper's agreement (the others in the message stand unless cancelled). */
  needsAgreement: boolean;
}

export interface DateChangedPayload {
  orderNumber: number;
  /** The order page, absolute. */
  orderUrl: string;
  /** Links that open the order page to agree to the new date or to cancel the delayed items. */
  agreeUrl: string;
  cancelUrl: string;
  fullName: string;
  lines: DateChangedLine[];
  /**
   * US FTC Mail Order Rule: false for a first delay of up to 30 days past the promise (it stands
   * unless the shopper cancels); true when the shopper must agree, or the items are cancelled.
   */
  needsAgreement: boolean;
  /** When needsAgreement: the day the items are cancelled without an answer (the earliest promise). */
  answerBy: string | null;
  /** The day the message was written (UTC), YYYY-MM-DD. */
  writtenOn: string;
}

export interface PreorderReleasedPayload {
  orderNumber: number;
  orderUrl: string;
  fullName: string;
  /** The released lines: `shipsNow` units are allocated and ship within days; the rest wait, with `date` (null: no date yet). */
  lines: { title: string; quantity: number; shipsNow: number; date: string | null }[];
  writtenOn: string;
}

export interface PreorderReminderPayload {
  orderNumber: number;
  orderUrl: string;
  fullName: string;
  /** The release date, YYYY-MM-DD. */
  releaseDate: string;
  lines: { title: string; quantity: number }[];
  writtenOn: string;
}

export interface OrderCancelledPayload {
  orderNumber: number;
  orderUrl: string;
  fullName: string;
  currency: string;
  /**
   * staff: the store cancelled them; no_agreement: a delay needed the shopper's agreement (US FTC
   * Mail Order Rule) and none came by `answerBy`.
   */
  reason: 'staff' | 'no_agreement';
  /** With no_agreement: the day the answer was due, YYYY-MM-DD. */
  answerBy: string | null;
  /** The cancelled units of each line and what they would have cost. */
  lines: { title: string; quantity: number; amountCents: number }[];
  /** The whole order is cancelled now (nothing is left to ship). */
  orderCancelled: boolean;
  /** What the rest of the order comes to, charged shipment by shipment (0 when the order is cancelled). */
  remainingCents: number;
  writtenOn: string;
}

export interface ShipmentShippedPayload {
  orderNumber: number;
  orderUrl: string;
  fullName: string;
  currency: string;
  /** "Shipment 2 of 3". */
  sequence: number;
  shipmentCount: number;
  lines: { title: string; quantity: number; amountCents: number }[];
  itemsCents: number;
  shippingCents: number;
  /** What the card was charged for this shipment (0: nothing to charge). */
  chargedCents: number;
  card: { brand: string; last4: string };
  carrier: string | null;
  trackingNumber: string | null;
  /** A link to the carrier's tracking page, when the carrier is one we know. */
  trackingUrl: string | null;
  /** formatAddress() lines of the shipping address. */
  shipTo: string[];
  /** Shipments of the order still to come. */
  shipmentsLeft: number;
  writtenOn: string;
}

export interface PaymentActionNeededPayload {
  orderNumber: number;
  /** The order page, where the shopper can authenticate or give another card. */
  orderUrl: string;
  fullName: string;
  currency: string;
  sequence: number;
  amountCents: number;
  card: { brand: string; last4: string };
  /** authentication_required: the bank wants the shopper to confirm; the others need another card. */
  reason: 'authentication_required' | 'card_declined' | 'expired_card';
  lines: { title: string; quantity: number }[];
  writtenOn: string;
}

export interface ShipmentRefundedPayload {
  orderNumber: number;
  orderUrl: string;
  fullName: string;
  currency: string;
  sequence: number;
  /** What was refunded: lines (units and their amount) and the shipping fee when the whole shipment was. */
  lines: { title: string; quantity: number; amountCents: number }[];
  shippingCents: number;
  amountCents: number;
  card: { brand: string; last4: string };
  writtenOn: string;
}

export interface EmailPayloads {
  order_received: OrderReceivedPayload;
  back_in_stock: BackInStockPayload;
  date_changed: DateChangedPayload;
  preorder_released: PreorderReleasedPayload;
  preorder_reminder: PreorderReminderPayload;
  order_cancelled: OrderCancelledPayload;
  shipment_shipped: ShipmentShippedPayload;
  payment_action_needed: PaymentActionNeededPayload;
  shipment_refunded: ShipmentRefundedPayload;
}

export type EmailMessage = { [K in EmailKind]: { kind: K; payload: EmailPayloads[K] } }[EmailKind];

export const EMAIL_KIND_LABELS: Record<EmailKind, string> = {
  order_received: 'Order received',
  back_in_stock: 'Back in stock',
  date_changed: 'Date changed',
  preorder_released: 'Pre-order released',
  preorder_reminder: 'Pre-order reminder',
  order_cancelled: 'Cancelled',
  shipment_shipped: 'Shipped',
  payment_action_needed: 'Payment needs action',
  shipment_refunded: 'Refunded',
};

export function subjectOf(message: EmailMessage, storeName: string): string {
  switch (message.kind) {
    case 'order_received':
      return `Order received: ${storeName} order ${message.payload.orderNumber}`;
    case 'back_in_stock':
      return `Back in stock: ${message.payload.title}`;
    case 'date_changed':
      return message.payload.needsAgreement
        ? `Action needed: a new date for ${storeName} order ${message.payload.orderNumber}`
        : `New date for ${storeName} order ${message.payload.orderNumber}`;
    case 'preorder_released':
      return `Released: your pre-order in ${storeName} order ${message.payload.orderNumber}`;
    case 'preorder_reminder':
      return `Ships in 3 days: your pre-order in ${storeName} order ${message.payload.orderNumber}`;
    case 'order_cancelled':
      return message.payload.orderCancelled
        ? `Cancelled: ${storeName} order ${message.payload.orderNumber}`
        : `Items cancelled from ${storeName} order ${message.payload.orderNumber}`;
    case 'shipment_shipped':
      return message.payload.shipmentCount > 1
        ? `Shipped: part ${message.payload.sequence} of ${storeName} order ${message.payload.orderNumber}`
        : `Shipped: ${storeName} order ${message.payload.orderNumber}`;
    case 'payment_action_needed':
      return `Action needed: payment for ${storeName} order ${message.payload.orderNumber}`;
    case 'shipment_refunded':
      return `Refund for ${storeName} order ${message.payload.orderNumber}`;
  }
}

/** Headers a kind adds to the standard ones. Back-in-stock messages are list mail: one-click unsubscribe (RFC 8058). */
export function extraHeadersOf(message: EmailMessage): Record<string, string> {
  switch (message.kind) {
    case 'order_received':
    case 'date_changed':
    case 'preorder_released':
    case 'preorder_reminder':
    case 'order_cancelled':
    case 'shipment_shipped':
    case 'payment_action_needed':
    case 'shipment_refunded':
      return {};
    case 'back_in_stock':
      return {
        'List-Unsubscribe': `<${message.payload.oneClickUnsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      };
  }
}
