import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { orderLines, orders, variants, waitingQueue } from '@/db/schema';
import { queueDates } from '@/lib/catalog/availability';
import { daysBetween, todayUtc } from '@/lib/catalog/dates';
import { lineTitle } from '@/lib/catalog/line-title';
import { stockPositionOf } from '@/lib/catalog/stock-position';
import type { DateChangedLine } from '@/lib/email/messages';
import { enqueueEmails, type OutgoingEmail } from '@/lib/email/outbox';
import { supplyFor } from '@/lib/purchasing/incoming';
import { siteUrl } from '@/lib/site';
import { recordOrderEvents, type OrderEventInput } from './events';

/** A first delay of up to this many days past the promise stands unless the shopper cancels (US FTC Mail Order Rule). */
export const SILENT_DELAY_DAYS = 30;

export interface DateRecompute {
  /** Waiting lines whose date changed. */
  changed: number;
  /** Of those, lines whose date moved past what the shopper had and was promised. */
  delayed: number;
  /** "Date changed" emails written (one per order). */
  emails: number;
}

const NOTHING: DateRecompute = { changed: 0, delayed: 0, emails: 0 };

/**
 * Re-dates every waiting line of these variants from what is on order now (queueDates: the
 * arrival that covers each line's last unit, plus handling; past all of it the variant's own date),
 * in the caller's transaction; call it after any change to purchase orders or a variant's date.
 * A date that moves earlier is updated quietly. One that moves later than both the date the
 * shopper had and the one promised at placement is a delay: an event, and one "date changed"
 * email per order. Following the US FTC Mail Order Rule, a first delay of up to 30 days past the
 * promise stands unless the shopper cancels; a longer or indefinite delay, or a second one, needs
 * the shopper's agreement (`agreement = 'needed'`). Takes the variants' rows FOR NO KEY UPDATE (in id
 * order, like placement), so it never interleaves with a checkout or a receipt.
 */
