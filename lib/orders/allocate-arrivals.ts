import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { todayUtc } from '@/lib/catalog/dates';
import { readyAmong } from './shipment-readiness';

export interface Allocation {
  /** Units given to waiting lines. */
  units: number;
  /** Waiting lines that got units (some may still wait for more). */
  lines: number;
  /** Shipments that became ready to ship. */
  readyShipments: number;
}

export const NOTHING_ALLOCATED: Allocation = { units: 0, lines: 0, readyShipments: 0 };
const NONE = NOTHING_ALLOCATED;

/** A PostgreSQL array literal of uuids, numbers or booleans (nothing that needs quoting): one parameter, however long. */
const pgArray = (values: readonly (string | number | boolean)[]) => `{${values.join(',')}}`;

/**
 * Gives a variant's free units (on hand, not committed) to its waiting lines, first in first out
 * by queue position, in the caller's transaction; call it after stock arrives, with the variant's
 * row already locked by that change (placement takes the same lock, so a checkout and a receipt
 * never interleave). A line can be filled in part. Fully filled lines leave the queue and the ones
 * behind close up (1..n again); a shipment whose lines are all filled becomes ready to ship; every
 * step is an order event. Set-based, so one receipt filling 10,000 lines is a handful of statements.
 * Before a pre-order's release its units stay held for the release (the release job allocates them).
 */
export async function allocateArrivals(tx: Executor, variantId: string, today: string = todayUtc()): Promise<Allocation> {
  const [variant] = await tx.execute<{ free: number; waiting: number; held: boolean }>(sql`
    select on_hand - committed as free, waiting, (inventory_policy = 'preorder' and release_date > ${today}::date) as held
    from product_variants where id = ${variantId}`);
  if (!variant || variant.held || variant.free <= 0 || variant.waiting <= 0) return NONE;

  const filled = await tx.execute<{ id: string; orderLineId: string; orderId: string; take: number; done: boolean }>(sql`
    with queue as (
      select w.id, w.units - w.allocated_units as remaining,
             sum(w.units - w.allocated_units) over (order by w.position) as through
      from waiting_queue w
      where w.variant_id = ${variantId} and w.status = 'waiting'
    ),
    takes as (
      select id, least(remaining, ${variant.free}::int - (through - remaining))::int as take
      from queue where through - remaining < ${variant.free}::int
    )
    update waiting_queue w
    set allocated_units = w.allocated_units + t.take,
        status = case when w.allocated_units + t.take = w.units then 'allocated' else 'waiting' end,
        position = case when w.allocated_units + t.take = w.units then null else w.position end,
        allocated_at = case when w.allocated_units + t.take = w.units then now() else w.allocated_at end
    from takes t, order_lines l
    where w.id = t.id and l.id = w.order_line_id
    returning w.id, w.order_line_id as "orderLineId", l.order_id as "orderId", t.take, (w.status = 'allocated') as done`);
  if (filled.length === 0) return NONE;

  const units = filled.reduce((n, f) => n + f.take, 0);
  const closed = filled.filter((f) => f.done).length;
  const [moved] = await tx.execute<{ id: string }>(sql`
    update product_variants set committed = committed + ${units}, waiting = waiting - ${units}, updated_at = now()
    where id = ${variantId} and waiting >= ${units} and committed + ${units} <= on_hand
    returning id`);
  if (!moved) throw new Error(`allocateArrivals: the counts of variant ${variantId} do not match its queue`);
  if (closed > 0) {
    // Filled lines were the front of the queue: everyone behind moves up by as many places.
    await tx.execute(sql`update waiting_queue set position = position - ${closed} where variant_id = ${variantId} and status = 'waiting'`);
    await tx.execute(sql`update variant_queue_counters set last_position = last_position - ${closed} where variant_id = ${variantId}`);
  }

  const lineIds = filled.map((f) => f.orderLineId);
  const ready = await tx.execute<{ id: string; orderId: string }>(sql`
    with touched as (
      select distinct sl.shipment_id from shipment_lines sl join unnest(${pgArray(lineIds)}::uuid[]) as f(id) on sl.order_line_id = f.id
    )
    update shipments s set status = 'ready_to_ship', updated_at = now()
    from (${readyAmong(sql`select shipment_id from touched`)}) r
    where s.id = r.id and s.status = 'planned'
    returning s.id, s.order_id as "orderId"`);

  // Both kinds of event in one statement: at 10,000 lines a second round trip and plan cost show.
  await tx.execute(sql`
    insert into order_events (order_id, shipment_id, type, from_status, to_status, data)
    select f.order_id, null, 'line.allocated', null, case when f.done then 'allocated' else 'partly_allocated' end,
           jsonb_build_object('orderLineId', f.order_line_id, 'variantId', ${variantId}::uuid, 'units', f.take)
    from unnest(${pgArray(filled.map((f) => f.orderId))}::uuid[], ${pgArray(lineIds)}::uuid[], ${pgArray(filled.map((f) => f.take))}::int[], ${pgArray(filled.map((f) => f.done))}::bool[])
      as f(order_id, order_line_id, take, done)
    union all
    select r.order_id, r.shipment_id, 'shipment.ready', 'planned', 'ready_to_ship', '{}'::jsonb
    from unnest(${pgArray(ready.map((r) => r.orderId))}::uuid[], ${pgArray(ready.map((r) => r.id))}::uuid[]) as r(order_id, shipment_id)`);
  return { units, lines: filled.length, readyShipments: ready.length };
}
