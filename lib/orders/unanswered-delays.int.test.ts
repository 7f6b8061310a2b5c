import { and, asc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { orderLines, orders, outboxMessages, shipments, variants, waitingQueue } from '@/db/schema';
import type { OrderCancelledPayload } from '@/lib/email/messages';
import { testConnection } from '@/test/database';
import { backorderTo, createTestVariant, inDays, placeTestOrder, SHIPPING_CENTS } from './testing/fixtures';
import { cancelUnansweredDelays } from './unanswered-delays';
import { recomputeWaitingDates } from './waiting-dates';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const PROMISE = 10;

/** Moves the variant's fixed ship date and re-dates its waiting lines, as the admin's edit does. */
async function moveDate(variantId: string, days: number | null) {
  await db.transaction(async (tx) => {
    await tx
      .update(variants)
      .set(days === null ? { shipDateSource: null, fixedShipDate: null } : { fixedShipDate: inDays(days) })
      .where(eq(variants.id, variantId));
    await recomputeWaitingDates(tx, [variantId]);
  });
}

async function entryOf(orderId: string) {
  const [row] = await db
    .select({ status: waitingQueue.status, agreement: waitingQueue.agreement, answerBy: waitingQueue.answerBy, position: waitingQueue.position })
    .from(waitingQueue)
    .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
    .where(eq(orderLines.orderId, orderId));
  return row!;
}

async function cancelledEmails(orderId: string) {
  return db
    .select({ subject: outboxMessages.subject, payload: outboxMessages.payload })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orderId, orderId), eq(outboxMessages.kind, 'order_cancelled')));
}

async function orderState(orderId: string) {
  const [order] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  const rows = await db
    .select({ kind: shipments.kind, status: shipments.status, amount: shipments.amountCents })
    .from(shipments)
    .where(eq(shipments.orderId, orderId))
    .orderBy(asc(shipments.sequence));
  return { status: order!.status, shipments: rows };
}

describe('the delay rule (US FTC Mail Order Rule): no answer by the day, the delayed items are cancelled', () => {
  it('cancels a long delay nobody agreed to once its day has passed, once, and leaves the rest alone', async () => {
    const long = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(PROMISE)) });
    const short = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(PROMISE)) });
    const agreed = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(PROMISE)) });
    const a = await placeTestOrder(db, [{ variantId: long.variantId, quantity: 1 }], { contact: { email: 'long@example.com' } });
    const behind = await placeTestOrder(db, [{ variantId: long.variantId, quantity: 1 }]);
    const b = await placeTestOrder(db, [{ variantId: short.variantId, quantity: 1 }]);
    const c = await placeTestOrder(db, [{ variantId: agreed.variantId, quantity: 1 }]);

    await moveDate(long.variantId, PROMISE + 45); // more than 30 days late: agreement needed
    await moveDate(short.variantId, PROMISE + 20); // a first delay within 30 days: it stands
    await moveDate(agreed.variantId, PROMISE + 45);
    // The shopper's answer (the self-service issue builds the page for it) is recorded like this.
    await db
      .update(waitingQueue)
      .set({ agreement: 'agreed' })
      .where(eq(waitingQueue.orderLineId, (await db.select({ id: orderLines.id }).from(orderLines).where(eq(orderLines.orderId, c.id)))[0]!.id));
    expect(await entryOf(a.id)).toMatchObject({ agreement: 'needed', answerBy: inDays(PROMISE) });
    expect(await entryOf(b.id)).toMatchObject({ agreement: null });

    // On the day itself the shopper can still answer. (Runs count lines other test files left due too.)
    await cancelUnansweredDelays(db, inDays(PROMISE));
    expect(await entryOf(a.id)).toMatchObject({ status: 'waiting' });

    const run = await cancelUnansweredDelays(db, inDays(PROMISE + 1));
    expect(run.lines).toBeGreaterThanOrEqual(2);
    expect(await entryOf(a.id)).toMatchObject({ status: 'cancelled', position: null });
    expect(await entryOf(behind.id)).toMatchObject({ status: 'cancelled' });
    expect(await orderState(a.id)).toEqual({ status: 'cancelled', shipments: [{ kind: 'backorder', status: 'cancelled', amount: 0 }] });
    expect(await entryOf(b.id)).toMatchObject({ status: 'waiting' });
    expect(await entryOf(c.id)).toMatchObject({ status: 'waiting', agreement: 'agreed' });

    const emails = await cancelledEmails(a.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.payload as unknown as OrderCancelledPayload).toMatchObject({
      reason: 'no_agreement',
      answerBy: inDays(PROMISE),
      orderCancelled: true,
      lines: [{ quantity: 1, amountCents: 1000 }],
    });

    // Again, or on a second worker: nothing more.
    await cancelUnansweredDelays(db, inDays(PROMISE + 2));
    await Promise.all([cancelUnansweredDelays(db, inDays(PROMISE + 3)), cancelUnansweredDelays(db, inDays(PROMISE + 3))]);
    expect(await cancelledEmails(a.id)).toHaveLength(1);
  });

  it('cancels only the waiting units of a line, not the ones already in hand', async () => {
    const v = await createTestVariant(db, { onHand: 1, priceCents: 2000, ...backorderTo(inDays(PROMISE)) });
    const o = await placeTestOrder(db, [{ variantId: v.variantId, quantity: 3 }]);
    await moveDate(v.variantId, null); // nothing dates the backorder any more: an indefinite delay
    expect(await entryOf(o.id)).toMatchObject({ agreement: 'needed' });

    await cancelUnansweredDelays(db, inDays(PROMISE + 1));
    expect(await orderState(o.id)).toEqual({
      status: 'placed',
      shipments: [
        { kind: 'now', status: 'ready_to_ship', amount: 2000 + SHIPPING_CENTS },
        { kind: 'backorder', status: 'cancelled', amount: 0 },
      ],
    });
    const [line] = await db.select({ cancelled: orderLines.cancelledQuantity }).from(orderLines).where(eq(orderLines.orderId, o.id));
    expect(line!.cancelled).toBe(2);
    const [stock] = await db.select({ committed: variants.committed, waiting: variants.waiting }).from(variants).where(eq(variants.id, v.variantId));
    expect(stock).toEqual({ committed: 1, waiting: 0 });
    const [email] = await cancelledEmails(o.id);
    expect(email!.payload).toMatchObject({ orderCancelled: false, remainingCents: 2000 + SHIPPING_CENTS, lines: [{ quantity: 2, amountCents: 4000 }] });
  });

  it('keeps a line whose date came back in time before the job ran', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(PROMISE)) });
    const o = await placeTestOrder(db, [{ variantId: v.variantId, quantity: 1 }]);
    await moveDate(v.variantId, PROMISE + 60);
    expect(await entryOf(o.id)).toMatchObject({ agreement: 'needed' });
    await moveDate(v.variantId, PROMISE);
    expect(await entryOf(o.id)).toMatchObject({ agreement: null, answerBy: null });
    await cancelUnansweredDelays(db, inDays(PROMISE + 1));
    expect(await entryOf(o.id)).toMatchObject({ status: 'waiting' });
    expect(await cancelledEmails(o.id)).toEqual([]);
  });
});