export async function recomputeWaitingDates(tx: Executor, variantIds: readonly string[], today: string = todayUtc()): Promise<DateRecompute> {
  const ids = [...new Set(variantIds)].sort();
  if (ids.length === 0) return NOTHING;
  const locked = await tx.select().from(variants).where(inArray(variants.id, ids)).orderBy(asc(variants.id)).for('no key update');
  const supply = await supplyFor(tx, ids);

  const events: OrderEventInput[] = [];
  const delayedByOrder = new Map<string, DateChangedLine[]>();
  const needsByOrder = new Map<string, string[]>();
  const changedLines: string[] = [];
  for (const variant of locked) {
    const entries = await tx
      .select({
        id: waitingQueue.id,
        remaining: sql<number>`(${waitingQueue.units} - ${waitingQueue.allocatedUnits})::int`,
        current: waitingQueue.expectedDate,
        delays: waitingQueue.delays,
        agreement: waitingQueue.agreement,
        answerBy: waitingQueue.answerBy,
        notified: waitingQueue.notifiedDate,
        orderLineId: orderLines.id,
        orderId: orderLines.orderId,
        promised: orderLines.laterDate,
        placedAt: orders.placedAt,
        productTitle: orderLines.productTitle,
        variantTitle: orderLines.variantTitle,
      })
      .from(waitingQueue)
      .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(and(eq(waitingQueue.variantId, variant.id), eq(waitingQueue.status, 'waiting')))
      .orderBy(asc(waitingQueue.position));
    if (entries.length === 0) continue;
    const dates = queueDates(
      stockPositionOf(variant, supply(variant.id)),
      entries.map((e) => ({ remaining: e.remaining, placedOn: todayUtc(e.placedAt) })),
      today,
    );
    for (const [i, entry] of entries.entries()) {
      const next = dates[i] ?? null;
      if (next === entry.current) continue;
      const promised = entry.promised!;
      // Later than anything the shopper was told (the promise, or a date already emailed and accepted).
      const told = entry.notified !== null && entry.notified > promised ? entry.notified : promised;
      const delayed = next === null || ((entry.current === null || next > entry.current) && next > told);
      const delays = entry.delays + (delayed ? 1 : 0);
      const needsAgreement = delayed && (next === null || daysBetween(promised, next) > SILENT_DELAY_DAYS || delays >= 2);
      // The answer is due by the promise for a first long delay; by the date the shopper last had
      // for a second or an indefinite one; never before today.
      const answerDue = (date: string) => (date > today ? date : today);
      const answerBy = needsAgreement ? answerDue(delays >= 2 || next === null ? (entry.current ?? promised) : promised) : null;
      // Back on time: nothing is left to agree to.
      const onTime = next !== null && next <= promised;
      const agreement = needsAgreement ? 'needed' : onTime ? null : entry.agreement;
      await tx
        .update(waitingQueue)
        .set({
          expectedDate: next,
          delays,
          agreement,
          answerBy: needsAgreement ? answerBy : onTime ? null : entry.answerBy,
          notifiedDate: delayed && next !== null ? next : entry.notified,
        })
        .where(eq(waitingQueue.id, entry.id));
      changedLines.push(entry.orderLineId);
      events.push({
        orderId: entry.orderId,
        type: 'line.date_changed',
        data: { orderLineId: entry.orderLineId, from: entry.current, to: next, promised, delayed, needsAgreement },
      });
      if (!delayed) continue;
      const lines = delayedByOrder.get(entry.orderId) ?? [];
      lines.push({
        title: lineTitle(entry.productTitle, entry.variantTitle),
        quantity: entry.remaining,
        previousDate: entry.current ?? promised,
        newDate: next,
        promisedDate: promised,
        needsAgreement,
      });
      delayedByOrder.set(entry.orderId, lines);
      if (needsAgreement) needsByOrder.set(entry.orderId, [...(needsByOrder.get(entry.orderId) ?? []), answerBy!]);
    }
  }
  if (changedLines.length === 0) return NOTHING;

  await redateShipmentsOf(tx, changedLines);
  await recordOrderEvents(tx, events);

  const emails: OutgoingEmail[] = [];
  if (delayedByOrder.size > 0) {
    const rows = await tx
      .select({ id: orders.id, number: orders.number, token: orders.publicToken, email: orders.email, fullName: orders.fullName })
      .from(orders)
      .where(inArray(orders.id, [...delayedByOrder.keys()]));
    const base = siteUrl();
    for (const order of rows) {
      const orderUrl = `${base}/orders/${order.token}`;
      const answerBy = needsByOrder.get(order.id)?.sort()[0] ?? null;
      emails.push({
        kind: 'date_changed',
        to: order.email,
        orderId: order.id,
        payload: {
          orderNumber: order.number,
          orderUrl,
          agreeUrl: `${orderUrl}?delay=agree`,
          cancelUrl: `${orderUrl}?delay=cancel`,
          fullName: order.fullName,
          lines: delayedByOrder.get(order.id)!,
          needsAgreement: answerBy !== null,
          answerBy,
          writtenOn: today,
        },
      });
    }
    await enqueueEmails(tx, emails);
  }
  return { changed: changedLines.length, delayed: [...delayedByOrder.values()].reduce((n, l) => n + l.length, 0), emails: emails.length };
}

/**
 * A later shipment ships when its last line can: the planned shipments holding these order lines
 * take the latest date of their waiting lines (kept when one has none). Call it after lines'
 * dates change, or after a line leaves a shipment (a cancelled one no longer holds it back).
 */
export async function redateShipmentsOf(tx: Executor, orderLineIds: readonly string[]): Promise<void> {
  if (orderLineIds.length === 0) return;
  await tx.execute(sql`
    with touched as (
      select distinct x.shipment_id from shipment_lines x join unnest(${`{${orderLineIds.join(',')}}`}::uuid[]) as f(id) on x.order_line_id = f.id
    ),
    d as (
      select t.shipment_id, max(w.expected_date) as latest, bool_or(w.expected_date is null) as undated
      from touched t
      join shipment_lines sl on sl.shipment_id = t.shipment_id
      join waiting_queue w on w.order_line_id = sl.order_line_id and w.status = 'waiting'
      group by t.shipment_id
    )
    update shipments s set expected_date = d.latest, updated_at = now()
    from d
    where s.id = d.shipment_id and s.kind <> 'now' and s.status = 'planned' and not d.undated and s.expected_date is distinct from d.latest`);
}
