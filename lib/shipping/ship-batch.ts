import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { orders, shipBatches, shipBatchItems, shipments, type ShipBatchOutcome } from '@/db/schema';
import type { PaymentsClient } from '@/lib/payments/stripe-client';
import { shipShipment, type ShipOutcome } from './ship-shipment';

/**
 * "Ship selected": the chosen orders' ready shipments become one batch, which the worker ships
 * one shipment at a time per lane (lib/email/worker runs the lanes). The batch's rows are the
 * queue: an item is claimed with SKIP LOCKED, so lanes and workers share it, a claim left by a
 * dead worker is taken again after a while, and shipping an item twice is harmless (the second
 * time finds it shipped, or charging, and charges nothing).
 */

export const SHIP_BATCH_CHANNEL = 'inbound_ship_batches';
/** The most shipments one batch takes. */
export const MAX_BATCH = 5_000;
/** A claim older than this is a dead worker's and is taken again (SHIP_BATCH_CLAIM_SECONDS). */
export const CLAIM_SECONDS = 120;

export const shipBatchInput = z.object({
  requestKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Reload the page and try again.'),
  /** Orders whose ready shipments to ship; or every ready shipment in the store with `all`. */
  orderNumbers: z.array(z.coerce.number().int().min(1).max(2_147_483_647)).max(MAX_BATCH).default([]),
  all: z.boolean().default(false),
});
export type ShipBatchInput = z.input<typeof shipBatchInput>;

export type ShipBatchResult = { ok: true; batchId: string; total: number; existing: boolean } | { ok: false; error: string };

/**
 * Starts a batch (or finds the one this form already started) and wakes the workers. Only ready
 * shipments are taken; whatever else was selected is left out.
 */
export async function startShipBatch(input: ShipBatchInput, actor: string, database: Database = appDb): Promise<ShipBatchResult> {
  const parsed = shipBatchInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const { requestKey, orderNumbers, all } = parsed.data;
  if (!all && orderNumbers.length === 0) return { ok: false, error: 'Select at least one order to ship.' };
  return database.transaction(async (tx) => {
    const [existing] = await tx.select({ id: shipBatches.id, total: shipBatches.total }).from(shipBatches).where(eq(shipBatches.requestKey, requestKey));
    if (existing) return { ok: true as const, batchId: existing.id, total: existing.total, existing: true };
    const ready = await tx
      .select({ id: shipments.id })
      .from(shipments)
      .innerJoin(orders, eq(orders.id, shipments.orderId))
      .where(and(eq(shipments.status, 'ready_to_ship'), all ? undefined : inArray(orders.number, [...new Set(orderNumbers)])))
      .orderBy(asc(orders.placedAt), asc(orders.number), asc(shipments.sequence))
      .limit(MAX_BATCH);
    if (ready.length === 0) return { ok: false as const, error: 'None of the selected orders has a shipment ready to ship.' };
    const [batch] = await tx
      .insert(shipBatches)
      .values({ requestKey, createdBy: actor, total: ready.length })
      .onConflictDoNothing()
      .returning({ id: shipBatches.id });
    // A second submit of the same form racing this one: it wins, this one reports its batch.
    if (!batch) {
      const [other] = await tx.select({ id: shipBatches.id, total: shipBatches.total }).from(shipBatches).where(eq(shipBatches.requestKey, requestKey));
      return { ok: true as const, batchId: other!.id, total: other!.total, existing: true };
    }
    await tx.execute(sql`
      insert into ship_batch_items (batch_id, shipment_id, position)
      select ${batch.id}::uuid, s.id, s.ord::int
      from unnest(${`{${ready.map((r) => r.id).join(',')}}`}::uuid[]) with ordinality as s(id, ord)`);
    await tx.execute(sql`select pg_notify(${SHIP_BATCH_CHANNEL}, ${batch.id})`);
    return { ok: true as const, batchId: batch.id, total: ready.length, existing: false };
  });
}

type Claimed = {
  id: number;
  batchId: string;
  shipmentId: string;
  createdBy: string;
  /** A dead worker held it: what it started (a charge in flight) is this batch's own. */
  reclaimed: boolean;
};

