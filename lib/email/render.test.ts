import { describe, expect, it } from 'vitest';
import { releasesText, shipByText } from '@/lib/catalog/availability-copy';
import type { StoreIdentity } from './config';
import { formatCalendarDate } from '@/lib/catalog/dates';
import { actionSentence } from '@/components/email/payment-action-needed';
import { refundedSentence } from '@/components/email/shipment-refunded';
import { chargedSentence } from '@/components/email/shipment-shipped';
import { trackingUrl } from '@/lib/shipping/tracking';
import {
  subjectOf,
  type BackInStockPayload,
  type DateChangedPayload,
  type EmailMessage,
  type OrderCancelledPayload,
  type OrderReceivedPayload,
  type PaymentActionNeededPayload,
  type ShipmentRefundedPayload,
  type ShipmentShippedPayload,
} from './messages';
import { renderEmail } from './render';

const identity: StoreIdentity = {
  name: 'Inbound',
  address: '100 Market Street, Springfield, OR 97477, United States',
  siteUrl: 'https://shop.example',
  colors: { brand: '#123456', accent: '#a1b2c3', text: '#1c1917', muted: '#57534e', background: '#f5f5f4' },
};

const ORDER_URL = 'https://shop.example/orders/Zq3x_VfLkT0-9aBcDeFgHiJkLmNoPqRsTuVwXyZ0123';

function orderPayload(overrides: Partial<OrderReceivedPayload> = {}): OrderReceivedPayload {
  return {
    orderNumber: 1042,
    orderUrl: ORDER_URL,
    fullName: 'Ada Lovelace',
    shipTo: ['Ada Lovelace', '12 Elm Road', 'Portland, OR 97201', 'United States'],
    currency: 'USD',
    itemsCents: 15400,
    shippingCents: 500,
    totalCents: 15900,
    card: { brand: 'visa', last4: '4242' },
    placedOn: '2026-12-02',
    shipments: [
      {
        sequence: 1,
        kind: 'now',
        date: null,
        lines: [{ title: 'Cast-iron skillet — 10 inch', quantity: 1, amountCents: 2900 }],
        itemsCents: 2900,
        shippingCents: 500,
        amountCents: 3400,
      },
      {
        sequence: 2,
        kind: 'backorder',
        date: '2027-01-13',
        lines: [{ title: 'Linen apron — Rust', quantity: 2, amountCents: 5000 }],
        itemsCents: 5000,
        shippingCents: 0,
        amountCents: 5000,
      },
      {
        sequence: 3,
        kind: 'preorder',
        date: '2027-02-02',
        lines: [
          { title: 'Field guide, 2nd edition', quantity: 1, amountCents: 4500 },
          { title: 'Field guide slipcase', quantity: 3, amountCents: 3000 },
        ],
        itemsCents: 7500,
        shippingCents: 0,
        amountCents: 7500,
      },
    ],
    ...overrides,
  };
}

function backInStockPayload(overrides: Partial<BackInStockPayload> = {}): BackInStockPayload {
  return {
    productTitle: 'Enamel kettle',
    variantTitle: 'Sage',
    title: 'Enamel kettle — Sage',
    productUrl: 'https://shop.example/products/enamel-kettle',
    priceCents: 6800,
    currency: 'USD',
    offer: { state: 'in_stock', date: null },
    writtenOn: '2026-12-02',
    unsubscribeUrl: 'https://shop.example/back-in-stock/unsubscribe/tok_8f2K',
    oneClickUnsubscribeUrl: 'https://shop.example/api/back-in-stock/unsubscribe/tok_8f2K',
    ...overrides,
  };
}

const DATE_ORDER_URL = 'https://shop.example/orders/Zq3x_VfLkT0-9aBcDeFgHiJkLmNoPqRsTuVwXyZ0123';
const AGREE_URL = `${DATE_ORDER_URL}?answer=agree`;
const CANCEL_URL = `${DATE_ORDER_URL}?answer=cancel`;

function dateChangedPayload(overrides: Partial<DateChangedPayload> = {}): DateChangedPayload {
  return {
    orderNumber: 1042,
    orderUrl: DATE_ORDER_URL,
    agreeUrl: AGREE_URL,
    cancelUrl: CANCEL_URL,
    fullName: 'Ada Lovelace',
    lines: [
      // Moved before: the promise differs from the date the shopper had.
      { title: 'Linen apron — Rust', quantity: 2, previousDate: '2027-01-13', newDate: '2027-02-03', promisedDate: '2027-01-06', needsAgreement: false },
      // First move: the previous date is the promise.
      { title: 'Field guide slipcase', quantity: 1, previousDate: '2027-01-13', newDate: '2027-01-27', promisedDate: '2027-01-13', needsAgreement: false },
    ],
    needsAgreement: false,
    answerBy: null,
    writtenOn: '2026-12-02',
    ...overrides,
  };
}

function orderCancelledPayload(overrides: Partial<OrderCancelledPayload> = {}): OrderCancelledPayload {
  return {
    orderNumber: 1042,
    orderUrl: ORDER_URL,
    fullName: 'Ada Lovelace',
    currency: 'USD',
    reason: 'staff',
    answerBy: null,
    lines: [
      { title: 'Linen apron — Rust', quantity: 2, amountCents: 5000 },
      { title: 'Field guide slipcase', quantity: 1, amountCents: 1000 },
    ],
    orderCancelled: false,
    remainingCents: 10400,
    writtenOn: '2026-12-02',
    ...overrides,
  };
}

const UPS_NUMBER = '1Z999AA10123456784';
const UPS_URL = 'https://www.ups.com/track?tracknum=1Z999AA10123456784';

/** A single-shipment order, shipped by UPS with tracking. */
function shipmentShippedPayload(overrides: Partial<ShipmentShippedPayload> = {}): ShipmentShippedPayload {
  return {
    orderNumber: 1042,
    orderUrl: ORDER_URL,
    fullName: 'Ada Lovelace',
    currency: 'USD',
    sequence: 1,
    shipmentCount: 1,
    lines: [
      { title: 'Cast-iron skillet — 10 inch', quantity: 1, amountCents: 2900 },
      { title: 'Linen apron — Rust', quantity: 2, amountCents: 5000 },
    ],
    itemsCents: 7900,
    shippingCents: 500,
    chargedCents: 8400,
    card: { brand: 'visa', last4: '4242' },
    carrier: 'UPS',
    trackingNumber: UPS_NUMBER,
    trackingUrl: UPS_URL,
    shipTo: ['Ada Lovelace', '12 Elm Road', 'Portland, OR 97201', 'United States'],
    shipmentsLeft: 0,
    writtenOn: '2026-12-02',
    ...overrides,
  };
}

