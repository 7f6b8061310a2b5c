import 'server-only';
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { orderLines, waitingQueue } from '@/db/schema';
import { todayUtc } from '@/lib/catalog/dates';
import { cancelLinesIn } from './cancel-lines';

export interface UnansweredRun {
  orders: number;
  lines: number;
}

/** Who the order events name as having cancelled. */
export const DELAY_RULE_ACTOR = 'delay rule (no answer)';

/**
 * US FTC Mail Order Rule: a delay that needs the shopper's agreement (recomputeWaitingDates marks
 * it, with the day the answer is due) and has none once that day has passed is cancelled, and the
 * shopper is told. Nothing was charged for waiting units, so nothing is refunded. One transaction
 * per order (cancelLinesIn checks each line again under the order's locks), so an answer or a new
 * date that lands meanwhile wins, and running it twice, or on several workers, cancels nothing twice.
 */
export async function cancelUnansweredDelays(database: Database, today: string = todayUtc()): Promise<UnansweredRun> {
  const due = await database
    .select({ orderId: orderLines.orderId, lineIds: sql<string[]>`array_agg(${orderLines.id} order by ${orderLines.position})` })
    .from(waitingQueue)
    .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
    .where(and(eq(waitingQueue.agreement, 'needed'), eq(waitingQueue.status, 'waiting'), lt(waitingQueue.answerBy, today)))
    .groupBy(orderLines.orderId)
    .orderBy(asc(sql`min(${waitingQueue.answerBy})`));
  const run: UnansweredRun = { orders: 0, lines: 0 };
  for (const { orderId, lineIds } of due) {
    const result = await database.transaction((tx) => cancelLinesIn(tx, { orderId }, { lineIds, reason: 'no_agreement', actor: DELAY_RULE_ACTOR, today }));
    if (!result.ok) continue;
    run.orders += 1;
    run.lines += result.lines;
  }
  return run;
}
