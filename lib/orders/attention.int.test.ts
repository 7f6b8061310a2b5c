import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwaitingAnswersSection, LatePromisesSection } from '@/components/admin/dashboard/waiting-lines';
import { orderLines, orders, waitingQueue, type WaitingQueueEntry } from '@/db/schema';
import { testConnection } from '@/test/database';
import { awaitingAnswers, latePromises } from './attention';
import { placeOrder } from './place-order';
import { backorderTo, CONTACT, cartWith, createTestVariant, inDays, quoteFor, SHIPPING_CENTS, TODAY, verifiedPayment } from './testing/fixtures';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const run = randomBytes(4).toString('hex');

/**
 * Other suites write waiting lines to the same database, dated around today. The lines here are
 * promised in 1999, so a "today" of early 1999 sees only them, and they sort ahead of everyone
 * else's in the answers list.
 */
const TODAY_1999 = '1999-03-01';

interface Placed {
  number: number;
  orderId: string;
  lineId: string;
  title: string;
}

/** An order of `quantity` units of a new variant with `onHand` in stock (the rest backordered). */
async function placeWaiting(quantity: number, onHand = 0): Promise<Placed> {
  const variant = await createTestVariant(db, { onHand, ...backorderTo(inDays(20)), title: `Attention ${run} ${randomBytes(2).toString('hex')}` });
  const cart = await cartWith(db, [{ variantId: variant.variantId, quantity }]);
  const { fingerprint } = await quoteFor(db, cart.id);
  const result = await placeOrder(
    {
      cartId: cart.id,
      idempotencyKey: cart.checkoutKey,
      quoteFingerprint: fingerprint,
      contact: { ...CONTACT, email: `attention-${run}@example.test` },
      consent: { at: new Date(), ip: null },
      payment: verifiedPayment(),
    },
    { database: db, today: TODAY, shippingCents: SHIPPING_CENTS },
  );
  if (result.status !== 'placed') throw new Error(`not placed: ${result.status}`);
  const [line] = await db.select({ id: orderLines.id }).from(orderLines).where(eq(orderLines.orderId, result.order.id));
  return { number: result.order.number, orderId: result.order.id, lineId: line!.id, title: variant.title };
}

/** Puts a line where the date machinery would have left it: its promise, and its queue entry's date, delays and agreement. */
async function setLine(
  line: Placed,
  promised: string,
  entry: Partial<Pick<WaitingQueueEntry, 'expectedDate' | 'delays' | 'agreement' | 'status' | 'allocatedUnits' | 'position'>> = {},
) {
  await db.update(orderLines).set({ laterDate: promised }).where(eq(orderLines.id, line.lineId));
  await db
    .update(waitingQueue)
    .set({ expectedDate: promised, ...entry })
    .where(eq(waitingQueue.orderLineId, line.lineId));
}

