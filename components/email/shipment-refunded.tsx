import type { StoreIdentity } from '@/lib/email/config';
import type { ShipmentRefundedPayload } from '@/lib/email/messages';
import { formatMoney } from '@/lib/money/format';
import { cardBrandName } from '@/lib/payments/browser/card-display';
import { AmountRow, EmailHeading, EmailLayout, OrderLinkFooter, Panel, Paragraph } from './layout';

/** "We've refunded $12.00 to your Visa ending in 4242." */
export function refundedSentence(payload: Pick<ShipmentRefundedPayload, 'amountCents' | 'currency' | 'card'>): string {
  return `We've refunded ${formatMoney(payload.amountCents, payload.currency)} to your ${cardBrandName(payload.card.brand)} ending in ${payload.card.last4}.`;
}

export function ShipmentRefundedEmail({ payload, identity }: { payload: ShipmentRefundedPayload; identity: StoreIdentity }) {
  const { colors } = identity;
  const money = (cents: number) => formatMoney(cents, payload.currency);
  return (
    <EmailLayout identity={identity} preview={`A refund of ${money(payload.amountCents)} for order ${payload.orderNumber}.`}>
      <EmailHeading colors={colors}>Your refund</EmailHeading>
      <Paragraph colors={colors}>Hi {payload.fullName},</Paragraph>
      <Paragraph colors={colors}>{refundedSentence(payload)}</Paragraph>
      <Panel>
        {payload.lines.map((line, index) => (
          <AmountRow key={index} colors={colors} label={`${line.title} × ${line.quantity}`} amount={money(line.amountCents)} />
        ))}
        {payload.shippingCents > 0 ? <AmountRow colors={colors} label="Shipping" amount={money(payload.shippingCents)} /> : null}
        <AmountRow colors={colors} label="Refunded" amount={money(payload.amountCents)} strong />
      </Panel>
      <Paragraph colors={colors}>
        It is for shipment {payload.sequence} of your order {payload.orderNumber}. Banks usually take 5 to 10 business days to show it on your statement.
      </Paragraph>
      <OrderLinkFooter colors={colors} href={payload.orderUrl} />
    </EmailLayout>
  );
}
