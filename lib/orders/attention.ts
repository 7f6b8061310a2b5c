import 'server-only';
import { and, asc, eq, lt, ne, sql } from 'drizzle-orm';
import { db as appDb, type Database } from '@/db/client';
import { orderLines, orders, waitingQueue } from '@/db/schema';
import { lineTitle } from '@/lib/catalog/line-title';
import { todayUtc } from '@/lib/catalog/dates';

/**
 * Waiting lines the dashboard puts in front of staff: those past the date promised at placement,
 * and those whose delay needs the shopper's agreement (US FTC Mail Order Rule: without it by the
 * promised date, the line is cancelled).
 */

export interface LatePromise {
  /** The order line: a key for the row. */
  lineId: string;
  orderNumber: number;
  title: string;
  /** Units still waiting (a line can be partly filled). */
  units: number;
  promisedDate: string;
  /** The line's current date; null when nothing dates it. */
  expectedDate: string | null;
  agreement: 'needed' | 'agreed' | null;
}

export interface AwaitingAnswer {
  lineId: string;
  orderNumber: number;
  title: string;
  units: number;
  promisedDate: string;
  /** The delayed date the shopper is asked to agree to; null for an indefinite delay. */
  expectedDate: string | null;
  /** Without an answer by the promised date, the line is cancelled. */
  answerBy: string;
}

function waitingLines(database: Database) {
  return database
    .select({
      lineId: orderLines.id,
      orderNumber: orders.number,
      productTitle: orderLines.productTitle,
      variantTitle: orderLines.variantTitle,
      units: sql<number>`(${waitingQueue.units} - ${waitingQueue.allocatedUnits})::int`,
      promisedDate: orderLines.laterDate,
      expectedDate: waitingQueue.expectedDate,
      agreement: waitingQueue.agreement,
      answerBy: waitingQueue.answerBy,
    })
    .from(waitingQueue)
    .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
    .innerJoin(orders, eq(orders.id, orderLines.orderId));
}

type Row = Awaited<ReturnType<ReturnType<typeof waitingLines>['execute']>>[number];

const stillOpen = and(eq(waitingQueue.status, 'waiting'), ne(orders.status, 'cancelled'));

// Every line with waiting units was promised a date (the order_lines_later check).
const common = (row: Row) => ({
  lineId: row.lineId,
  orderNumber: row.orderNumber,
  title: lineTitle(row.productTitle, row.variantTitle),
  units: row.units,
  promisedDate: row.promisedDate!,
  expectedDate: row.expectedDate,
});

/** Waiting lines whose promised date is before `today`, the oldest promise first. */
export async function latePromises(database: Database = appDb, today: string = todayUtc(), limit = 50): Promise<LatePromise[]> {
  const rows = await waitingLines(database)
    .where(and(stillOpen, lt(orderLines.laterDate, today)))
    .orderBy(asc(orderLines.laterDate), asc(orders.number), asc(orderLines.position))
    .limit(limit);
  return rows.map((row) => ({ ...common(row), agreement: row.agreement }));
}

/** Waiting lines whose delay needs the shopper's agreement, the nearest deadline first. */
export async function awaitingAnswers(database: Database = appDb, limit = 50): Promise<AwaitingAnswer[]> {
  const rows = await waitingLines(database)
    .where(and(stillOpen, eq(waitingQueue.agreement, 'needed')))
    .orderBy(asc(sql`coalesce(${waitingQueue.answerBy}, ${orderLines.laterDate})`), asc(orders.number), asc(orderLines.position))
    .limit(limit);
  return rows.map((row) => ({ ...common(row), answerBy: row.answerBy ?? row.promisedDate! }));
}
