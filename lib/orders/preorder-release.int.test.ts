import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { orderLines, outboxMessages, shipments, variants, waitingQueue } from '@/db/schema';
import type { PreorderReleasedPayload } from '@/lib/email/messages';
import { testConnection } from '@/test/database';
import { releasePreorders, remindPreorders } from './preorder-release';
import { createTestVariant, inDays, placeTestOrder } from './testing/fixtures';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const order = (variantId: string, quantity: number) => placeTestOrder(db, [{ variantId, quantity }]);

async function releasedEmails(orderIds: string[]) {
  const rows = await db
    .select({ orderId: outboxMessages.orderId, subject: outboxMessages.subject, payload: outboxMessages.payload })
    .from(outboxMessages)
    .where(and(inArray(outboxMessages.orderId, orderIds), eq(outboxMessages.kind, 'preorder_released')))
    .orderBy(asc(outboxMessages.seq));
  return rows.map((r) => ({ ...r, payload: r.payload as unknown as PreorderReleasedPayload }));
}

describe('pre-order release', () => {
  it('on release day gives the held stock to the pre-orders first in, first out, dates the rest, and emails each order once', async () => {
    const release = inDays(5);
    const v = await createTestVariant(db, { onHand: 3, inventoryPolicy: 'preorder', releaseDate: release, shipDateSource: 'lead_time', leadTimeDays: 30 });
    const a = await order(v.variantId, 2);
    const b = await order(v.variantId, 2);
    const c = await order(v.variantId, 1);

    // Before release nothing happens.
    expect(await releasePreorders(db, inDays(4))).toEqual({ variants: 0, lines: 0, emails: 0 });

    expect(await releasePreorders(db, release)).toMatchObject({ variants: 1, lines: 3, emails: 3 });
    const [stock] = await db.select({ committed: variants.committed, waiting: variants.waiting }).from(variants).where(eq(variants.id, v.variantId));
    expect(stock).toEqual({ committed: 3, waiting: 2 });
    const queue = await db
      .select({ orderId: orderLines.orderId, allocated: waitingQueue.allocatedUnits, position: waitingQueue.position, date: waitingQueue.expectedDate })
      .from(waitingQueue)
      .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
      .where(eq(waitingQueue.variantId, v.variantId));
    const of = (id: string) => queue.find((q) => q.orderId === id)!;
    expect(of(a.id)).toMatchObject({ allocated: 2, position: null });
    expect(of(b.id)).toMatchObject({ allocated: 1, position: 1 });
    expect(of(c.id)).toMatchObject({ allocated: 0, position: 2 });
    const [readyA] = await db
      .select({ status: shipments.status })
      .from(shipments)
      .where(and(eq(shipments.orderId, a.id), eq(shipments.kind, 'preorder')));
    expect(readyA!.status).toBe('ready_to_ship');

    const emails = await releasedEmails([a.id, b.id, c.id]);
    expect(emails.map((e) => e.orderId)).toEqual([a.id, b.id, c.id]);
    expect(emails[0]!.subject).toBe(`Released: your pre-order in Inbound order ${a.number}`);
    expect(emails[0]!.payload.lines).toEqual([expect.objectContaining({ quantity: 2, shipsNow: 2, date: null })]);
    expect(emails[1]!.payload.lines).toEqual([expect.objectContaining({ quantity: 2, shipsNow: 1, date: of(b.id).date })]);
    expect(emails[2]!.payload.lines).toEqual([expect.objectContaining({ quantity: 1, shipsNow: 0 })]);

    // Once only, however often it runs, and from two workers at once.
    const again = await Promise.all([releasePreorders(db, release), releasePreorders(db, inDays(6))]);
    expect(again).toEqual([
      { variants: 0, lines: 0, emails: 0 },
      { variants: 0, lines: 0, emails: 0 },
    ]);
    expect(await releasedEmails([a.id, b.id, c.id])).toHaveLength(3);
  });

  it('reminds each pre-order once, three days before release, one email per order', async () => {
    const release = inDays(10);
    const v = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'preorder', releaseDate: release, title: 'Reminder Lantern' });
    const a = await order(v.variantId, 1);
    const b = await order(v.variantId, 2);
    const reminders = async () =>
      db
        .select({ orderId: outboxMessages.orderId, subject: outboxMessages.subject, payload: outboxMessages.payload })
        .from(outboxMessages)
        .where(and(inArray(outboxMessages.orderId, [a.id, b.id]), eq(outboxMessages.kind, 'preorder_reminder')))
        .orderBy(asc(outboxMessages.seq));

    await remindPreorders(db, inDays(6)); // four days before: not yet
    expect(await reminders()).toEqual([]);
    const [first, second] = await Promise.all([remindPreorders(db, inDays(7)), remindPreorders(db, inDays(7))]);
    expect(first!.lines + second!.lines).toBeGreaterThanOrEqual(2);
    const sent = await reminders();
    expect(sent.map((r) => r.orderId)).toEqual([a.id, b.id]);
    expect(sent[1]!.subject).toBe(`Ships in 3 days: your pre-order in Inbound order ${b.number}`);
    expect(sent[1]!.payload).toMatchObject({ releaseDate: release, lines: [{ title: 'Reminder Lantern', quantity: 2 }] });
    await remindPreorders(db, inDays(8));
    expect(await reminders()).toHaveLength(2);
  });
});
