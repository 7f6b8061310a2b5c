import type { StoreIdentity } from '@/lib/email/config';
import type { ShipmentShippedPayload } from '@/lib/email/messages';
import { formatMoney } from '@/lib/money/format';
import { cardBrandName } from '@/lib/payments/browser/card-display';
import { AmountRow, EmailButton, EmailHeading, EmailLayout, OrderLinkFooter, Panel, Paragraph, ShipToAddress } from './layout';

/** "We charged $54.00 to your Visa ending in 4242." or, for a shipment of nothing, that nothing was charged. */
export function chargedSentence(payload: Pick<ShipmentShippedPayload, 'chargedCents' | 'currency' | 'card'>): string {
  if (payload.chargedCents === 0) return 'Nothing was charged for this shipment.';
  return `We charged ${formatMoney(payload.chargedCents, payload.currency)} to your ${cardBrandName(payload.card.brand)} ending in ${payload.card.last4}.`;
}

export function ShipmentShippedEmail({ payload, identity }: { payload: ShipmentShippedPayload; identity: StoreIdentity }) {
  const { colors } = identity;
  const money = (cents: number) => formatMoney(cents, payload.currency);
  const part = payload.shipmentCount > 1 ? `Shipment ${payload.sequence} of ${payload.shipmentCount} from your order` : 'Your order';
  return (
    <EmailLayout identity={identity} preview={`${part} ${payload.orderNumber} is on its way.`}>
      <EmailHeading colors={colors}>It&apos;s on its way</EmailHeading>
      <Paragraph colors={colors}>Hi {payload.fullName},</Paragraph>
      <Paragraph colors={colors}>
        {part} {payload.orderNumber} has shipped.
      </Paragraph>
      <Panel>
        {payload.lines.map((line, index) => (
          <AmountRow key={index} colors={colors} label={`${line.title} × ${line.quantity}`} amount={money(line.amountCents)} />
        ))}
        {payload.shippingCents > 0 ? <AmountRow colors={colors} label="Shipping" amount={money(payload.shippingCents)} /> : null}
        <AmountRow colors={colors} label="Charged" amount={money(payload.chargedCents)} strong />
      </Panel>
      <Paragraph colors={colors}>{chargedSentence(payload)}</Paragraph>

      {payload.carrier || payload.trackingNumber ? (
        <>
          <EmailHeading colors={colors} level={2}>
            Tracking
          </EmailHeading>
          <Paragraph colors={colors}>{[payload.carrier, payload.trackingNumber].filter(Boolean).join(' · ')}</Paragraph>
          {payload.trackingUrl ? (
            <EmailButton colors={colors} href={payload.trackingUrl}>
              Track your package
            </EmailButton>
          ) : null}
        </>
      ) : null}

      <ShipToAddress colors={colors} lines={payload.shipTo} />
      {payload.shipmentsLeft > 0 ? (
        <Paragraph colors={colors}>
          {payload.shipmentsLeft === 1
            ? 'One more shipment is to come; it is charged when it ships.'
            : `${payload.shipmentsLeft} more shipments are to come; each is charged when it ships.`}
        </Paragraph>
      ) : null}
      <OrderLinkFooter colors={colors} href={payload.orderUrl} />
    </EmailLayout>
  );
}
