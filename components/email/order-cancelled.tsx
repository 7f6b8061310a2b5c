import { formatCalendarDate } from '@/lib/catalog/dates';
import type { StoreIdentity } from '@/lib/email/config';
import type { OrderCancelledPayload } from '@/lib/email/messages';
import { formatMoney } from '@/lib/money/format';
import { AmountRow, EmailHeading, EmailLayout, OrderLinkFooter, Panel, Paragraph } from './layout';

/** Other code (and tests) look for this sentence as written: change it everywhere or not at all. */
export const NOTHING_CHARGED = 'Nothing was charged for these items, so there is nothing to refund.';

/** "We've cancelled these items from your order 1042." or, after an unanswered date change, why. */
export function cancelledSentence(payload: Pick<OrderCancelledPayload, 'reason' | 'answerBy' | 'orderCancelled' | 'orderNumber' | 'writtenOn'>): string {
  const what = payload.orderCancelled ? `your order ${payload.orderNumber}` : `these items from your order ${payload.orderNumber}`;
  if (payload.reason === 'staff') return `We've cancelled ${what}.`;
  // The same date words as the date-changed email that asked for the answer, so the two agree.
  const by = payload.answerBy ? ` by ${formatCalendarDate(payload.answerBy, { withWeekday: true, today: payload.writtenOn })}` : '';
  return `We didn't hear from you${by} about the new date, so we've cancelled ${what}, as we said we would.`;
}

export function OrderCancelledEmail({ payload, identity }: { payload: OrderCancelledPayload; identity: StoreIdentity }) {
  const { colors } = identity;
  const money = (cents: number) => formatMoney(cents, payload.currency);
  const preview = payload.orderCancelled
    ? `Order ${payload.orderNumber} is cancelled. Nothing was charged.`
    : `Some items are cancelled from order ${payload.orderNumber}. Nothing was charged for them.`;

  return (
    <EmailLayout identity={identity} preview={preview}>
      <EmailHeading colors={colors}>{payload.orderCancelled ? 'Your order is cancelled' : 'Items cancelled from your order'}</EmailHeading>
      <Paragraph colors={colors}>Hi {payload.fullName},</Paragraph>
      <Paragraph colors={colors}>{cancelledSentence(payload)}</Paragraph>
      {payload.lines.map((line, index) => (
        <Panel key={index}>
          <AmountRow colors={colors} label={`${line.title} × ${line.quantity}`} amount={money(line.amountCents)} />
        </Panel>
      ))}
      <Paragraph colors={colors} strong>
        {NOTHING_CHARGED}
      </Paragraph>
      {payload.orderCancelled ? null : (
        <Paragraph colors={colors}>The rest of your order is unchanged: {money(payload.remainingCents)} in all, charged as each shipment ships.</Paragraph>
      )}
      <OrderLinkFooter colors={colors} href={payload.orderUrl} />
    </EmailLayout>
  );
}