function paymentActionNeededPayload(overrides: Partial<PaymentActionNeededPayload> = {}): PaymentActionNeededPayload {
  return {
    orderNumber: 1042,
    orderUrl: ORDER_URL,
    fullName: 'Ada Lovelace',
    currency: 'USD',
    sequence: 2,
    amountCents: 8400,
    card: { brand: 'visa', last4: '4242' },
    reason: 'card_declined',
    lines: [
      { title: 'Cast-iron skillet — 10 inch', quantity: 1 },
      { title: 'Linen apron — Rust', quantity: 2 },
    ],
    writtenOn: '2026-12-02',
    ...overrides,
  };
}

function shipmentRefundedPayload(overrides: Partial<ShipmentRefundedPayload> = {}): ShipmentRefundedPayload {
  return {
    orderNumber: 1042,
    orderUrl: ORDER_URL,
    fullName: 'Ada Lovelace',
    currency: 'USD',
    sequence: 1,
    lines: [{ title: 'Linen apron — Rust', quantity: 2, amountCents: 3000 }],
    shippingCents: 500,
    amountCents: 3500,
    card: { brand: 'visa', last4: '4242' },
    writtenOn: '2026-12-02',
    ...overrides,
  };
}

/** The HTML with React's text-node separators (`<!-- -->`) taken out, so sentences can be searched as written. */
function readable(html: string): string {
  return html.replaceAll('<!-- -->', '');
}

/** readable(), with apostrophes as written: the HTML writes them as &#x27;. */
function words(html: string): string {
  return readable(html).replaceAll('&#x27;', "'");
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!);
}

/** The part of a text from one marker up to the next (or the end). */
function between(text: string, start: string, end?: string): string {
  const from = text.indexOf(start);
  expect(from, `"${start}" is missing`).toBeGreaterThanOrEqual(0);
  const to = end ? text.indexOf(end, from) : -1;
  return text.slice(from, to === -1 ? undefined : to);
}

function expectNoRemoteResources(html: string) {
  expect(html).not.toMatch(/\ssrc=/i);
  expect(html).not.toMatch(/<img|<link|<script|<iframe|<object|<embed/i);
  expect(html).not.toMatch(/url\(|@import|background=/i);
}

async function renderOrder(payload: OrderReceivedPayload = orderPayload()) {
  return renderEmail({ kind: 'order_received', payload }, identity);
}

describe('renderEmail: order received', () => {
  it('writes the subject from the store name and order number, with no extra headers', async () => {
    const email = await renderOrder();
    expect(email.subject).toBe('Order received: Inbound order 1042');
    expect(email.headers).toEqual({});
  });

  it('greets the customer and names the order, in HTML and text', async () => {
    const { html, text } = await renderOrder();
    for (const body of [readable(html), text]) {
      expect(body).toContain('Order received');
      expect(body).toContain('Hi Ada Lovelace,');
      expect(body).toContain('order 1042');
    }
    expect(html).toMatch(/^<!DOCTYPE html/);
    expect(html).toContain('<html dir="ltr" lang="en">');
  });

  it('shows each shipment as its own block with its date words, lines, shipping and charge', async () => {
    const { html, text } = await renderOrder();
    // The copy functions and the literal words agree: Jan 13 2027 is a Wednesday, within the year, so no year is shown.
    expect(shipByText('2027-01-13', { today: '2026-12-02' })).toBe('ships by Wed, Jan 13');
    expect(releasesText('2027-02-02', { today: '2026-12-02' })).toBe('releases Feb 2');

    for (const body of [readable(html), text]) {
      const first = between(body, 'Shipment 1 of 3', 'Shipment 2 of 3');
      expect(first).toContain('In stock — ships now');
      expect(first).toContain('Cast-iron skillet — 10 inch × 1');
      expect(first).toContain('$29.00');
      expect(first).toContain('Shipping');
      expect(first).toContain('$5.00');
      expect(first).toContain('Charged when it ships: $34.00');

      const second = between(body, 'Shipment 2 of 3', 'Shipment 3 of 3');
      expect(second).toContain('Backordered — ships by Wed, Jan 13');
      expect(second).toContain('Linen apron — Rust × 2');
      expect(second).toContain('Charged when it ships: $50.00');
      expect(second, 'no shipping row when a shipment ships free').not.toContain('Shipping');

      const third = between(body, 'Shipment 3 of 3', 'Order total');
      expect(third).toContain('Pre-order — releases Feb 2');
      expect(third).toContain('Field guide, 2nd edition × 1');
      expect(third).toContain('$45.00');
      expect(third).toContain('Field guide slipcase × 3');
      expect(third).toContain('$30.00');
      expect(third).toContain('Charged when it ships: $75.00');
    }
  });

  it('puts each amount on one line with its label in the text part', async () => {
    const { text } = await renderOrder();
    expect(text).toMatch(/^Cast-iron skillet — 10 inch × 1 +\$29\.00$/m);
    expect(text).toMatch(/^Items +\$154\.00$/m);
    expect(text).toMatch(/^Shipping +\$5\.00$/m);
    expect(text).toMatch(/^Total +\$159\.00$/m);
    expect(text, 'headings keep their case').toContain('Shipment 1 of 3');
  });

  it('writes the year when a date is far from the day of the order', async () => {
    const payload = orderPayload({
      placedOn: '2026-03-10',
      shipments: [
        {
          sequence: 1,
          kind: 'preorder',
          date: '2027-03-01',
          lines: [{ title: 'Almanac 2027', quantity: 1, amountCents: 1500 }],
          itemsCents: 1500,
          shippingCents: 400,
          amountCents: 1900,
        },
      ],
      itemsCents: 1500,
      shippingCents: 400,
      totalCents: 1900,
    });
    const { html, text } = await renderOrder(payload);
    for (const body of [readable(html), text]) {
      expect(body).toContain('Shipment 1 of 1');
      expect(body).toContain('Pre-order — releases Mar 1, 2027');
      expect(body).toContain('Charged when it ships: $19.00');
    }
  });

  it('states the totals, the card and that nothing is charged until each shipment ships', async () => {
    const { html, text } = await renderOrder();
    for (const body of [readable(html), text]) {
      const totals = between(body, 'Order total', 'Payment');
      expect(totals).toContain('Items');
      expect(totals).toContain('$154.00');
      expect(totals).toContain('Shipping');
      expect(totals).toContain('$5.00');
      expect(totals).toContain('Total');
      expect(totals).toContain('$159.00');
      expect(body).toContain('Visa ending in 4242');
      expect(body).toContain('Nothing has been charged yet. Each shipment is charged to your Visa ending in 4242 when it ships.');
    }
  });

  it.each([
    ['visa', 'Visa'],
    ['mastercard', 'Mastercard'],
    ['amex', 'American Express'],
    ['discover', 'Discover'],
    ['maestro', 'Maestro'],
  ])('names the card brand %s as %s', async (brand, name) => {
    const { html, text } = await renderOrder(orderPayload({ card: { brand, last4: '0005' } }));
    expect(readable(html)).toContain(`${name} ending in 0005`);
    expect(text).toContain(`${name} ending in 0005`);
  });

  it('gives the ship-to address, one line each', async () => {
    const { html, text } = await renderOrder();
    expect(readable(html)).toMatch(/12 Elm Road<\/span><span><br\/>Portland, OR 97201/);
    expect(text).toContain('Ada Lovelace\n12 Elm Road\nPortland, OR 97201\nUnited States');
  });

  it('links to the order page from a button and writes the URL out', async () => {
    const { html, text } = await renderOrder();
    const button = html.match(/<a href="([^"]*)"[^>]*>(?:(?!<\/a>).)*View your order(?:(?!<\/a>).)*<\/a>/);
    expect(button?.[1]).toBe(ORDER_URL);
    expect(button?.[0], 'the button has the accent colour').toContain('background-color:#a1b2c3');
    expect(html).toContain(`>${ORDER_URL}</a>`);
    expect(text).toContain(`View your order ${ORDER_URL}`);
  });

  it('carries the store name, address and colours, and no unsubscribe link', async () => {
    const { html, text } = await renderOrder();
    expect(html).toMatch(/<a href="https:\/\/shop\.example" style="color:#123456[^"]*"[^>]*>Inbound<\/a>/);
    expect(html).toContain('border-top:4px solid #123456');
    for (const body of [readable(html), text]) {
      expect(body).toContain('Inbound · 100 Market Street, Springfield, OR 97477, United States');
      expect(body).not.toContain('Unsubscribe');
    }
    expect(text).toContain('Visit Inbound https://shop.example');
  });

  it('says the store name once when the configured address starts with it', async () => {
    const withName = { ...identity, address: 'Inbound, 100 Market Street, Springfield, OR 97477, United States' };
    const { html, text } = await renderEmail({ kind: 'order_received', payload: orderPayload() }, withName);
    for (const body of [readable(html), text]) {
      expect(body).toContain('Inbound, 100 Market Street, Springfield, OR 97477, United States');
      expect(body).not.toContain('Inbound · Inbound');
    }
  });

  it('links only to the order and the store and loads nothing remote', async () => {
    const { html } = await renderOrder();
    expect(new Set(hrefs(html))).toEqual(new Set([ORDER_URL, identity.siteUrl]));
    expectNoRemoteResources(html);
  });

  it('escapes what customers and staff typed', async () => {
    const payload = orderPayload({ fullName: 'Eve <b>Bold</b>' });
    payload.shipments[0]!.lines[0]!.title = 'Skillet <script>alert("x")</script>';
    const { html, text } = await renderOrder(payload);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('Skillet &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; × 1');
    expect(readable(html)).toContain('Hi Eve &lt;b&gt;Bold&lt;/b&gt;,');
    expect(text).toContain('Skillet <script>alert("x")</script> × 1');
  });
});

