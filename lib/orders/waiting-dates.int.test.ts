import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { orderEvents, orderLines, outboxMessages, purchaseOrderLines, purchaseOrders, shipments, waitingQueue } from '@/db/schema';
import { updateVariant } from '@/lib/catalog/admin-products';
import { addDays } from '@/lib/catalog/dates';
import type { DateChangedPayload } from '@/lib/email/messages';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { DEFAULT_HANDLING_DAYS } from '@/lib/purchasing/handling-days';
import { testConnection } from '@/test/database';
import { createTestVariant, inDays, placeTestOrder, TODAY } from './testing/fixtures';
import { recomputeWaitingDates } from './waiting-dates';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const handled = (days: number) => addDays(inDays(days), DEFAULT_HANDLING_DAYS);

const order = (variantId: string, quantity: number) => placeTestOrder(db, [{ variantId, quantity }]);

async function purchaseOrder(variantId: string, quantity: number, days: number) {
  const [po] = await db
    .insert(purchaseOrders)
    .values({ supplier: 'Acme', expectedDate: inDays(days), createdBy: 'test' })
    .returning();
  await db.insert(purchaseOrderLines).values({ purchaseOrderId: po!.id, variantId, quantity });
  return po!.id;
}

/** Moves a purchase order's arrival and re-dates, as the purchase-order actions do, in one transaction. */
const movePo = (poId: string, variantId: string, days: number) =>
  db.transaction(async (tx) => {
    await tx
      .update(purchaseOrders)
      .set({ expectedDate: inDays(days) })
      .where(eq(purchaseOrders.id, poId));
    return recomputeWaitingDates(tx, [variantId], TODAY);
  });

async function lineOf(orderId: string) {
  const [row] = await db
    .select({ expected: waitingQueue.expectedDate, delays: waitingQueue.delays, agreement: waitingQueue.agreement, promised: orderLines.laterDate })
    .from(waitingQueue)
    .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
    .where(eq(orderLines.orderId, orderId));
  return row!;
}

async function shipmentDate(orderId: string) {
  const [row] = await db
    .select({ date: shipments.expectedDate })
    .from(shipments)
    .where(and(eq(shipments.orderId, orderId), eq(shipments.kind, 'backorder')));
  return row!.date;
}

async function dateEmails(orderIds: string[]) {
  const rows = await db
    .select({ orderId: outboxMessages.orderId, subject: outboxMessages.subject, payload: outboxMessages.payload })
    .from(outboxMessages)
    .where(and(inArray(outboxMessages.orderId, orderIds), eq(outboxMessages.kind, 'date_changed')))
    .orderBy(asc(outboxMessages.seq));
  return rows.map((r) => ({ ...r, payload: r.payload as unknown as DateChangedPayload }));
}

