import { STATE_LABELS, releasesText, shipByText } from '@/lib/catalog/availability-copy';
import type { StoreIdentity } from '@/lib/email/config';
import type { OrderReceivedPayload, OrderReceivedShipment } from '@/lib/email/messages';
import { formatMoney } from '@/lib/money/format';
import { cardBrandName } from '@/lib/payments/browser/card-display';
import { AmountRow, EmailHeading, EmailLayout, OrderLinkFooter, Panel, Paragraph, ShipToAddress } from './layout';

/**
 * "In stock — ships now", "Backordered — ships by Tue, Jan 13", "Pre-order — releases Feb 2".
 * Dates are written relative to the day of the order, so a year appears when it is needed then.
 */
export function shipmentStatusLine(shipment: Pick<OrderReceivedShipment, 'kind' | 'date'>, placedOn: string): string {
  const opts = { today: placedOn };
  switch (shipment.kind) {
    case 'now':
      return `${STATE_LABELS.in_stock} — ships now`;
    case 'backorder':
      return `${STATE_LABELS.backorder} — ${shipByText(shipment.date!, opts)}`;
    case 'preorder':
      return `${STATE_LABELS.preorder} — ${releasesText(shipment.date!, opts)}`;
  }
}

export function OrderReceivedEmail({ payload, identity }: { payload: OrderReceivedPayload; identity: StoreIdentity }) {
  const { colors } = identity;
  const money = (cents: number) => formatMoney(cents, payload.currency);
  const card = `${cardBrandName(payload.card.brand)} ending in ${payload.card.last4}`;
  const count = payload.shipments.length;

  return (
    <EmailLayout identity={identity} preview={`We have your order ${payload.orderNumber}. Nothing is charged until it ships.`}>
      <EmailHeading colors={colors}>Order received</EmailHeading>
      <Paragraph colors={colors}>Hi {payload.fullName},</Paragraph>
      <Paragraph colors={colors}>Thank you for your order. We have order {payload.orderNumber} and will email you as each shipment goes out.</Paragraph>
      <Paragraph colors={colors} strong>
        Nothing has been charged yet. Each shipment is charged to your {card} when it ships.
      </Paragraph>

      {payload.shipments.map((shipment, index) => (
        <Panel key={shipment.sequence}>
          <EmailHeading colors={colors} level={2}>
            Shipment {index + 1} of {count}
          </EmailHeading>
          <Paragraph colors={colors} muted>
            {shipmentStatusLine(shipment, payload.placedOn)}
          </Paragraph>
          {shipment.lines.map((line, lineIndex) => (
            <AmountRow key={lineIndex} colors={colors} label={`${line.title} × ${line.quantity}`} amount={money(line.amountCents)} />
          ))}
          {shipment.shippingCents > 0 ? <AmountRow colors={colors} label="Shipping" amount={money(shipment.shippingCents)} /> : null}
          <Paragraph colors={colors} strong>
            Charged when it ships: {money(shipment.amountCents)}
          </Paragraph>
        </Panel>
      ))}

      <EmailHeading colors={colors} level={2}>
        Order total
      </EmailHeading>
      <AmountRow colors={colors} label="Items" amount={money(payload.itemsCents)} />
      <AmountRow colors={colors} label="Shipping" amount={money(payload.shippingCents)} />
      <AmountRow colors={colors} label="Total" amount={money(payload.totalCents)} strong />

      <EmailHeading colors={colors} level={2}>
        Payment
      </EmailHeading>
      <Paragraph colors={colors}>{card}</Paragraph>

      <ShipToAddress colors={colors} lines={payload.shipTo} />

      <OrderLinkFooter colors={colors} href={payload.orderUrl} />
    </EmailLayout>
  );
}
