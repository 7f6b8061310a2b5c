import 'server-only';
import type { OrderReceivedPayload } from '@/lib/email/messages';
import { formatAddress, type PostalAddress } from '@/lib/checkout/address-format';
import type { Quote } from '@/lib/checkout/quote';
import { lineTitle } from '@/lib/catalog/line-title';
import { siteUrl } from '@/lib/site';

export interface PlacedOrderFacts {
  number: number;
  publicToken: string;
  address: PostalAddress;
  card: { brand: string; last4: string };
  placedOn: string;
}

/** The "Order received" email's payload: the order as placed, from the quote it was placed with. */
export function orderReceivedPayload(order: PlacedOrderFacts, quote: Quote): OrderReceivedPayload {
  const lines = new Map(quote.lines.map((l) => [l.key, l]));
  return {
    orderNumber: order.number,
    orderUrl: `${siteUrl()}/orders/${order.publicToken}`,
    fullName: order.address.fullName,
    shipTo: formatAddress(order.address),
    currency: quote.currency,
    itemsCents: quote.itemsCents,
    shippingCents: quote.shippingCents,
    totalCents: quote.totalCents,
    card: { brand: order.card.brand, last4: order.card.last4 },
    placedOn: order.placedOn,
    shipments: quote.shipments.map((s, i) => ({
      sequence: i + 1,
      kind: s.kind,
      date: s.date,
      itemsCents: s.itemsCents,
      shippingCents: s.shippingCents,
      amountCents: s.amountCents,
      lines: s.lines.map((sl) => {
        const line = lines.get(sl.key)!;
        return { title: lineTitle(line.productTitle, line.variantTitle), quantity: sl.quantity, amountCents: sl.amountCents };
      }),
    })),
  };
}
