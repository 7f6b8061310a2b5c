import { releasesText } from '@/lib/catalog/availability-copy';
import type { StoreIdentity } from '@/lib/email/config';
import type { PreorderReminderPayload } from '@/lib/email/messages';
import { EmailHeading, EmailLayout, OrderLinkFooter, Panel, Paragraph } from './layout';

export function PreorderReminderEmail({ payload, identity }: { payload: PreorderReminderPayload; identity: StoreIdentity }) {
  const { colors } = identity;
  const releases = releasesText(payload.releaseDate, { today: payload.writtenOn });
  return (
    <EmailLayout identity={identity} preview={`Your pre-order ${releases}: it ships in 3 days.`}>
      <EmailHeading colors={colors}>Your pre-order ships in 3 days</EmailHeading>
      <Paragraph colors={colors}>Hi {payload.fullName},</Paragraph>
      <Paragraph colors={colors}>
        Part of your order {payload.orderNumber} {releases}. We ship it as soon as it is released, in the order pre-orders were placed.
      </Paragraph>
      {payload.lines.map((line, index) => (
        <Panel key={index}>
          <Paragraph colors={colors} strong>
            {line.title} × {line.quantity}
          </Paragraph>
        </Panel>
      ))}
      <Paragraph colors={colors}>Nothing has been charged yet: your card is charged for each shipment when it ships.</Paragraph>
      <OrderLinkFooter colors={colors} href={payload.orderUrl} />
    </EmailLayout>
  );
}
