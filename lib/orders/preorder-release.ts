import 'server-only';
import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { orderLines, orders, variants, waitingQueue } from '@/db/schema';
import { addDays, todayUtc } from '@/lib/catalog/dates';
import { lineTitle } from '@/lib/catalog/line-title';
import type { PreorderReleasedPayload } from '@/lib/email/messages';
import { enqueueEmails, type OutgoingEmail } from '@/lib/email/outbox';
import { siteUrl } from '@/lib/site';
import { allocateArrivals } from './allocate-arrivals';
import { recomputeWaitingDates } from './waiting-dates';

export interface ReleaseRun {
  variants: number;
  lines: number;
  emails: number;
}

/**
 * Release day: for every pre-order variant whose release date has come, in one transaction per
 * variant, the stock held for release goes to its pre-order lines first in, first out
 * (allocateArrivals, which stops holding on the release date), the lines it cannot fill are re-dated
 * as backorders (recomputeWaitingDates: a later date is a delay, emailed as such), and each order
 * gets one "released" email. Each line is released once (`released_at`), so running it again, or
 * on several workers at once (the variant's row lock serialises them), does nothing more.
 */
export async function releasePreorders(database: Database, today: string = todayUtc()): Promise<ReleaseRun> {
  const due = await database
    .selectDistinct({ id: variants.id })
    .from(waitingQueue)
    .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
    .innerJoin(variants, eq(variants.id, waitingQueue.variantId))
    .where(
      and(eq(orderLines.laterKind, 'preorder'), isNull(waitingQueue.releasedAt), eq(variants.inventoryPolicy, 'preorder'), lte(variants.releaseDate, today)),
    )
    .orderBy(asc(variants.id));
  const run: ReleaseRun = { variants: 0, lines: 0, emails: 0 };
  for (const { id } of due) {
    const result = await database.transaction(async (tx) => {
      await tx.select({ id: variants.id }).from(variants).where(eq(variants.id, id)).for('no key update');
      // Lines not released yet, as they stand before this release (a second run finds none).
      const before = await tx
        .select({ queueId: waitingQueue.id, orderLineId: orderLines.id })
        .from(waitingQueue)
        .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
        .where(and(eq(waitingQueue.variantId, id), eq(orderLines.laterKind, 'preorder'), isNull(waitingQueue.releasedAt)));
      if (before.length === 0) return { lines: 0, emails: 0 };
      await allocateArrivals(tx, id, today);
      await recomputeWaitingDates(tx, [id], today);
      const released = await tx
        .update(waitingQueue)
        .set({ releasedAt: sql`now()` })
        .where(
          inArray(
            waitingQueue.id,
            before.map((b) => b.queueId),
          ),
        )
        .returning({
          orderLineId: waitingQueue.orderLineId,
          units: waitingQueue.units,
          allocated: waitingQueue.allocatedUnits,
          date: waitingQueue.expectedDate,
        });
      const lines = await linesToEmail(
        tx,
        released.map((r) => r.orderLineId),
      );
      const byOrder = new Map<string, { order: (typeof lines)[number]; lines: PreorderReleasedPayload['lines'] }>();
      for (const line of lines) {
        const entry = released.find((r) => r.orderLineId === line.id)!;
        const group = byOrder.get(line.orderId) ?? { order: line, lines: [] };
        group.lines.push({
          title: lineTitle(line.productTitle, line.variantTitle),
          quantity: entry.units,
          shipsNow: entry.allocated,
          date: entry.allocated === entry.units ? null : entry.date,
        });
        byOrder.set(line.orderId, group);
      }
      const base = siteUrl();
      const emails: OutgoingEmail[] = [...byOrder.values()].map(({ order, lines: released }) => ({
        kind: 'preorder_released',
        to: order.email,
        orderId: order.orderId,
        payload: { orderNumber: order.number, orderUrl: `${base}/orders/${order.token}`, fullName: order.fullName, lines: released, writtenOn: today },
      }));
      await enqueueEmails(tx, emails);
      return { lines: released.length, emails: emails.length };
    });
    if (result.lines > 0) run.variants += 1;
    run.lines += result.lines;
    run.emails += result.emails;
  }
  return run;
}

/** How many days before release the reminder goes out. */
export const REMINDER_DAYS = 3;

/**
 * "Ships in 3 days": one email per order with pre-order lines whose variant releases within the
 * next three days (so a run missed on the day still reminds), once per line (`reminded_at`,
 * claimed by a conditional update, so concurrent runs remind each line once).
 */
export async function remindPreorders(database: Database, today: string = todayUtc()): Promise<{ lines: number; emails: number }> {
  return database.transaction(async (tx) => {
    const due = tx
      .select({ id: waitingQueue.id })
      .from(waitingQueue)
      .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
      .innerJoin(variants, eq(variants.id, waitingQueue.variantId))
      .where(
        and(
          eq(orderLines.laterKind, 'preorder'),
          eq(waitingQueue.status, 'waiting'),
          isNull(waitingQueue.remindedAt),
          isNull(waitingQueue.releasedAt),
          eq(variants.inventoryPolicy, 'preorder'),
          gt(variants.releaseDate, today),
          lte(variants.releaseDate, addDays(today, REMINDER_DAYS)),
        ),
      );
    const claimed = await tx
      .update(waitingQueue)
      .set({ remindedAt: sql`now()` })
      .where(and(inArray(waitingQueue.id, due), isNull(waitingQueue.remindedAt)))
      .returning({ orderLineId: waitingQueue.orderLineId, units: waitingQueue.units, variantId: waitingQueue.variantId });
    if (claimed.length === 0) return { lines: 0, emails: 0 };
    const lines = await linesToEmail(
      tx,
      claimed.map((c) => c.orderLineId),
    );
    // One email per order and release date.
    const groups = new Map<string, { line: (typeof lines)[number]; items: { title: string; quantity: number }[] }>();
    for (const line of lines) {
      const key = `${line.orderId}:${line.releaseDate}`;
      const group = groups.get(key) ?? { line, items: [] };
      group.items.push({ title: lineTitle(line.productTitle, line.variantTitle), quantity: claimed.find((c) => c.orderLineId === line.id)!.units });
      groups.set(key, group);
    }
    const base = siteUrl();
    const emails: OutgoingEmail[] = [...groups.values()].map(({ line, items }) => ({
      kind: 'preorder_reminder',
      to: line.email,
      orderId: line.orderId,
      payload: {
        orderNumber: line.number,
        orderUrl: `${base}/orders/${line.token}`,
        fullName: line.fullName,
        releaseDate: line.releaseDate!,
        lines: items,
        writtenOn: today,
      },
    }));
    await enqueueEmails(tx, emails);
    return { lines: claimed.length, emails: emails.length };
  });
}

/** The order lines to write to their shoppers about, with their orders; none of cancelled orders. */
async function linesToEmail(tx: Executor, lineIds: string[]) {
  return tx
    .select({
      id: orderLines.id,
      orderId: orders.id,
      number: orders.number,
      token: orders.publicToken,
      email: orders.email,
      fullName: orders.fullName,
      productTitle: orderLines.productTitle,
      variantTitle: orderLines.variantTitle,
      releaseDate: variants.releaseDate,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .innerJoin(variants, eq(variants.id, orderLines.variantId))
    .where(and(inArray(orderLines.id, lineIds), sql`${orders.status} <> 'cancelled'`))
    .orderBy(asc(orders.number), asc(orderLines.position));
}