describe('latePromises and awaitingAnswers', () => {
  let late: Placed, older: Placed, undated: Placed, agreed: Placed, partly: Placed;
  let dueToday: Placed, notDue: Placed, filled: Placed, cancelledOrder: Placed, cancelledLine: Placed;
  let needed: Placed, neededLater: Placed, neededUndated: Placed;

  beforeAll(async () => {
    [late, older, undated, agreed, partly, dueToday, notDue, filled, cancelledOrder, cancelledLine, needed, neededLater, neededUndated] = await Promise.all([
      placeWaiting(2),
      placeWaiting(1),
      placeWaiting(1),
      placeWaiting(1),
      placeWaiting(4, 1), // one from stock, three waiting
      placeWaiting(1),
      placeWaiting(1),
      placeWaiting(2),
      placeWaiting(1),
      placeWaiting(1),
      placeWaiting(1),
      placeWaiting(2),
      placeWaiting(1),
    ]);
    // Past their promise (before 1999-03-01).
    await setLine(late, '1999-02-10', { expectedDate: '1999-03-10', delays: 1 });
    await setLine(older, '1999-01-05', { expectedDate: '1999-01-20', delays: 1 });
    await setLine(undated, '1999-02-10', { expectedDate: null, delays: 1, agreement: 'needed' });
    await setLine(agreed, '1999-02-20', { expectedDate: '1999-05-01', delays: 2, agreement: 'agreed' });
    await setLine(partly, '1999-02-15', { allocatedUnits: 1 });
    // Not past it, or not waiting any more.
    await setLine(dueToday, TODAY_1999);
    await setLine(notDue, '1999-04-01');
    await setLine(filled, '1999-01-02', { status: 'allocated', allocatedUnits: 2, position: null });
    await setLine(cancelledOrder, '1999-01-02', { expectedDate: null, agreement: 'needed' });
    await db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, cancelledOrder.orderId));
    await setLine(cancelledLine, '1999-01-02', { status: 'cancelled', position: null, agreement: 'needed' });
    // Delays awaiting an answer whose promise is still ahead.
    await setLine(needed, '1999-03-20', { expectedDate: '1999-05-01', delays: 1, agreement: 'needed' });
    await setLine(neededLater, '1999-03-25', { expectedDate: '1999-04-10', delays: 2, agreement: 'needed' });
    await setLine(neededUndated, '1999-03-20', { expectedDate: null, delays: 1, agreement: 'needed' });
  });

  it('lists waiting lines past their promised date, oldest promise first, with what is still waiting and the current date', async () => {
    const rows = await latePromises(db, TODAY_1999);
    const row = (p: Placed, fields: object) => ({ lineId: p.lineId, orderNumber: p.number, title: p.title, ...fields });
    // Two lines promised on the same day come in order-number order.
    const [first, second] = [late, undated].sort((a, b) => a.number - b.number);
    const fieldsOf = (p: Placed) =>
      p === late ? { units: 2, expectedDate: '1999-03-10', agreement: null } : { units: 1, expectedDate: null, agreement: 'needed' };
    expect(rows).toEqual([
      row(older, { units: 1, promisedDate: '1999-01-05', expectedDate: '1999-01-20', agreement: null }),
      row(first!, { promisedDate: '1999-02-10', ...fieldsOf(first!) }),
      row(second!, { promisedDate: '1999-02-10', ...fieldsOf(second!) }),
      row(partly, { units: 2, promisedDate: '1999-02-15', expectedDate: '1999-02-15', agreement: null }),
      row(agreed, { units: 1, promisedDate: '1999-02-20', expectedDate: '1999-05-01', agreement: 'agreed' }),
    ]);
  });

  it('counts a promise as broken from the day after it', async () => {
    const numbers = async (today: string) => (await latePromises(db, today)).map((r) => r.orderNumber);
    expect(await numbers(TODAY_1999)).not.toContain(dueToday.number);
    expect(await numbers('1999-03-02')).toContain(dueToday.number);
    expect(await numbers('1999-01-05')).toEqual([]);
    expect(await numbers('1999-01-06')).toEqual([older.number]);
  });

  it('stops at the limit, keeping the oldest promises', async () => {
    expect((await latePromises(db, TODAY_1999, 2)).map((r) => r.orderNumber)).toEqual([older.number, Math.min(late.number, undated.number)]);
  });

  it('lists the delays awaiting the shopper’s answer, nearest deadline first, with the date to agree to', async () => {
    const ours = new Set(
      [late, older, undated, agreed, partly, dueToday, notDue, filled, cancelledOrder, cancelledLine, needed, neededLater, neededUndated].map((p) => p.number),
    );
    const rows = (await awaitingAnswers(db)).filter((r) => ours.has(r.orderNumber));
    const row = (p: Placed, fields: object) => ({ lineId: p.lineId, orderNumber: p.number, title: p.title, ...fields });
    const [first, second] = [needed, neededUndated].sort((a, b) => a.number - b.number);
    const dateOf = (p: Placed) => (p === needed ? '1999-05-01' : null);
    expect(rows).toEqual([
      row(undated, { units: 1, promisedDate: '1999-02-10', expectedDate: null, answerBy: '1999-02-10' }),
      row(first!, { units: 1, promisedDate: '1999-03-20', expectedDate: dateOf(first!), answerBy: '1999-03-20' }),
      row(second!, { units: 1, promisedDate: '1999-03-20', expectedDate: dateOf(second!), answerBy: '1999-03-20' }),
      row(neededLater, { units: 2, promisedDate: '1999-03-25', expectedDate: '1999-04-10', answerBy: '1999-03-25' }),
    ]);
    // Lines promised in 1999 come before any other suite's.
    expect((await awaitingAnswers(db, 2)).map((r) => r.orderNumber)).toEqual([undated.number, first!.number]);
  });

  it('shows both on the dashboard: each row links to its order, with its dates, "No date" when there is none, and the answer-by date', async () => {
    const ours = <R extends { orderNumber: number }>(rows: R[]) => rows.filter((r) => [older.number, undated.number, needed.number].includes(r.orderNumber));
    const late = renderToStaticMarkup(createElement(LatePromisesSection, { rows: ours(await latePromises(db, TODAY_1999)) }));
    expect(late).toContain('>Past their promised date</h2>');
    expect(late).toContain('<caption class="sr-only">Lines past their promised date</caption>');
    expect(late).toMatch(new RegExp(`<a [^>]*href="/admin/orders/${older.number}"[^>]*>#${older.number}</a>`));
    expect(late).toContain('<time dateTime="1999-01-05">Tue, Jan 5, 1999</time>');
    expect(late).toMatch(/No date<span class="[^"]*">Answer needed<\/span>/);
    const awaiting = renderToStaticMarkup(createElement(AwaitingAnswersSection, { rows: ours(await awaitingAnswers(db)) }));
    expect(awaiting).toContain('>Waiting for the shopper&#x27;s answer</h2>');
    expect(awaiting).toContain('>Answer by</th>');
    expect(awaiting).toMatch(new RegExp(`<a [^>]*href="/admin/orders/${needed.number}"[^>]*>#${needed.number}</a>`));
    expect(awaiting).toContain('<time dateTime="1999-05-01">Sat, May 1, 1999</time>');
  });

  it('drops a line once the shopper agrees, or once it is filled', async () => {
    await setLine(neededLater, '1999-03-25', { expectedDate: '1999-04-10', delays: 2, agreement: 'agreed' });
    await setLine(undated, '1999-02-10', { expectedDate: null, delays: 1, agreement: 'needed', status: 'allocated', allocatedUnits: 1, position: null });
    const numbers = (await awaitingAnswers(db)).map((r) => r.orderNumber);
    expect(numbers).not.toContain(neededLater.number);
    expect(numbers).not.toContain(undated.number);
    expect(numbers).toContain(needed.number);
    expect((await latePromises(db, TODAY_1999)).map((r) => r.orderNumber)).not.toContain(undated.number);
  });
});
