import type { StoreIdentity } from '@/lib/email/config';
import type { PaymentActionNeededPayload } from '@/lib/email/messages';
import { formatMoney } from '@/lib/money/format';
import { cardBrandName } from '@/lib/payments/browser/card-display';
import { EmailHeading, EmailLayout, OrderLinkFooter, Panel, Paragraph } from './layout';

/** Why the charge did not go through, and what the shopper can do, in their words. */
export function actionSentence(payload: Pick<PaymentActionNeededPayload, 'reason' | 'card'>): string {
  const card = `${cardBrandName(payload.card.brand)} ending in ${payload.card.last4}`;
  switch (payload.reason) {
    case 'authentication_required':
      return `Your bank wants you to confirm the payment on your ${card} before we can charge it.`;
    case 'expired_card':
      return `Your ${card} has expired. Please give us another card.`;
    case 'card_declined':
      return `Your bank declined the payment on your ${card}. Please give us another card, or check with your bank.`;
  }
}

export function PaymentActionNeededEmail({ payload, identity }: { payload: PaymentActionNeededPayload; identity: StoreIdentity }) {
  const { colors } = identity;
  return (
    <EmailLayout identity={identity} preview={`Your payment for order ${payload.orderNumber} needs your action.`}>
      <EmailHeading colors={colors}>Your payment needs your action</EmailHeading>
      <Paragraph colors={colors}>Hi {payload.fullName},</Paragraph>
      {/* Not "part of your order": the payload does not say whether these items are the whole order. */}
      <Paragraph colors={colors}>
        The items below from your order {payload.orderNumber} are ready to ship, but we couldn&apos;t charge{' '}
        {formatMoney(payload.amountCents, payload.currency)} for them. {actionSentence(payload)}
      </Paragraph>
      <Panel>
        {payload.lines.map((line, index) => (
          <Paragraph key={index} colors={colors}>
            {line.title} × {line.quantity}
          </Paragraph>
        ))}
      </Panel>
      <Paragraph colors={colors}>
        We&apos;re holding these items for you and will ship them as soon as the payment goes through. Nothing has been charged.
      </Paragraph>
      <OrderLinkFooter colors={colors} href={payload.orderUrl} label="Fix the payment" />
    </EmailLayout>
  );
}