describe('re-dating waiting lines from purchase orders', () => {
  it('a first delay of up to 30 days: new date, event and email, and it stands unless the shopper cancels', async () => {
    const v = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: 90 });
    const po = await purchaseOrder(v.variantId, 2, 10);
    const a = await order(v.variantId, 1);
    const b = await order(v.variantId, 1);
    expect(await lineOf(a.id)).toMatchObject({ expected: handled(10), promised: handled(10) });

    expect(await movePo(po, v.variantId, 25)).toEqual({ changed: 2, delayed: 2, emails: 2 });
    expect(await lineOf(a.id)).toEqual({ expected: handled(25), delays: 1, agreement: null, promised: handled(10) });
    expect(await shipmentDate(a.id)).toBe(handled(25));
    const [email] = await dateEmails([a.id]);
    expect(email!.subject).toBe(`New date for Inbound order ${a.number}`);
    expect(email!.payload).toMatchObject({
      orderNumber: a.number,
      needsAgreement: false,
      answerBy: null,
      lines: [{ quantity: 1, previousDate: handled(10), newDate: handled(25), promisedDate: handled(10) }],
    });
    expect(email!.payload.agreeUrl).toMatch(new RegExp(`/orders/${a.publicToken}\\?delay=agree$`));
    expect(email!.payload.cancelUrl).toMatch(new RegExp(`/orders/${a.publicToken}\\?delay=cancel$`));
    const [event] = await db
      .select({ data: orderEvents.data })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, b.id), eq(orderEvents.type, 'line.date_changed')));
    expect(event!.data).toMatchObject({ from: handled(10), to: handled(25), delayed: true, needsAgreement: false });

    // A second delay needs the shopper's agreement, by the date they last had.
    await movePo(po, v.variantId, 28);
    expect(await lineOf(a.id)).toMatchObject({ expected: handled(28), delays: 2, agreement: 'needed' });
    const emails = await dateEmails([a.id]);
    expect(emails).toHaveLength(2);
    expect(emails[1]!.subject).toBe(`Action needed: a new date for Inbound order ${a.number}`);
    expect(emails[1]!.payload).toMatchObject({ needsAgreement: true, answerBy: handled(25), lines: [{ previousDate: handled(25), newDate: handled(28) }] });

    // Back before the promise: updated quietly, no email, and nothing is left to agree to.
    expect(await movePo(po, v.variantId, 8)).toEqual({ changed: 2, delayed: 0, emails: 0 });
    expect(await lineOf(a.id)).toMatchObject({ expected: handled(8), delays: 2, agreement: null });
    expect(await shipmentDate(a.id)).toBe(handled(8));
    expect(await dateEmails([a.id, b.id])).toHaveLength(4);
  });

  it('a date the shopper was already told and accepted is no new delay when the line moves back to it', async () => {
    const v = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: 90 });
    const po = await purchaseOrder(v.variantId, 1, 10);
    const a = await order(v.variantId, 1);
    await movePo(po, v.variantId, 20); // told: a first delay of 10 days
    await movePo(po, v.variantId, 13); // earlier: quiet
    expect(await movePo(po, v.variantId, 18)).toEqual({ changed: 1, delayed: 0, emails: 0 }); // still within what they were told
    expect(await lineOf(a.id)).toMatchObject({ expected: handled(18), delays: 1, agreement: null });
    expect(await dateEmails([a.id])).toHaveLength(1);
    // Past it: a second delay, which needs agreement.
    expect(await movePo(po, v.variantId, 22)).toEqual({ changed: 1, delayed: 1, emails: 1 });
    const emails = await dateEmails([a.id]);
    expect(emails.at(-1)!.payload.lines[0]).toMatchObject({ previousDate: handled(18), newDate: handled(22), needsAgreement: true });
  });

  it('more than 30 days past the promise, or no date at all, needs agreement at once', async () => {
    const v = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'backorder', shipDateSource: null });
    const po = await purchaseOrder(v.variantId, 1, 5);
    const a = await order(v.variantId, 1);
    await movePo(po, v.variantId, 50);
    expect(await lineOf(a.id)).toMatchObject({ expected: handled(50), delays: 1, agreement: 'needed' });

    // The purchase order is cancelled and nothing else dates the line: an indefinite delay.
    await db.transaction(async (tx) => {
      await tx.update(purchaseOrders).set({ status: 'cancelled' }).where(eq(purchaseOrders.id, po));
      await recomputeWaitingDates(tx, [v.variantId], TODAY);
    });
    expect(await lineOf(a.id)).toMatchObject({ expected: null, agreement: 'needed' });
    // The shipment keeps its last date: it has none to take.
    expect(await shipmentDate(a.id)).toBe(handled(50));
    const emails = await dateEmails([a.id]);
    expect(emails.at(-1)!.payload.lines[0]).toMatchObject({ newDate: null, previousDate: handled(50) });
  });

  it('a change that rolls back re-dates nothing', async () => {
    const v = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: 90 });
    const po = await purchaseOrder(v.variantId, 1, 10);
    const a = await order(v.variantId, 1);
    await expect(
      db.transaction(async (tx) => {
        await tx
          .update(purchaseOrders)
          .set({ expectedDate: inDays(20) })
          .where(eq(purchaseOrders.id, po));
        await recomputeWaitingDates(tx, [v.variantId], TODAY);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await lineOf(a.id)).toMatchObject({ expected: handled(10), delays: 0 });
    expect(await dateEmails([a.id])).toEqual([]);
  });

  it("changing a variant's lead time re-dates its waiting lines; receiving moves the rest of the queue up quietly", async () => {
    const v = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: 20 });
    const a = await order(v.variantId, 1);
    const b = await order(v.variantId, 1);
    const edit = {
      id: v.variantId,
      title: 'Default',
      sku: v.sku,
      price: '10.00',
      inventoryPolicy: 'backorder' as const,
      shipDateSource: 'lead_time' as const,
      leadTimeDays: 40,
    };
    expect(await updateVariant(edit, db)).toEqual({ ok: true });
    expect(await lineOf(a.id)).toMatchObject({ expected: inDays(40), delays: 1, agreement: null });
    expect(await dateEmails([a.id, b.id])).toHaveLength(2);

    // One unit arrives: the first order is filled, the second now waits for a purchase order.
    await purchaseOrder(v.variantId, 1, 15);
    await adjustStock({ variantId: v.variantId, change: 1, kind: 'received', reason: 'Delivery', actor: 'test' }, db);
    expect(await lineOf(b.id)).toMatchObject({ expected: handled(15) });
    expect(await dateEmails([a.id, b.id])).toHaveLength(2);
  });
});
