import { IN_STOCK_PROMISE, shipByText } from '@/lib/catalog/availability-copy';
import type { StoreIdentity } from '@/lib/email/config';
import type { PreorderReleasedPayload } from '@/lib/email/messages';
import { EmailHeading, EmailLayout, OrderLinkFooter, Panel, Paragraph } from './layout';

type Line = PreorderReleasedPayload['lines'][number];

/** "2 ship in 1–2 business days; 1 waits for more stock — ships by Tue, Jan 13." */
export function releasedLineText(line: Line, writtenOn: string): string {
  const waiting = line.quantity - line.shipsNow;
  const parts: string[] = [];
  if (line.shipsNow > 0) parts.push(`${line.shipsNow === line.quantity ? 'Ships' : `${line.shipsNow} ship`} ${IN_STOCK_PROMISE.replace('ships ', '')}`);
  if (waiting > 0) {
    const when = line.date ? shipByText(line.date, { today: writtenOn }) : "no date yet; we'll email you when we have one";
    parts.push(`${waiting === line.quantity ? 'Waits' : `${waiting} wait${waiting === 1 ? 's' : ''}`} for more stock — ${when}`);
  }
  return `${parts.join('; ')}.`;
}

export function PreorderReleasedEmail({ payload, identity }: { payload: PreorderReleasedPayload; identity: StoreIdentity }) {
  const { colors } = identity;
  return (
    <EmailLayout identity={identity} preview={`Your pre-order in order ${payload.orderNumber} is released.`}>
      <EmailHeading colors={colors}>Your pre-order is released</EmailHeading>
      <Paragraph colors={colors}>Hi {payload.fullName},</Paragraph>
      <Paragraph colors={colors}>Release day has come for part of your order {payload.orderNumber}.</Paragraph>
      {payload.lines.map((line, index) => (
        <Panel key={index}>
          <EmailHeading colors={colors} level={2}>
            {line.title} × {line.quantity}
          </EmailHeading>
          <Paragraph colors={colors}>{releasedLineText(line, payload.writtenOn)}</Paragraph>
        </Panel>
      ))}
      <Paragraph colors={colors}>Your card is charged for each shipment when it ships, not before.</Paragraph>
      <OrderLinkFooter colors={colors} href={payload.orderUrl} />
    </EmailLayout>
  );
}
