import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { OrderDetails } from '@/components/orders/order-details';
import { orderLines, orders, shipments, waitingQueue, type WaitingQueueEntry } from '@/db/schema';
import { formatCalendarDate } from '@/lib/catalog/dates';
import { testConnection } from '@/test/database';
import { cancelLine, cancelOrder } from './cancel-lines';
import { readOrderByToken, type OrderView } from './order-reads';
import { placeOrder } from './place-order';
import { PAYMENT_FAILED_ACTION } from './status-copy';
import {
  backorderTo,
  CONTACT,
  cartWith,
  createTestVariant,
  inDays,
  placeTestOrder,
  quoteFor,
  SHIPPING_CENTS,
  TODAY,
  verifiedPayment,
} from './testing/fixtures';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const run = randomBytes(4).toString('hex');
const shipBy = (days: number) => formatCalendarDate(inDays(days), { withWeekday: true, today: TODAY });

const html = (order: OrderView) => renderToStaticMarkup(createElement(OrderDetails, { order, today: TODAY }));

/** The order page's text, one line per element, as a shopper reads it. */
function pageLines(order: OrderView): string[] {
  return html(order)
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

describe('readOrderByToken: cancelled lines, shipments and orders', () => {
  // Mug $20 from stock (with the $5 shipping), skillet 2 × $50 and pan $30 backordered to the same day.
  let order: { token: string; number: number; lineOf: (variantId: string) => string };
  let mugId: string;
  let skilletId: string;
  let panId: string;
  const STAFF = 'staff@example.test';

  beforeEach(async () => {
    const mug = await createTestVariant(db, { onHand: 5, inventoryPolicy: 'deny', priceCents: 2000, title: `Cancel Mug ${run}` });
    const skillet = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)), priceCents: 5000, title: `Cancel Skillet ${run}` });
    const pan = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)), priceCents: 3000, title: `Cancel Pan ${run}` });
    [mugId, skilletId, panId] = [mug.variantId, skillet.variantId, pan.variantId];
    order = await place([
      { variantId: mugId, quantity: 1 },
      { variantId: skilletId, quantity: 2 },
      { variantId: panId, quantity: 1 },
    ]);
  });

  async function place(lines: { variantId: string; quantity: number }[]) {
    const placed = await placeTestOrder(db, lines, { contact: { email: `cancel-reads-${run}@example.test` } });
    const [row] = await db.select().from(orders).where(eq(orders.id, placed.id));
    const rows = await db.select({ id: orderLines.id, variantId: orderLines.variantId }).from(orderLines).where(eq(orderLines.orderId, row!.id));
    return { token: row!.publicToken, number: row!.number, lineOf: (variantId: string) => rows.find((r) => r.variantId === variantId)!.id };
  }

  const read = async () => (await readOrderByToken(order.token, db))!;
  const lineOf = (view: OrderView, variantId: string) => view.lines.find((l) => l.id === order.lineOf(variantId))!;
  const cancel = async (variantId: string) => {
    const result = await cancelLine(order.number, order.lineOf(variantId), STAFF, { database: db, today: TODAY });
    if (!result.ok) throw new Error(`not cancelled: ${result.error}`);
  };

  it('has nothing to say about cancellations while nothing was cancelled', async () => {
    const view = await read();
    expect(view.cancellations).toBeNull();
    expect(view.lines.map((l) => l.cancelledQuantity)).toEqual([0, 0, 0]);
    expect(view.shipments.flatMap((s) => s.lines.map((l) => l.cancelled))).toEqual([false, false, false]);
    const lines = pageLines(view);
    expect(lines.join('\n')).not.toMatch(/Cancelled|cancelled/);
  });

  it('marks a waiting line cancelled out of a shipment that still ships, without its date, and out of what is charged', async () => {
    await cancel(skilletId);
    const view = await read();
    expect(view.status).toBe('placed');
    expect(lineOf(view, skilletId)).toMatchObject({
      quantity: 2,
      cancelledQuantity: 2,
      queue: { status: 'cancelled', expectedDate: null },
      parts: [{ sequence: 2, quantity: 2, cancelled: true }],
    });
    expect(lineOf(view, panId)).toMatchObject({ cancelledQuantity: 0, queue: { status: 'waiting', expectedDate: inDays(20) } });
    expect(view.shipments.map((s) => [s.sequence, s.status, s.amountCents, s.lines.map((l) => [l.quantity, l.amountCents, l.cancelled])])).toEqual([
      [1, 'ready_to_ship', 2500, [[1, 2000, false]]],
      [
        2,
        'planned',
        3000,
        expect.arrayContaining([
          [2, 10000, true],
          [1, 3000, false],
        ]),
      ],
    ]);
    // The total as placed stays; what is left is what the shipments still say.
    expect(view.totalCents).toBe(15500);
    expect(view.cancellations).toEqual({ cancelledCents: 10000, remainingCents: 5500 });

    const lines = pageLines(view);
    expect(lines).toContain('2 × Cancelled');
    expect(lines).not.toContain(`2 × Backordered — ships by ${shipBy(20)}`);
    expect(lines).toContain(`1 × Backordered — ships by ${shipBy(20)}`); // the pan's, still waiting
    expect(lines).toContain(`2 × Cancel Skillet ${run} — Cancelled`);
    expect(lines).toContain(`1 × Cancel Pan ${run}`);
    expect(lines).toContain('2 × $50.00 · 2 cancelled');
    expect(lines).toContain(`Ships by ${shipBy(20)}`);
    expect(lines).toContain('$30.00'); // shipment 2, charged when it ships: the pan alone
    expect(after(lines, 'Total')).toBe('$155.00');
    expect(after(lines, 'Cancelled')).toBe('−$100.00');
    expect(after(lines, 'Total after cancellations')).toBe('$55.00');
    expect(lines).toContain('Nothing was charged for the cancelled items.');
    expect(lines).not.toContain('This order was cancelled.');
    // Struck out as well as named: the line's total as placed, and its amount in the shipment.
    expect(html(view).match(/<s>\$100\.00<\/s>/g)).toHaveLength(2);
  });

  it('cancels a shipment emptied by a cancelled line: no date, no charge, and its shipping fee on the next one', async () => {
    await cancel(mugId);
    const view = await read();
    expect(view.status).toBe('placed');
    expect(view.shipments.map((s) => [s.sequence, s.status, s.shippingCents, s.amountCents])).toEqual([
      [1, 'cancelled', 0, 0],
      [2, 'planned', 500, 13500],
    ]);
    expect(view.cancellations).toEqual({ cancelledCents: 2000, remainingCents: 13500 });

    const lines = pageLines(view);
    expect(lines).toContain('1 × Cancelled');
    expect(lines).not.toContain('Ships now');
    expect(lines).not.toContain('1 × Preparing to ship — ships in 1–2 business days');
    expect(lines).toContain('Everything in it was cancelled before it shipped.');
    expect(after(lines, 'Everything in it was cancelled before it shipped.')).toBe(`1 × Cancel Mug ${run} — Cancelled`);
    expect(lines.filter((l) => l === 'Charged when it ships')).toHaveLength(1); // shipment 2 only
    expect(after(lines, 'Charged when it ships')).toBe('$135.00');
    expect(lines).toContain('Not charged');
    expect(after(lines, 'Cancelled')).toBe('−$20.00');
    expect(after(lines, 'Total after cancellations')).toBe('$135.00');
  });

  it('shows a cancelled order as cancelled, with nothing charged and no dates', async () => {
    const result = await cancelOrder(order.number, STAFF, { database: db, today: TODAY });
    expect(result).toMatchObject({ ok: true, orderCancelled: true });
    const view = await read();
    expect(view.status).toBe('cancelled');
    expect(view.lines.map((l) => [l.quantity, l.cancelledQuantity, l.parts.every((p) => p.cancelled), l.queue?.expectedDate ?? null])).toEqual([
      [1, 1, true, null],
      [2, 2, true, null],
      [1, 1, true, null],
    ]);
    expect(view.shipments.map((s) => [s.status, s.amountCents])).toEqual([
      ['cancelled', 0],
      ['cancelled', 0],
    ]);
    // The shipping fee had nowhere to go: nothing of the order is charged.
    expect(view.cancellations).toEqual({ cancelledCents: 15500, remainingCents: 0 });

    const lines = pageLines(view);
    expect(lines[0]).toBe('Cancelled');
    expect(lines[1]).toBe('This order was cancelled. Nothing was charged for the cancelled items.');
    expect(lines.filter((l) => /^\d+ × Cancelled$/.test(l))).toEqual(['1 × Cancelled', '2 × Cancelled', '1 × Cancelled']);
    const text = lines.join('\n');
    expect(text).not.toContain('Charged when it ships');
    expect(text).not.toContain('Backordered');
    expect(text).not.toContain('Preparing to ship');
    expect(text).not.toContain('Nothing is charged now');
    expect(lines).not.toContain(`Ships by ${shipBy(20)}`); // (the consent the shopper gave still quotes it)
    expect(after(lines, 'Total')).toBe('$155.00');
    expect(after(lines, 'Cancelled')).toBe('−$155.00');
    expect(after(lines, 'Total after cancellations')).toBe('$0.00');
  });
});