describe('renderEmail: back in stock', () => {
  const render = (payload: BackInStockPayload = backInStockPayload()) => renderEmail({ kind: 'back_in_stock', payload } satisfies EmailMessage, identity);

  it('writes the subject and the one-click unsubscribe headers (RFC 8058)', async () => {
    const email = await render();
    expect(email.subject).toBe('Back in stock: Enamel kettle — Sage');
    expect(email.headers).toEqual({
      'List-Unsubscribe': '<https://shop.example/api/back-in-stock/unsubscribe/tok_8f2K>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it.each([
    [{ state: 'in_stock', date: null }, 'In stock — ships in 1–2 business days'],
    [{ state: 'backorder', date: '2027-01-13' }, 'Backordered — ships by Wed, Jan 13'],
    [{ state: 'preorder', date: '2027-02-02' }, 'Pre-order — releases Feb 2'],
    [{ state: 'preorder', date: '2028-02-02' }, 'Pre-order — releases Feb 2, 2028'],
  ] as const)('says how it can be had now: %j', async (offer, words) => {
    const { html, text } = await render(backInStockPayload({ offer: { ...offer } }));
    for (const body of [readable(html), text]) {
      expect(body).toContain('Enamel kettle — Sage is back');
      expect(body).toContain(words);
      expect(body).toContain('Price: $68.00');
      expect(body).toContain('This is the one email you asked for');
    }
  });

  it('links to the product with a Shop now button and to the unsubscribe page from the footer', async () => {
    const payload = backInStockPayload();
    const { html, text } = await render(payload);
    const button = html.match(/<a href="([^"]*)"[^>]*>(?:(?!<\/a>).)*Shop now(?:(?!<\/a>).)*<\/a>/);
    expect(button?.[1]).toBe(payload.productUrl);
    expect(button?.[0]).toContain('background-color:#a1b2c3');
    expect(html).toMatch(new RegExp(`<a href="${payload.unsubscribeUrl}"[^>]*>Unsubscribe</a>`));
    expect(text).toContain(`Shop now ${payload.productUrl}`);
    expect(text).toContain(`Unsubscribe ${payload.unsubscribeUrl}`);
    expect(new Set(hrefs(html))).toEqual(new Set([payload.productUrl, payload.unsubscribeUrl, identity.siteUrl]));
    expectNoRemoteResources(html);
  });

  it('carries the store name, address and brand colour', async () => {
    const { html, text } = await render();
    expect(html).toMatch(/style="color:#123456[^"]*"[^>]*>Inbound<\/a>/);
    expect(readable(html)).toContain('Inbound · 100 Market Street, Springfield, OR 97477, United States');
    expect(text).toContain('Inbound · 100 Market Street, Springfield, OR 97477, United States');
  });

  it('escapes a product title, in the heading and the preview', async () => {
    const { html, text } = await render(backInStockPayload({ title: 'Kettle <script>steal()</script>' }));
    expect(html).not.toContain('<script');
    expect(readable(html)).toContain('Kettle &lt;script&gt;steal()&lt;/script&gt; is back');
    expect(html).toMatch(/data-skip-in-text="true">Kettle &lt;script&gt;steal\(\)&lt;\/script&gt;: In stock/);
    expect(text).toContain('Kettle <script>steal()</script> is back');
  });
});

describe('renderEmail: date changed', () => {
  const render = (payload: DateChangedPayload = dateChangedPayload()) => renderEmail({ kind: 'date_changed', payload } satisfies EmailMessage, identity);
  const agreement = () =>
    dateChangedPayload({
      needsAgreement: true,
      answerBy: '2027-01-06',
      lines: dateChangedPayload().lines.map((line, i) => ({ ...line, needsAgreement: i === 0 })),
    });

  /** The button (the styled link) with this label, and its href. */
  function button(html: string, label: string) {
    return html.match(new RegExp(`<a href="([^"]*)"[^>]*>(?:(?!</a>).)*${label}(?:(?!</a>).)*</a>`));
  }

  it('writes the subject from the store name and order number, and says when action is needed', async () => {
    const first = await render();
    expect(first.subject).toBe('New date for Inbound order 1042');
    expect(first.headers).toEqual({});
    const second = await render(agreement());
    expect(second.subject).toBe('Action needed: a new date for Inbound order 1042');
    expect(subjectOf({ kind: 'date_changed', payload: dateChangedPayload() }, 'Shop & Co')).toBe('New date for Shop & Co order 1042');
    expect(subjectOf({ kind: 'date_changed', payload: agreement() }, 'Shop & Co')).toBe('Action needed: a new date for Shop & Co order 1042');
  });

  it('greets the customer and gives each line its old and new date, and the promise when it differs', async () => {
    // The literal words below agree with the date formatter: within the year of writing, no year.
    expect(formatCalendarDate('2027-01-13', { withWeekday: true, today: '2026-12-02' })).toBe('Wed, Jan 13');
    const { html, text } = await render();
    for (const body of [words(html), text]) {
      expect(body).toContain('Hi Ada Lovelace,');
      expect(body).toContain('The date for part of your order 1042 has changed.');
      const apron = between(body, 'Linen apron — Rust × 2', 'Field guide slipcase');
      expect(apron).toContain('Was: Wed, Jan 13 → Now: Wed, Feb 3');
      expect(apron).toContain('Promised at order: Wed, Jan 6');
      const slipcase = between(body, 'Field guide slipcase × 1', 'Nothing has been charged');
      expect(slipcase).toContain('Was: Wed, Jan 13 → Now: Wed, Jan 27');
      expect(slipcase, 'no promise line when the promise is the previous date').not.toContain('Promised at order');
    }
  });

  it('writes the year when a date is far from the day of writing', async () => {
    const payload = dateChangedPayload({
      writtenOn: '2026-03-10',
      lines: [{ title: 'Almanac', quantity: 1, previousDate: '2026-04-01', newDate: '2027-03-03', promisedDate: '2026-04-01', needsAgreement: true }],
    });
    const { html, text } = await render(payload);
    for (const body of [words(html), text]) expect(body).toContain('Was: Wed, Apr 1 → Now: Wed, Mar 3, 2027');
  });

  it('without agreement needed: nothing charged, nothing to do, a cancel button and a link to the order', async () => {
    const { html, text } = await render();
    for (const body of [words(html), text]) {
      expect(body).toContain('Nothing has been charged for these items.');
      expect(body).toContain("If the new date works for you, you don't need to do anything. If it doesn't, you can cancel these items.");
      expect(body).not.toContain('agreement');
      expect(body).not.toContain('Agree to the new date');
    }
    expect(button(html, 'Cancel these items')?.[1]).toBe(CANCEL_URL);
    expect(button(html, 'Cancel these items')?.[0], 'the button has the accent colour').toContain('background-color:#a1b2c3');
    expect(html).toMatch(new RegExp(`<a href="${escapeRegExp(DATE_ORDER_URL)}"[^>]*>View your order</a>`));
    expect(text).toContain(`Cancel these items ${CANCEL_URL}`);
    expect(text).toContain(`View your order ${DATE_ORDER_URL}`);
    expect(new Set(hrefs(html))).toEqual(new Set([CANCEL_URL, DATE_ORDER_URL, identity.siteUrl]));
    expectNoRemoteResources(html);
  });

  it('with agreement needed: asks for it, says when the items are cancelled without an answer, agree and cancel buttons', async () => {
    const { html, text } = await render(agreement());
    for (const body of [words(html), text]) {
      expect(body).toContain('We need your agreement to the new date.');
      expect(body).toContain('Nothing has been charged for these items.');
      expect(body).toContain("If we don't hear from you by Wed, Jan 6, we'll cancel these items and you won't be charged for them.");
      expect(body).not.toContain("you don't need to do anything");
      // Agree comes first: it is the answer that keeps the order.
      expect(body.indexOf('Agree to the new date')).toBeLessThan(body.indexOf('Cancel these items'));
    }
    expect(button(html, 'Agree to the new date')?.[1]).toBe(AGREE_URL);
    expect(button(html, 'Cancel these items')?.[1]).toBe(CANCEL_URL);
    expect(text).toContain(`Agree to the new date ${AGREE_URL}`);
    expect(text).toContain(`Cancel these items ${CANCEL_URL}`);
    expect(text).toContain(`View your order ${DATE_ORDER_URL}`);
    expect(new Set(hrefs(html))).toEqual(new Set([AGREE_URL, CANCEL_URL, DATE_ORDER_URL, identity.siteUrl]));
    expect(html, 'the preview names the answer-by date').toMatch(/data-skip-in-text="true">Order 1042 has a new date\. Please agree to it by Wed, Jan 6/);
    expectNoRemoteResources(html);
  });

  it('says there is no date yet for an indefinite delay', async () => {
    const payload = dateChangedPayload({
      needsAgreement: true,
      answerBy: '2027-01-13',
      lines: [{ title: 'Field guide, 2nd edition', quantity: 1, previousDate: '2027-01-13', newDate: null, promisedDate: '2027-01-13', needsAgreement: true }],
    });
    const { html, text } = await render(payload);
    for (const body of [words(html), text]) {
      expect(body).toContain('Field guide, 2nd edition × 1');
      expect(body).toContain("Was: Wed, Jan 13 → Now: no date yet — we'll tell you as soon as we have one");
      expect(body).toContain("If we don't hear from you by Wed, Jan 13, we'll cancel these items");
    }
  });

  it('escapes what customers and staff typed', async () => {
    const payload = dateChangedPayload({ fullName: 'Eve <b>Bold</b>' });
    payload.lines[0]!.title = 'Apron <script>alert("x")</script>';
    const { html, text } = await render(payload);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(readable(html)).toContain('Apron &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; × 2');
    expect(readable(html)).toContain('Hi Eve &lt;b&gt;Bold&lt;/b&gt;,');
    expect(text).toContain('Apron <script>alert("x")</script> × 2');
  });
});

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('renderEmail: date changed, mixed lines', () => {
  it("says which lines need the shopper's agreement when only some do", async () => {
    const payload = dateChangedPayload({
      needsAgreement: true,
      answerBy: '2027-01-06',
      lines: dateChangedPayload().lines.map((line, i) => ({ ...line, needsAgreement: i === 0 })),
    });
    const { text } = await renderEmail({ kind: 'date_changed', payload }, identity);
    const apron = text.indexOf('Linen apron');
    const slipcase = text.indexOf('Field guide slipcase');
    expect(text.slice(apron, slipcase)).toContain('This new date needs your agreement.');
    expect(text.slice(slipcase)).toContain('This new date stands unless you cancel it.');
  });
});

describe('renderEmail: pre-order released', () => {
  it('says what ships now and what waits, with its date, and links the order', async () => {
    const payload = {
      orderNumber: 1077,
      orderUrl: 'https://shop.example.com/orders/tok_release',
      fullName: 'Grace Hopper',
      writtenOn: '2026-12-02',
      lines: [
        { title: 'Trail lantern', quantity: 2, shipsNow: 2, date: null },
        { title: 'Lantern <mantle>', quantity: 3, shipsNow: 1, date: '2027-01-13' },
      ],
    };
    const { subject, html, text } = await renderEmail({ kind: 'preorder_released', payload }, identity);
    expect(subject).toBe('Released: your pre-order in Inbound order 1077');
    expect(text).toContain('Trail lantern × 2');
    expect(text).toContain('Ships in 1–2 business days.');
    expect(text).toContain('1 ship in 1–2 business days; 2 wait for more stock — ships by Wed, Jan 13.');
    expect(text).toContain('https://shop.example.com/orders/tok_release');
    expect(html).toContain('href="https://shop.example.com/orders/tok_release"');
    expect(html).not.toContain('<mantle>');
  });
});

describe('renderEmail: pre-order reminder', () => {
  it('names the release date and the items, says nothing is charged yet, and links the order', async () => {
    const payload = {
      orderNumber: 1078,
      orderUrl: 'https://shop.example.com/orders/tok_reminder',
      fullName: 'Grace Hopper',
      releaseDate: '2026-12-05',
      writtenOn: '2026-12-02',
      lines: [{ title: 'Trail lantern', quantity: 2 }],
    };
    const { subject, html, text } = await renderEmail({ kind: 'preorder_reminder', payload }, identity);
    expect(subject).toBe('Ships in 3 days: your pre-order in Inbound order 1078');
    expect(text).toContain('Part of your order 1078 releases Dec 5.');
    expect(text).toContain('Trail lantern × 2');
    expect(text).toContain('Nothing has been charged yet');
    expect(html).toContain('href="https://shop.example.com/orders/tok_reminder"');
  });
});

describe('renderEmail: order cancelled', () => {
  const render = (payload: OrderCancelledPayload = orderCancelledPayload()) =>
    renderEmail({ kind: 'order_cancelled', payload } satisfies EmailMessage, identity);
  const NOTHING_CHARGED = 'Nothing was charged for these items, so there is nothing to refund.';
  const REST = 'The rest of your order is unchanged';
  const noAgreement = (answerBy: string | null) => orderCancelledPayload({ reason: 'no_agreement', answerBy, writtenOn: '2027-01-07' });

  it('staff, some items: names them with their amounts, says nothing was charged and what the rest comes to', async () => {
    const email = await render();
    expect(email.subject).toBe('Items cancelled from Inbound order 1042');
    expect(email.headers).toEqual({});
    for (const body of [words(email.html), email.text]) {
      expect(body).toContain('Items cancelled from your order');
      expect(body).toContain('Hi Ada Lovelace,');
      expect(body).toContain("We've cancelled these items from your order 1042.");
      const lines = between(body, 'Linen apron — Rust × 2', NOTHING_CHARGED);
      expect(lines).toContain('$50.00');
      expect(lines).toContain('Field guide slipcase × 1');
      expect(lines).toContain('$10.00');
      expect(body).toContain(NOTHING_CHARGED);
      expect(body).toContain(`${REST}: $104.00 in all, charged as each shipment ships.`);
      expect(body).not.toContain("We didn't hear from you");
    }
    // Each line keeps its amount on the same line in the text part.
    expect(email.text).toMatch(/^Linen apron — Rust × 2 +\$50\.00$/m);
    expect(email.text).toMatch(/^Field guide slipcase × 1 +\$10\.00$/m);
    expect(email.html, 'the preview says what happened').toMatch(
      /data-skip-in-text="true">Some items are cancelled from order 1042\. Nothing was charged for them\./,
    );
  });

  it('staff, whole order: says the order is cancelled, with no "rest of your order"', async () => {
    const payload = orderCancelledPayload({ orderCancelled: true, remainingCents: 0 });
    const email = await render(payload);
    expect(email.subject).toBe('Cancelled: Inbound order 1042');
    expect(subjectOf({ kind: 'order_cancelled', payload }, 'Shop & Co')).toBe('Cancelled: Shop & Co order 1042');
    for (const body of [words(email.html), email.text]) {
      expect(body).toContain('Your order is cancelled');
      expect(body).toContain("We've cancelled your order 1042.");
      expect(body).toContain('Linen apron — Rust × 2');
      expect(body).toContain(NOTHING_CHARGED);
      expect(body).not.toContain(REST);
      expect(body).not.toContain('Items cancelled from your order');
    }
    expect(email.html).toMatch(/data-skip-in-text="true">Order 1042 is cancelled\. Nothing was charged\./);
  });

  it('no agreement: says the answer did not come by the date asked, in the date words of the date-changed email', async () => {
    // The answer-by day has passed when this is written, so the formatter adds the year.
    expect(formatCalendarDate('2027-01-06', { withWeekday: true, today: '2027-01-07' })).toBe('Wed, Jan 6, 2027');
    const { html, text } = await render(noAgreement('2027-01-06'));
    for (const body of [words(html), text]) {
      expect(body).toContain(
        "We didn't hear from you by Wed, Jan 6, 2027 about the new date, so we've cancelled these items from your order 1042, as we said we would.",
      );
      expect(body).toContain(NOTHING_CHARGED);
      expect(body).toContain(`${REST}: $104.00 in all`);
      expect(body).not.toContain("We've cancelled these items");
    }
  });

  it('no agreement without an answer-by day: leaves the day out; whole order', async () => {
    const { html, text } = await render({ ...noAgreement(null), orderCancelled: true, remainingCents: 0 });
    for (const body of [words(html), text]) {
      expect(body).toContain("We didn't hear from you about the new date, so we've cancelled your order 1042, as we said we would.");
      expect(body).not.toContain(' by ');
      expect(body).not.toContain(REST);
    }
  });

  it('links only to the order (button and written-out URL) and the store, and loads nothing remote', async () => {
    const { html, text } = await render();
    const button = html.match(/<a href="([^"]*)"[^>]*>(?:(?!<\/a>).)*View your order(?:(?!<\/a>).)*<\/a>/);
    expect(button?.[1]).toBe(ORDER_URL);
    expect(button?.[0], 'the button has the accent colour').toContain('background-color:#a1b2c3');
    expect(html).toContain(`>${ORDER_URL}</a>`);
    expect(text).toContain(`View your order ${ORDER_URL}`);
    for (const body of [readable(html), text]) expect(body).toContain('Anyone with this link can see the order, so keep this email to yourself.');
    expect(new Set(hrefs(html))).toEqual(new Set([ORDER_URL, identity.siteUrl]));
    expectNoRemoteResources(html);
  });

  it('escapes what customers and staff typed', async () => {
    const payload = orderCancelledPayload({ fullName: 'Eve <b>Bold</b>' });
    payload.lines[0]!.title = 'Apron <b>& co';
    const { html, text } = await render(payload);
    expect(html).not.toContain('<b>');
    expect(html).toContain('Apron &lt;b&gt;&amp; co × 2');
    expect(readable(html)).toContain('Hi Eve &lt;b&gt;Bold&lt;/b&gt;,');
    expect(text).toMatch(/^Apron <b>& co × 2 +\$50\.00$/m);
    expect(text).toContain('Hi Eve <b>Bold</b>,');
  });
});