/** The next item to ship, oldest batch first, claimed for this lane; null when there is none. */
export async function claimNextItem(database: Database, claimSeconds = CLAIM_SECONDS): Promise<Claimed | null> {
  const [row] = await database.execute<Claimed>(sql`
    with picked as (
      select n.id, n.status = 'working' as reclaimed from ship_batch_items n join ship_batches nb on nb.id = n.batch_id
      where n.status = 'pending' or (n.status = 'working' and n.claimed_at < now() - make_interval(secs => ${claimSeconds}))
      order by nb.created_at, n.position
      limit 1
      for update of n skip locked)
    update ship_batch_items i set status = 'working', claimed_at = now(), updated_at = now()
    from picked, ship_batches b
    where i.id = picked.id and b.id = i.batch_id
    returning i.id, i.batch_id as "batchId", i.shipment_id as "shipmentId", b.created_by as "createdBy", picked.reclaimed`);
  return row ?? null;
}

function outcomeOf(result: ShipOutcome, reclaimed: boolean): { outcome: ShipBatchOutcome; message: string | null } {
  // Taken over from a dead worker whose charge is in flight (or settled since): the shipment's own
  // status tells how it ends, as for a charge still waiting for the provider.
  if (!result.ok && reclaimed && (result.code === 'in_progress' || result.code === 'not_ready')) return { outcome: 'charging', message: null };
  if (!result.ok) return { outcome: 'skipped', message: result.error };
  if (result.status === 'payment_failed') return { outcome: 'payment_failed', message: result.message };
  return { outcome: result.status, message: null };
}

/** Ships one claimed item and records what it came to; closes the batch after its last item. */
export async function shipClaimedItem(item: Claimed, database: Database, client?: PaymentsClient): Promise<ShipBatchOutcome> {
  // A throw leaves the item 'working': its claim runs out and a lane tries it again (shipping is safe to repeat).
  const result = await shipShipment({ shipmentId: item.shipmentId }, item.createdBy, { database, client, maxTries: 2 });
  const { outcome, message } = outcomeOf(result, item.reclaimed);
  await database.transaction(async (tx) => {
    // The batch's row first: two lanes finishing its last two items take turns, so the second one
    // sees the first one's done and closes the batch (each alone would see the other still working).
    await tx.select({ id: shipBatches.id }).from(shipBatches).where(eq(shipBatches.id, item.batchId)).for('no key update');
    await tx
      .update(shipBatchItems)
      .set({ status: outcome === 'skipped' ? 'skipped' : 'done', outcome, message, claimedAt: null, updatedAt: sql`now()` })
      .where(eq(shipBatchItems.id, item.id));
    await tx.execute(sql`
      update ship_batches set finished_at = now()
      where id = ${item.batchId} and finished_at is null
        and not exists (select 1 from ship_batch_items where batch_id = ${item.batchId} and status in ('pending', 'working'))`);
  });
  return outcome;
}

/** Ships items until none is left to claim; returns how many it shipped (any outcome). */
export async function drainShipBatches(
  database: Database,
  options: { client?: PaymentsClient; stopping?: () => boolean; claimSeconds?: number } = {},
): Promise<number> {
  let done = 0;
  while (!options.stopping?.()) {
    const item = await claimNextItem(database, options.claimSeconds);
    if (!item) {
      await closeFinishedBatches(database);
      break;
    }
    await shipClaimedItem(item, database, options.client);
    done++;
  }
  return done;
}

/**
 * Whether a lane would find an item to claim (pending, or working past its claim). Closes any
 * batch left with nothing to ship on the way.
 */
export async function shipBatchWorkWaiting(database: Database, claimSeconds = CLAIM_SECONDS): Promise<boolean> {
  await closeFinishedBatches(database);
  const [row] = await database.execute<{ waiting: boolean }>(sql`
    select exists (
      select 1 from ship_batch_items
      where status = 'pending' or (status = 'working' and claimed_at < now() - make_interval(secs => ${claimSeconds}))) as waiting`);
  return row!.waiting;
}

