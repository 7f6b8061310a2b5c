import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { OrderDetails } from '@/components/orders/order-details';
import { orderLines, orders, shipments, waitingQueue, type WaitingQueueEntry } from '@/db/schema';
import { formatCalendarDate } from '@/lib/catalog/dates';
import { testConnection } from '@/test/database';
import { readOrderByToken, type OrderView } from './order-reads';
import { placeOrder } from './place-order';
import { backorderTo, CONTACT, cartWith, createTestVariant, inDays, quoteFor, SHIPPING_CENTS, TODAY, verifiedPayment } from './testing/fixtures';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const run = randomBytes(4).toString('hex');
const shipBy = (days: number) => formatCalendarDate(inDays(days), { withWeekday: true, today: TODAY });

/** The order page's text, one line per element, as a shopper reads it. */
function pageLines(order: OrderView): string[] {
  const html = renderToStaticMarkup(createElement(OrderDetails, { order, today: TODAY }));
  return html
    .replace(/<[^>]+>/g, '\n')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

describe('readOrderByToken: the current date of waiting lines', () => {
  let token: string;
  let orderId: string;
  let skilletLineId: string;

  beforeEach(async () => {
    const mug = await createTestVariant(db, { onHand: 5, inventoryPolicy: 'deny', priceCents: 2000, title: `Reads Mug ${run}` });
    const skillet = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)), priceCents: 5000, title: `Reads Skillet ${run}` });
    const cart = await cartWith(db, [
      { variantId: mug.variantId, quantity: 1 },
      { variantId: skillet.variantId, quantity: 2 },
    ]);
    const { fingerprint } = await quoteFor(db, cart.id);
    const result = await placeOrder(
      {
        cartId: cart.id,
        idempotencyKey: cart.checkoutKey,
        quoteFingerprint: fingerprint,
        contact: { ...CONTACT, email: `reads-${run}@example.test` },
        consent: { at: new Date(), ip: null },
        payment: verifiedPayment(),
      },
      { database: db, today: TODAY, shippingCents: SHIPPING_CENTS },
    );
    if (result.status !== 'placed') throw new Error(`not placed: ${result.status}`);
    const [order] = await db.select().from(orders).where(eq(orders.id, result.order.id));
    token = order!.publicToken;
    orderId = order!.id;
    const [line] = await db
      .select({ id: orderLines.id })
      .from(orderLines)
      .where(and(eq(orderLines.orderId, orderId), eq(orderLines.variantId, skillet.variantId)));
    skilletLineId = line!.id;
  });

  /** What the date machinery (or receiving) leaves behind: the queue entry, and the backorder shipment with it. */
  async function move(
    entry: Partial<Pick<WaitingQueueEntry, 'expectedDate' | 'delays' | 'agreement' | 'status' | 'allocatedUnits' | 'position' | 'allocatedAt'>>,
    shipment: Partial<Pick<typeof shipments.$inferSelect, 'expectedDate' | 'status'>> = {},
  ) {
    await db.update(waitingQueue).set(entry).where(eq(waitingQueue.orderLineId, skilletLineId));
    if (Object.keys(shipment).length === 0) return;
    await db
      .update(shipments)
      .set(shipment)
      .where(and(eq(shipments.orderId, orderId), eq(shipments.kind, 'backorder')));
  }

  const read = async () => (await readOrderByToken(token, db))!;
  const skilletOf = (order: OrderView) => order.lines.find((l) => l.id === skilletLineId)!;

  it('gives each line with later units its queue status and current date; a line from stock has none', async () => {
    const order = await read();
    expect(order.lines.map((l) => [l.shipNow, l.later, l.laterDate, l.queue])).toEqual([
      [1, 0, null, null],
      [0, 2, inDays(20), { status: 'waiting', expectedDate: inDays(20) }],
    ]);
    const lines = pageLines(order);
    expect(lines).toContain(`2 × Backordered — ships by ${shipBy(20)}`);
    expect(lines).toContain(`Ships by ${shipBy(20)}`);
    expect(lines.join('\n')).not.toContain('the date changed');
  });

  it('shows the date it has now, and the promise it replaced, when it moved later', async () => {
    await move({ expectedDate: inDays(40), delays: 1 }, { expectedDate: inDays(40) });
    const order = await read();
    expect(skilletOf(order)).toMatchObject({ laterDate: inDays(20), queue: { status: 'waiting', expectedDate: inDays(40) } });
    const lines = pageLines(order);
    expect(lines).toContain(`2 × Backordered — ships by ${shipBy(40)}`);
    expect(lines).toContain(`Was ${shipBy(20)}: the date changed`);
    expect(lines).toContain(`Ships by ${shipBy(40)}`);
  });

  it('shows an earlier date without a word about it', async () => {
    await move({ expectedDate: inDays(10) }, { expectedDate: inDays(10) });
    const lines = pageLines(await read());
    expect(lines).toContain(`2 × Backordered — ships by ${shipBy(10)}`);
    expect(lines.join('\n')).not.toContain('the date changed');
  });

  it('says there is no date yet when nothing dates the line, on the line and its shipment', async () => {
    // The shipment keeps the last date it had (lib/orders/waiting-dates.ts); the page must not show it.
    await move({ expectedDate: null, delays: 1, agreement: 'needed' });
    const order = await read();
    expect(skilletOf(order).queue).toEqual({ status: 'waiting', expectedDate: null });
    const lines = pageLines(order);
    expect(lines).toContain("2 × Backordered — no date yet; we'll email you when we have one");
    expect(lines).toContain(`Was ${shipBy(20)}: the date changed`);
    expect(lines).toContain('No date yet');
    expect(lines).toContain("Backordered — no date yet; we'll email you when we have one");
    expect(lines).not.toContain(`Ships by ${shipBy(20)}`); // (the consent the shopper gave still quotes it, as it should)
  });

  it('says a line filled by receiving is in stock and being prepared', async () => {
    await move({ status: 'allocated', allocatedUnits: 2, position: null, allocatedAt: new Date() }, { status: 'ready_to_ship' });
    const order = await read();
    expect(skilletOf(order).queue).toEqual({ status: 'allocated', expectedDate: inDays(20) });
    const lines = pageLines(order);
    expect(lines).toContain('2 × In stock now — preparing to ship, ships in 1–2 business days');
    expect(lines).toContain('1 × Preparing to ship — ships in 1–2 business days');
    expect(lines.join('\n')).not.toContain('Backordered');
  });

  it('still finds nothing for an unknown or malformed token', async () => {
    expect(await readOrderByToken(randomBytes(32).toString('base64url'), db)).toBeNull();
    expect(await readOrderByToken('not-a-token', db)).toBeNull();
  });
});