/** The button (the styled link) with this label: [whole link, href]. */
function buttonLink(html: string, label: string) {
  return html.match(new RegExp(`<a href="([^"]*)"[^>]*>(?:(?!</a>).)*${label}(?:(?!</a>).)*</a>`));
}

describe('renderEmail: shipment shipped', () => {
  const render = (payload: ShipmentShippedPayload = shipmentShippedPayload()) =>
    renderEmail({ kind: 'shipment_shipped', payload } satisfies EmailMessage, identity);
  /** Shipment 2 of 3, with one more to come. */
  const part = (overrides: Partial<ShipmentShippedPayload> = {}) => shipmentShippedPayload({ sequence: 2, shipmentCount: 3, shipmentsLeft: 1, ...overrides });

  it('single shipment: writes the subject, greets the customer and says the order has shipped', async () => {
    const email = await render();
    expect(email.subject).toBe('Shipped: Inbound order 1042');
    expect(subjectOf({ kind: 'shipment_shipped', payload: shipmentShippedPayload() }, 'Shop & Co')).toBe('Shipped: Shop & Co order 1042');
    expect(email.headers).toEqual({});
    for (const body of [words(email.html), email.text]) {
      expect(body).toContain("It's on its way");
      expect(body).toContain('Hi Ada Lovelace,');
      expect(body).toContain('Your order 1042 has shipped.');
      expect(body, 'no "of" wording for a one-shipment order').not.toMatch(/\d of \d/);
      expect(body).not.toContain('more shipment');
    }
    expect(email.html).toMatch(/data-skip-in-text="true">Your order 1042 is on its way\./);
  });

  it('part of a multi-shipment order: "part 2" in the subject, "2 of 3" in the body, and one more to come', async () => {
    const email = await render(part());
    expect(email.subject).toBe('Shipped: part 2 of Inbound order 1042');
    expect(subjectOf({ kind: 'shipment_shipped', payload: part() }, 'Shop & Co')).toBe('Shipped: part 2 of Shop & Co order 1042');
    for (const body of [words(email.html), email.text]) {
      expect(body).toContain('Shipment 2 of 3 from your order 1042 has shipped.');
      expect(body).not.toContain('Your order 1042 has shipped.');
      expect(body).toContain('One more shipment is to come; it is charged when it ships.');
    }
    expect(email.html).toMatch(/data-skip-in-text="true">Shipment 2 of 3 from your order 1042 is on its way\./);
  });

  it('says how many shipments are still to come when there are several', async () => {
    const { html, text } = await render(shipmentShippedPayload({ sequence: 1, shipmentCount: 3, shipmentsLeft: 2 }));
    for (const body of [words(html), text]) {
      expect(body).toContain('Shipment 1 of 3 from your order 1042 has shipped.');
      expect(body).toContain('2 more shipments are to come; each is charged when it ships.');
      expect(body).not.toContain('One more shipment');
    }
  });

  it('the last shipment of several: nothing more to come', async () => {
    const { html, text } = await render(part({ sequence: 3, shipmentsLeft: 0 }));
    for (const body of [words(html), text]) {
      expect(body).toContain('Shipment 3 of 3 from your order 1042 has shipped.');
      expect(body).not.toContain('more shipment');
    }
  });

  it('lists the lines with their amounts, the shipping and the charged total, and the charge sentence', async () => {
    const { html, text } = await render();
    for (const body of [words(html), text]) {
      const panel = between(body, 'Cast-iron skillet — 10 inch × 1', 'We charged');
      expect(panel).toContain('$29.00');
      expect(panel).toContain('Linen apron — Rust × 2');
      expect(panel).toContain('$50.00');
      expect(panel).toContain('Shipping');
      expect(panel).toContain('$5.00');
      expect(panel).toContain('Charged');
      expect(panel).toContain('$84.00');
      expect(body).toContain('We charged $84.00 to your Visa ending in 4242.');
      expect(body).not.toContain('Nothing was charged');
    }
    // Each amount stays on its label's line in the text part.
    expect(text).toMatch(/^Cast-iron skillet — 10 inch × 1 +\$29\.00$/m);
    expect(text).toMatch(/^Linen apron — Rust × 2 +\$50\.00$/m);
    expect(text).toMatch(/^Shipping +\$5\.00$/m);
    expect(text).toMatch(/^Charged +\$84\.00$/m);
    expect(html, 'the charged total is bold').toMatch(/font-weight:700">Charged<\/td>/);
  });

  it('leaves out the shipping row when the shipment ships free', async () => {
    const { html, text } = await render(part({ shippingCents: 0, chargedCents: 7900 }));
    for (const body of [words(html), text]) {
      expect(body).not.toContain('Shipping');
      expect(body).toContain('We charged $79.00 to your Visa ending in 4242.');
    }
    expect(text).toMatch(/^Charged +\$79\.00$/m);
  });

  it('chargedSentence names the amount and the card, or says nothing was charged', () => {
    expect(chargedSentence(shipmentShippedPayload())).toBe('We charged $84.00 to your Visa ending in 4242.');
    expect(chargedSentence({ chargedCents: 1234, currency: 'USD', card: { brand: 'amex', last4: '0005' } })).toBe(
      'We charged $12.34 to your American Express ending in 0005.',
    );
    expect(chargedSentence({ chargedCents: 0, currency: 'USD', card: { brand: 'visa', last4: '4242' } })).toBe('Nothing was charged for this shipment.');
  });

  it('a shipment with nothing to charge says so instead of naming the card', async () => {
    const payload = part({ lines: [{ title: 'Free sample', quantity: 1, amountCents: 0 }], itemsCents: 0, shippingCents: 0, chargedCents: 0 });
    const { html, text } = await render(payload);
    for (const body of [words(html), text]) {
      expect(body).toContain('Free sample × 1');
      expect(body).toContain('Nothing was charged for this shipment.');
      expect(body).not.toContain('We charged');
      expect(body).not.toContain('ending in 4242');
    }
    expect(text).toMatch(/^Charged +\$0\.00$/m);
  });

  it('tracking with a known carrier: carrier and number, and a "Track your package" button to its page', async () => {
    // The payload's link is the one the shipping code builds for this carrier and number.
    expect(trackingUrl('UPS', UPS_NUMBER)).toBe(UPS_URL);
    const { html, text } = await render();
    for (const body of [readable(html), text]) {
      const tracking = between(body, 'Tracking', 'Ship to');
      expect(tracking).toContain(`UPS · ${UPS_NUMBER}`);
      expect(tracking).toContain('Track your package');
    }
    const button = buttonLink(html, 'Track your package');
    expect(button?.[1]).toBe(UPS_URL);
    expect(button?.[0], 'the button has the accent colour').toContain('background-color:#a1b2c3');
    expect(html).toContain(`>${UPS_URL}</a>`);
    expect(text).toContain(`Track your package ${UPS_URL}`);
    expect(new Set(hrefs(html))).toEqual(new Set([UPS_URL, ORDER_URL, identity.siteUrl]));
    expectNoRemoteResources(html);
  });

  it('tracking with a carrier we cannot link: carrier and number as typed, no button', async () => {
    const { html, text } = await render(shipmentShippedPayload({ carrier: 'Local courier', trackingNumber: 'LC-5521', trackingUrl: null }));
    for (const body of [readable(html), text]) {
      expect(between(body, 'Tracking', 'Ship to')).toContain('Local courier · LC-5521');
      expect(body).not.toContain('Track your package');
    }
    expect(new Set(hrefs(html))).toEqual(new Set([ORDER_URL, identity.siteUrl]));
  });

  it('carrier only: names the carrier, with no number and no button', async () => {
    const { html, text } = await render(shipmentShippedPayload({ carrier: 'UPS', trackingNumber: null, trackingUrl: null }));
    for (const body of [readable(html), text]) {
      const tracking = between(body, 'Tracking', 'Ship to');
      expect(tracking).toContain('UPS');
      expect(tracking).not.toContain(' · ');
      expect(tracking).not.toContain(UPS_NUMBER);
      expect(body).not.toContain('Track your package');
    }
    expect(new Set(hrefs(html))).toEqual(new Set([ORDER_URL, identity.siteUrl]));
  });

  it('no tracking at all: no tracking section', async () => {
    const { html, text } = await render(shipmentShippedPayload({ carrier: null, trackingNumber: null, trackingUrl: null }));
    for (const body of [readable(html), text]) {
      expect(body).not.toContain('Tracking');
      expect(body).not.toContain('Track your package');
      expect(body).toContain('Ship to');
    }
    expect(new Set(hrefs(html))).toEqual(new Set([ORDER_URL, identity.siteUrl]));
  });

  it('gives the ship-to address, one line each', async () => {
    const { html, text } = await render();
    expect(readable(html)).toMatch(
      /<span>Ada Lovelace<\/span><span><br\/>12 Elm Road<\/span><span><br\/>Portland, OR 97201<\/span><span><br\/>United States<\/span>/,
    );
    expect(text).toContain('Ship to\n\nAda Lovelace\n12 Elm Road\nPortland, OR 97201\nUnited States');
  });

  it('links to the order page from a button and warns that the link shows the order', async () => {
    const { html, text } = await render();
    const button = buttonLink(html, 'View your order');
    expect(button?.[1]).toBe(ORDER_URL);
    expect(button?.[0]).toContain('background-color:#a1b2c3');
    expect(html).toContain(`>${ORDER_URL}</a>`);
    expect(text).toContain(`View your order ${ORDER_URL}`);
    for (const body of [readable(html), text]) expect(body).toContain('Anyone with this link can see the order, so keep this email to yourself.');
  });

  it('escapes what customers and staff typed', async () => {
    const payload = shipmentShippedPayload({
      fullName: 'Eve <b>Bold</b>',
      carrier: 'Courier <b>& co',
      trackingNumber: 'A<1>&2',
      trackingUrl: null,
      shipTo: ['Eve <b>Bold</b>', '1 <i>Main</i> St & Co'],
    });
    payload.lines[1]!.title = 'Apron <b>& co';
    const { html, text } = await render(payload);
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
    expect(html).toContain('Apron &lt;b&gt;&amp; co × 2');
    expect(readable(html)).toContain('Hi Eve &lt;b&gt;Bold&lt;/b&gt;,');
    expect(readable(html)).toContain('Courier &lt;b&gt;&amp; co · A&lt;1&gt;&amp;2');
    expect(readable(html)).toContain('1 &lt;i&gt;Main&lt;/i&gt; St &amp; Co');
    expect(text).toMatch(/^Apron <b>& co × 2 +\$50\.00$/m);
    expect(text).toContain('Hi Eve <b>Bold</b>,');
    expect(text).toContain('Courier <b>& co · A<1>&2');
  });
});

describe('renderEmail: payment action needed', () => {
  const render = (payload: PaymentActionNeededPayload = paymentActionNeededPayload()) =>
    renderEmail({ kind: 'payment_action_needed', payload } satisfies EmailMessage, identity);
  const SENTENCES = {
    authentication_required: 'Your bank wants you to confirm the payment on your Visa ending in 4242 before we can charge it.',
    card_declined: 'Your bank declined the payment on your Visa ending in 4242. Please give us another card, or check with your bank.',
    expired_card: 'Your Visa ending in 4242 has expired. Please give us another card.',
  } as const;
  const reasons = Object.keys(SENTENCES) as (keyof typeof SENTENCES)[];

  it('writes the subject from the store name and order number, with no extra headers', async () => {
    const email = await render();
    expect(email.subject).toBe('Action needed: payment for Inbound order 1042');
    expect(subjectOf({ kind: 'payment_action_needed', payload: paymentActionNeededPayload() }, 'Shop & Co')).toBe(
      'Action needed: payment for Shop & Co order 1042',
    );
    expect(email.headers).toEqual({});
    expect(email.html).toMatch(/data-skip-in-text="true">Your payment for order 1042 needs your action\./);
  });

  it.each(reasons)('%s: says why the charge failed and what to do', async (reason) => {
    const payload = paymentActionNeededPayload({ reason });
    expect(actionSentence(payload)).toBe(SENTENCES[reason]);
    const { html, text } = await render(payload);
    for (const body of [words(html), text]) {
      expect(body).toContain('Your payment needs your action');
      expect(body).toContain('Hi Ada Lovelace,');
      expect(body).toContain(`The items below from your order 1042 are ready to ship, but we couldn't charge $84.00 for them. ${SENTENCES[reason]}`);
      for (const other of reasons.filter((r) => r !== reason)) expect(body).not.toContain(SENTENCES[other]);
    }
  });

  it('names the card brand in the reason', () => {
    expect(actionSentence({ reason: 'expired_card', card: { brand: 'mastercard', last4: '4444' } })).toBe(
      'Your Mastercard ending in 4444 has expired. Please give us another card.',
    );
  });

  it('lists the held items and says nothing has been charged', async () => {
    const { html, text } = await render();
    for (const body of [words(html), text]) {
      const items = between(body, 'Cast-iron skillet — 10 inch × 1', 'Nothing has been charged.');
      expect(items).toContain('Linen apron — Rust × 2');
      expect(body).toContain("We're holding these items for you and will ship them as soon as the payment goes through. Nothing has been charged.");
      expect(body).not.toContain('We charged');
    }
  });

  it('links "Fix the payment" to the order page, and nothing else but the store', async () => {
    const { html, text } = await render(paymentActionNeededPayload({ reason: 'authentication_required' }));
    const button = buttonLink(html, 'Fix the payment');
    expect(button?.[1]).toBe(ORDER_URL);
    expect(button?.[0], 'the button has the accent colour').toContain('background-color:#a1b2c3');
    expect(html).toContain(`>${ORDER_URL}</a>`);
    expect(text).toContain(`Fix the payment ${ORDER_URL}`);
    for (const body of [readable(html), text]) expect(body).toContain('Anyone with this link can see the order, so keep this email to yourself.');
    expect(new Set(hrefs(html))).toEqual(new Set([ORDER_URL, identity.siteUrl]));
    expectNoRemoteResources(html);
  });

  it('escapes what customers and staff typed', async () => {
    const payload = paymentActionNeededPayload({ fullName: 'Eve <b>Bold</b>' });
    payload.lines[1]!.title = 'Apron <b>& co';
    const { html, text } = await render(payload);
    expect(html).not.toContain('<b>');
    expect(readable(html)).toContain('Apron &lt;b&gt;&amp; co × 2');
    expect(readable(html)).toContain('Hi Eve &lt;b&gt;Bold&lt;/b&gt;,');
    expect(text).toContain('Apron <b>& co × 2');
    expect(text).toContain('Hi Eve <b>Bold</b>,');
  });
});

describe('renderEmail: shipment refunded', () => {
  const render = (payload: ShipmentRefundedPayload = shipmentRefundedPayload()) =>
    renderEmail({ kind: 'shipment_refunded', payload } satisfies EmailMessage, identity);

  it('says what was refunded, to which card, line by line with the shipping fee', async () => {
    const email = await render();
    expect(email.subject).toBe('Refund for Inbound order 1042');
    expect(email.headers).toEqual({});
    for (const body of [words(email.html), email.text]) {
      expect(body).toContain('Your refund');
      expect(body).toContain("We've refunded $35.00 to your Visa ending in 4242.");
      expect(body).toContain('Linen apron — Rust × 2');
      expect(body).toContain('$30.00');
      expect(body).toContain('Shipping');
      expect(body).toContain('It is for shipment 1 of your order 1042.');
    }
    expect(refundedSentence({ amountCents: 1234, currency: 'USD', card: { brand: 'mastercard', last4: '4444' } })).toBe(
      "We've refunded $12.34 to your Mastercard ending in 4444.",
    );
    expect(buttonLink(email.html, 'View your order')?.[1]).toBe(ORDER_URL);
    expectNoRemoteResources(email.html);
  });

  it('leaves the shipping row out of a refund of units only, and escapes titles', async () => {
    const { html, text } = await render(
      shipmentRefundedPayload({ shippingCents: 0, amountCents: 1500, lines: [{ title: 'Mug <b>&</b>', quantity: 1, amountCents: 1500 }] }),
    );
    for (const body of [words(html), text]) expect(body).not.toContain('Shipping');
    expect(html).toContain('Mug &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).not.toContain('<b>&</b>');
  });
});
