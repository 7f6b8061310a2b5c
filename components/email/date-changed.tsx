import { Link } from '@react-email/components';
import { formatCalendarDate } from '@/lib/catalog/dates';
import type { StoreIdentity } from '@/lib/email/config';
import type { DateChangedLine, DateChangedPayload } from '@/lib/email/messages';
import { EmailButton, EmailHeading, EmailLayout, Panel, Paragraph, type EmailColors } from './layout';

const NO_DATE_YET = "no date yet — we'll tell you as soon as we have one";

/** Dates are written relative to the day of the message, so a year appears when it is needed then. */
function dateWords(isoDate: string, writtenOn: string): string {
  return formatCalendarDate(isoDate, { withWeekday: true, today: writtenOn });
}

/** "Was: Wed, Jan 13 → Now: Wed, Feb 3", or "Now: no date yet — ..." for an indefinite delay. */
export function dateChangeLine(line: Pick<DateChangedLine, 'previousDate' | 'newDate'>, writtenOn: string): string {
  const now = line.newDate === null ? NO_DATE_YET : dateWords(line.newDate, writtenOn);
  return `Was: ${dateWords(line.previousDate, writtenOn)} → Now: ${now}`;
}

// The order link is the quiet option next to the buttons, not a third call to action.
function OrderLink({ colors, href }: { colors: EmailColors; href: string }) {
  return (
    <Paragraph colors={colors}>
      <Link href={href} style={{ color: colors.accent, textDecorationLine: 'underline' }}>
        View your order
      </Link>
    </Paragraph>
  );
}

export function DateChangedEmail({ payload, identity }: { payload: DateChangedPayload; identity: StoreIdentity }) {
  const { colors } = identity;
  const answerBy = payload.answerBy ? dateWords(payload.answerBy, payload.writtenOn) : null;
  const preview = payload.needsAgreement
    ? `Order ${payload.orderNumber} has a new date. Please agree to it${answerBy ? ` by ${answerBy}` : ''}, or we'll cancel these items.`
    : `Order ${payload.orderNumber} has a new date. Nothing has been charged for these items.`;

  return (
    <EmailLayout identity={identity} preview={preview}>
      <EmailHeading colors={colors}>{payload.needsAgreement ? 'Please agree to a new date' : 'A new date for your order'}</EmailHeading>
      <Paragraph colors={colors}>Hi {payload.fullName},</Paragraph>
      <Paragraph colors={colors}>The date for part of your order {payload.orderNumber} has changed.</Paragraph>

      {payload.lines.map((line, index) => (
        <Panel key={index}>
          <EmailHeading colors={colors} level={2}>
            {line.title} × {line.quantity}
          </EmailHeading>
          <Paragraph colors={colors}>{dateChangeLine(line, payload.writtenOn)}</Paragraph>
          {payload.needsAgreement && payload.lines.length > 1 ? (
            <Paragraph colors={colors} muted>
              {line.needsAgreement ? 'This new date needs your agreement.' : 'This new date stands unless you cancel it.'}
            </Paragraph>
          ) : null}
          {line.promisedDate !== line.previousDate ? (
            <Paragraph colors={colors} muted>
              Promised at order: {dateWords(line.promisedDate, payload.writtenOn)}
            </Paragraph>
          ) : null}
        </Panel>
      ))}

      {payload.needsAgreement ? (
        <>
          <Paragraph colors={colors} strong>
            We need your agreement to the new date. Nothing has been charged for these items.
          </Paragraph>
          <Paragraph colors={colors}>
            {answerBy
              ? `If we don't hear from you by ${answerBy}, we'll cancel these items and you won't be charged for them.`
              : "If we don't hear from you, we'll cancel these items and you won't be charged for them."}
          </Paragraph>
          <EmailButton colors={colors} href={payload.agreeUrl}>
            Agree to the new date
          </EmailButton>
          <EmailButton colors={colors} href={payload.cancelUrl}>
            Cancel these items
          </EmailButton>
        </>
      ) : (
        <>
          <Paragraph colors={colors} strong>
            Nothing has been charged for these items.
          </Paragraph>
          <Paragraph colors={colors}>
            If the new date works for you, you don&apos;t need to do anything. If it doesn&apos;t, you can cancel these items.
          </Paragraph>
          <EmailButton colors={colors} href={payload.cancelUrl}>
            Cancel these items
          </EmailButton>
        </>
      )}

      <OrderLink colors={colors} href={payload.orderUrl} />
      <Paragraph colors={colors} muted>
        Anyone with these links can see the order, so keep this email to yourself.
      </Paragraph>
    </EmailLayout>
  );
}