/** Batches with nothing left to ship that are not marked finished yet (a safety net: each item's own step closes its batch). */
async function closeFinishedBatches(database: Database): Promise<void> {
  await database.execute(sql`
    update ship_batches b set finished_at = now()
    where b.finished_at is null
      and not exists (select 1 from ship_batch_items i where i.batch_id = b.id and i.status in ('pending', 'working'))`);
}

export interface ShipBatchProgress {
  id: string;
  total: number;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  /** Items whose shipping is over: shipped, payment failed or skipped (charging ones count when they settle). */
  processed: number;
  counts: Record<'shipped' | 'payment_failed' | 'charging' | 'skipped' | 'waiting', number>;
  /** One row per shipment, in batch order. */
  items: { orderNumber: number; sequence: number; result: 'shipped' | 'payment_failed' | 'charging' | 'skipped' | 'waiting'; message: string | null }[];
}

/**
 * Where a batch stands. A shipment the provider had not answered for shows as charging until its
 * retry settles it, then as what it came to: the shipment's own status is the truth.
 */
export async function shipBatchProgress(batchId: string, database: Database = appDb): Promise<ShipBatchProgress | null> {
  if (!z.uuid().safeParse(batchId).success) return null;
  const [batch] = await database.select().from(shipBatches).where(eq(shipBatches.id, batchId));
  if (!batch) return null;
  const rows = await database
    .select({
      orderNumber: orders.number,
      sequence: shipments.sequence,
      itemStatus: shipBatchItems.status,
      outcome: shipBatchItems.outcome,
      message: shipBatchItems.message,
      shipmentStatus: shipments.status,
      failureMessage: shipments.failureMessage,
    })
    .from(shipBatchItems)
    .innerJoin(shipments, eq(shipments.id, shipBatchItems.shipmentId))
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(eq(shipBatchItems.batchId, batchId))
    .orderBy(asc(shipBatchItems.position));
  const items = rows.map((r) => {
    if (r.itemStatus === 'pending' || r.itemStatus === 'working')
      return { orderNumber: r.orderNumber, sequence: r.sequence, result: 'waiting' as const, message: null };
    if (r.outcome === 'skipped') return { orderNumber: r.orderNumber, sequence: r.sequence, result: 'skipped' as const, message: r.message };
    const result = r.shipmentStatus === 'shipped' ? 'shipped' : r.shipmentStatus === 'payment_failed' ? 'payment_failed' : 'charging';
    return { orderNumber: r.orderNumber, sequence: r.sequence, result, message: result === 'payment_failed' ? (r.failureMessage ?? r.message) : null } as const;
  });
  const counts = { shipped: 0, payment_failed: 0, charging: 0, skipped: 0, waiting: 0 };
  for (const i of items) counts[i.result]++;
  return {
    id: batch.id,
    total: batch.total,
    createdBy: batch.createdBy,
    createdAt: batch.createdAt,
    finishedAt: batch.finishedAt,
    processed: counts.shipped + counts.payment_failed + counts.skipped,
    counts,
    items,
  };
}

/** Batches still running, newest first (for the orders page to link to). */
export async function runningShipBatches(database: Database = appDb): Promise<{ id: string; total: number; createdAt: Date }[]> {
  return database
    .select({ id: shipBatches.id, total: shipBatches.total, createdAt: shipBatches.createdAt })
    .from(shipBatches)
    .where(sql`${shipBatches.finishedAt} is null`)
    .orderBy(sql`${shipBatches.createdAt} desc`)
    .limit(5);
}

/** Shipments ready to ship in the whole store (what "Ship all ready" would take). */
export async function readyShipmentCount(database: Database = appDb): Promise<number> {
  const [row] = await database
    .select({ n: sql<number>`count(*)::int` })
    .from(shipments)
    .where(eq(shipments.status, 'ready_to_ship'));
  return row?.n ?? 0;
}

/** The form fields of "Ship selected": a checkbox `order.<number>` per chosen row. */
export const shipSelectedForm = z
  .object({ requestKey: z.string().max(100), scope: z.enum(['selected', 'all']).default('selected') })
  .catchall(z.unknown())
  .transform(({ requestKey, scope, ...rest }) => ({
    requestKey,
    all: scope === 'all',
    orderNumbers: Object.keys(rest)
      .map((k) => /^order\.(\d{1,10})$/.exec(k)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number),
  }));
