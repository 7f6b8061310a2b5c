/**
 * Turns an outbox message into what a transport sends: subject, HTML, plain text and extra headers.
 * No database and no secrets, so the worker, the admin and unit tests all use it as is.
 *
 * @react-email/render loads react-dom/server, which refuses to load under the `react-server`
 * condition: call this from the worker or a route handler's Node code, not from a Server Component.
 */
import { render, toPlainText } from '@react-email/render';
import type { ReactElement } from 'react';
import { BackInStockEmail } from '@/components/email/back-in-stock';
import { OrderCancelledEmail } from '@/components/email/order-cancelled';
import { PreorderReleasedEmail } from '@/components/email/preorder-released';
import { PreorderReminderEmail } from '@/components/email/preorder-reminder';
import { DateChangedEmail } from '@/components/email/date-changed';
import { OrderReceivedEmail } from '@/components/email/order-received';
import { PaymentActionNeededEmail } from '@/components/email/payment-action-needed';
import { ShipmentRefundedEmail } from '@/components/email/shipment-refunded';
import { ShipmentShippedEmail } from '@/components/email/shipment-shipped';
import type { StoreIdentity } from './config';
import { extraHeadersOf, subjectOf, type EmailMessage } from './messages';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

function emailElement(message: EmailMessage, identity: StoreIdentity): ReactElement {
  switch (message.kind) {
    case 'order_received':
      return <OrderReceivedEmail payload={message.payload} identity={identity} />;
    case 'back_in_stock':
      return <BackInStockEmail payload={message.payload} identity={identity} />;
    case 'date_changed':
      return <DateChangedEmail payload={message.payload} identity={identity} />;
    case 'preorder_released':
      return <PreorderReleasedEmail payload={message.payload} identity={identity} />;
    case 'preorder_reminder':
      return <PreorderReminderEmail payload={message.payload} identity={identity} />;
    case 'order_cancelled':
      return <OrderCancelledEmail payload={message.payload} identity={identity} />;
    case 'shipment_shipped':
      return <ShipmentShippedEmail payload={message.payload} identity={identity} />;
    case 'payment_action_needed':
      return <PaymentActionNeededEmail payload={message.payload} identity={identity} />;
    case 'shipment_refunded':
      return <ShipmentRefundedEmail payload={message.payload} identity={identity} />;
  }
}

// html-to-text shouts headings in capitals by default; mail reads better in the case it was written.
const HEADINGS = ['h1', 'h2', 'h3'].map((selector) => ({ selector, options: { uppercase: false } }));

export async function renderEmail(message: EmailMessage, identity: StoreIdentity): Promise<RenderedEmail> {
  const html = await render(emailElement(message, identity));
  // One React render: the text part is derived from the HTML (render's plainText option would render again).
  const text = toPlainText(html, { selectors: HEADINGS }).trim();
  return { subject: subjectOf(message, identity.name), html, text, headers: extraHeadersOf(message) };
}