describe('readOrderByToken: shipping and charging', () => {
  // Mug $20 from stock with the $5 shipping (shipment 1), skillet $50 backordered (shipment 2).
  let token: string;
  let orderId: string;
  const SHIPPED_AT = new Date('2026-01-05T15:04:00Z');

  beforeEach(async () => {
    const mug = await createTestVariant(db, { onHand: 5, inventoryPolicy: 'deny', priceCents: 2000, title: `Ship Mug ${run}` });
    const skillet = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)), priceCents: 5000, title: `Ship Skillet ${run}` });
    const placed = await placeTestOrder(
      db,
      [
        { variantId: mug.variantId, quantity: 1 },
        { variantId: skillet.variantId, quantity: 1 },
      ],
      { contact: { email: `ship-reads-${run}@example.test` } },
    );
    const [row] = await db.select({ token: orders.publicToken }).from(orders).where(eq(orders.id, placed.id));
    token = row!.token;
    orderId = placed.id;
  });

  /** Shipment 1 where shipping (lib/shipping/ship-shipment.ts) leaves it. */
  const setFirst = (values: Partial<typeof shipments.$inferInsert>) =>
    db
      .update(shipments)
      .set(values)
      .where(and(eq(shipments.orderId, orderId), eq(shipments.sequence, 1)));
  const read = async () => (await readOrderByToken(token, db))!;

  it('has nothing shipped or charged before "Ship"', async () => {
    const view = await read();
    expect(view.shipments.map((s) => [s.status, s.shippedAt, s.chargedCents, s.carrier, s.trackingNumber, s.trackingUrl])).toEqual([
      ['ready_to_ship', null, 0, null, null, null],
      ['planned', null, 0, null, null, null],
    ]);
    const text = pageLines(view).join('\n');
    expect(text).not.toMatch(/Shipped|Charged \$|Tracking|Payment failed|Charging/);
    expect(text).toContain('Nothing is charged now.');
  });

  it('shows a shipped shipment: when, what it charged to which card, and the tracking link', async () => {
    await setFirst({
      status: 'shipped',
      shippedAt: SHIPPED_AT,
      chargedCents: 2500,
      chargeAttempt: 1,
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      shippedBy: 'staff@example.test',
    });
    const view = await read();
    expect(view.shipments[0]).toMatchObject({
      status: 'shipped',
      shippedAt: SHIPPED_AT.toISOString(),
      chargedCents: 2500,
      refundedCents: 0,
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    });
    // Staff's name is not the shopper's business.
    expect(JSON.stringify(view)).not.toContain('staff@example.test');

    const lines = pageLines(view);
    expect(lines).toContain(`1 × Shipped`); // the mug's line
    expect(lines).toContain('Shipped on');
    expect(lines).toContain('Jan 5, 2026, 3:04 PM UTC');
    expect(lines).toContain('Charged $25.00 to Visa ending 4242.');
    expect(lines).toContain('Tracking: UPS');
    expect(html(view)).toContain('<a href="https://www.ups.com/track?tracknum=1Z999AA10123456784" rel="noreferrer"');
    expect(lines).toContain('1Z999AA10123456784');
    expect(lines.filter((l) => l === 'Charged')).toHaveLength(1);
    expect(after(lines, 'Charged')).toBe('$25.00');
    // The skillet is still to come, and still charged when it ships.
    expect(lines).toContain('Charged when it ships');
    expect(lines.join('\n')).not.toContain('Refunded');
  });

  it('shows what was refunded of a shipped shipment, and to which card', async () => {
    await setFirst({ status: 'shipped', shippedAt: SHIPPED_AT, chargedCents: 2500, chargeAttempt: 1, refundedCents: 2000 });
    const view = await read();
    expect(view.shipments.map((s) => [s.status, s.chargedCents, s.refundedCents])).toEqual([
      ['shipped', 2500, 2000],
      ['planned', 0, 0],
    ]);
    const lines = pageLines(view);
    expect(lines).toContain('Charged $25.00 to Visa ending 4242.');
    expect(lines).toContain('Refunded $20.00 to Visa ending 4242.');
    expect(lines.filter((l) => l.startsWith('Refunded'))).toHaveLength(1);
    // What the shipment was charged stays its amount: the refund is said beside it.
    expect(after(lines, 'Charged')).toBe('$25.00');
  });

  it('shows the carrier and number without a link for a carrier the store does not know', async () => {
    await setFirst({ status: 'shipped', shippedAt: SHIPPED_AT, chargedCents: 2500, carrier: 'Pigeon Post', trackingNumber: 'PP-1' });
    const view = await read();
    expect(view.shipments[0]).toMatchObject({ carrier: 'Pigeon Post', trackingNumber: 'PP-1', trackingUrl: null });
    expect(pageLines(view)).toContain('Tracking: Pigeon Post');
    expect(html(view)).not.toContain('<a href="https://');
  });

  it('says the card is being charged, without the tracking typed for it yet', async () => {
    await setFirst({ status: 'charging', chargingSince: new Date(), chargeAttempt: 1, carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    const view = await read();
    expect(view.shipments[0]).toMatchObject({ status: 'charging', carrier: null, trackingNumber: null, trackingUrl: null });
    const lines = pageLines(view);
    expect(lines).toContain('Charging your card');
    expect(lines).toContain('1 × Charging your card');
    expect(lines.join('\n')).not.toContain('1Z999AA10123456784');
  });

  it('says a failed payment needs the shopper, and nothing shipped', async () => {
    await setFirst({ status: 'payment_failed', chargeAttempt: 1, failureCode: 'card_declined', failureMessage: 'Your card was declined.' });
    const view = await read();
    expect(view.shipments[0]).toMatchObject({ status: 'payment_failed', shippedAt: null, chargedCents: 0 });
    const lines = pageLines(view);
    expect(lines).toContain('Payment failed');
    expect(lines).toContain('1 × Payment failed');
    expect(lines).toContain(PAYMENT_FAILED_ACTION);
    expect(lines.join('\n')).not.toMatch(/Shipped|Charged \$/);
  });
});

/** The text right after the last element reading `label` (a <dt>'s <dd>). */
function after(lines: string[], label: string): string | undefined {
  return lines[lines.lastIndexOf(label) + 1];
}
