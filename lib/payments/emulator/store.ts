import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { stripeEmulatorObjects } from '@/db/schema';
import { resourceMissing } from './errors';

export type { Tx };

export type ObjectType = 'customer' | 'setup_intent' | 'payment_method' | 'payment_intent' | 'charge' | 'refund';
export type StripeObject = Record<string, unknown> & { id: string; object: string };

export interface StoredObject<I = Record<string, unknown>> {
  id: string;
  body: StripeObject;
  internal: I;
}

export async function insertObject(tx: Tx, type: ObjectType, body: StripeObject, internal: Record<string, unknown> = {}): Promise<void> {
  await tx.insert(stripeEmulatorObjects).values({
    id: body.id,
    type,
    customerId: typeof body.customer === 'string' ? body.customer : null,
    body,
    internal,
  });
}

/**
 * Reads one object; `forUpdate` takes a row lock so that two confirmations of one intent (or
 * a confirmation and an authentication) cannot both act on the same state.
 */
export async function findObject<I = Record<string, unknown>>(
  tx: Tx,
  type: ObjectType,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredObject<I> | null> {
  const query = tx
    .select({ id: stripeEmulatorObjects.id, body: stripeEmulatorObjects.body, internal: stripeEmulatorObjects.internal })
    .from(stripeEmulatorObjects)
    .where(and(eq(stripeEmulatorObjects.id, id), eq(stripeEmulatorObjects.type, type)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ? { id: row.id, body: row.body as StripeObject, internal: row.internal as I } : null;
}

export async function getObject<I = Record<string, unknown>>(
  tx: Tx,
  type: ObjectType,
  id: string,
  param: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredObject<I>> {
  const found = await findObject<I>(tx, type, id, options);
  if (!found) throw resourceMissing(type, id, param);
  return found;
}

export async function saveObject(tx: Tx, body: StripeObject, internal?: Record<string, unknown>): Promise<void> {
  await tx
    .update(stripeEmulatorObjects)
    .set({
      body,
      customerId: typeof body.customer === 'string' ? body.customer : null,
      ...(internal ? { internal } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(stripeEmulatorObjects.id, body.id));
}

export async function listByCustomer(tx: Tx, type: ObjectType, customerId: string, limit: number): Promise<StripeObject[]> {
  const rows = await tx
    .select({ body: stripeEmulatorObjects.body })
    .from(stripeEmulatorObjects)
    .where(and(eq(stripeEmulatorObjects.type, type), eq(stripeEmulatorObjects.customerId, customerId)))
    .orderBy(desc(stripeEmulatorObjects.createdAt), desc(stripeEmulatorObjects.id))
    .limit(limit);
  return rows.map((r) => r.body as StripeObject);
}

/**
 * One page of a Stripe list, newest first, optionally only the objects whose `field` (a
 * top-level id in the body, such as a refund's payment_intent) is `value`. `startingAfter` is
 * Stripe's cursor: the id of the last object of the previous page.
 */
export async function listPage(
  tx: Tx,
  type: ObjectType,
  options: { where?: { field: string; value: string }; limit: number; startingAfter?: string },
): Promise<{ data: StripeObject[]; hasMore: boolean }> {
  const { where, limit, startingAfter } = options;
  if (startingAfter && !(await findObject(tx, type, startingAfter))) throw resourceMissing(type, startingAfter, 'starting_after');
  // Compared in SQL: created_at has microseconds, which a JavaScript Date would round away.
  const after = startingAfter
    ? sql`(${stripeEmulatorObjects.createdAt}, ${stripeEmulatorObjects.id}) < (select o.created_at, o.id from stripe_emulator_objects o where o.id = ${startingAfter})`
    : undefined;
  const rows = await tx
    .select({ body: stripeEmulatorObjects.body })
    .from(stripeEmulatorObjects)
    .where(and(eq(stripeEmulatorObjects.type, type), where ? sql`${stripeEmulatorObjects.body}->>${where.field} = ${where.value}` : undefined, after))
    .orderBy(desc(stripeEmulatorObjects.createdAt), desc(stripeEmulatorObjects.id))
    .limit(limit + 1);
  return { data: rows.slice(0, limit).map((r) => r.body as StripeObject), hasMore: rows.length > limit };
}
