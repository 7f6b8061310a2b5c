import { IN_STOCK_PROMISE, STATE_LABELS, releasesText, shipByText } from '@/lib/catalog/availability-copy';
import type { StoreIdentity } from '@/lib/email/config';
import type { BackInStockPayload } from '@/lib/email/messages';
import { formatMoney } from '@/lib/money/format';
import { EmailButton, EmailHeading, EmailLayout, Paragraph } from './layout';

/** "In stock — ships in 1–2 business days", "Backordered — ships by Tue, Jan 13", "Pre-order — releases Feb 2". */
export function backInStockOfferLine(offer: BackInStockPayload['offer'], writtenOn: string): string {
  const opts = { today: writtenOn };
  switch (offer.state) {
    case 'in_stock':
      return `${STATE_LABELS.in_stock} — ${IN_STOCK_PROMISE}`;
    case 'backorder':
      return `${STATE_LABELS.backorder} — ${shipByText(offer.date!, opts)}`;
    case 'preorder':
      return `${STATE_LABELS.preorder} — ${releasesText(offer.date!, opts)}`;
  }
}

export function BackInStockEmail({ payload, identity }: { payload: BackInStockPayload; identity: StoreIdentity }) {
  const { colors } = identity;
  const offerLine = backInStockOfferLine(payload.offer, payload.writtenOn);
  return (
    <EmailLayout identity={identity} preview={`${payload.title}: ${offerLine}.`} unsubscribeUrl={payload.unsubscribeUrl}>
      <EmailHeading colors={colors}>{payload.title} is back</EmailHeading>
      <Paragraph colors={colors}>You asked us to tell you when {payload.title} could be ordered again. It can:</Paragraph>
      <Paragraph colors={colors} strong>
        {offerLine}
      </Paragraph>
      <Paragraph colors={colors}>Price: {formatMoney(payload.priceCents, payload.currency)}</Paragraph>
      <EmailButton colors={colors} href={payload.productUrl}>
        Shop now
      </EmailButton>
      <Paragraph colors={colors} muted>
        This is the one email you asked for: we will not write to you about {payload.title} again. If you would rather not have signed up, you can unsubscribe
        with the link below.
      </Paragraph>
    </EmailLayout>
  );
}
