import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { stripeEmulatorEvents, stripeEmulatorObjects, stripeEmulatorWebhookDeliveries } from '@/db/schema';

/**
 * What tests outside the emulator may look at in its tables, so that none of them reads the
 * tables directly (lib/payments/emulator-boundary.test.ts). Not used by the app.
 */

/** A Stripe object as the emulator stores it, or null. */
export async function emulatorObject(database: Database, id: string): Promise<Record<string, unknown> | null> {
  const [row] = await database.select({ body: stripeEmulatorObjects.body }).from(stripeEmulatorObjects).where(eq(stripeEmulatorObjects.id, id));
  return row?.body ?? null;
}

/** How many PaymentIntents and charges the emulator holds for a customer. */
export async function emulatorChargeCounts(database: Database, customerId: string): Promise<{ paymentIntents: number; charges: number }> {
  const rows = await database
    .select({ type: stripeEmulatorObjects.type, n: sql<number>`count(*)::int` })
    .from(stripeEmulatorObjects)
    .where(and(eq(stripeEmulatorObjects.customerId, customerId), sql`${stripeEmulatorObjects.type} in ('payment_intent', 'charge')`))
    .groupBy(stripeEmulatorObjects.type);
  const count = (t: string) => rows.find((r) => r.type === t)?.n ?? 0;
  return { paymentIntents: count('payment_intent'), charges: count('charge') };
}

/** The events the emulator recorded about one object, oldest first (optionally of one type). */
export async function emulatorEventsFor(database: Database, objectId: string, type?: string) {
  return database
    .select()
    .from(stripeEmulatorEvents)
    .where(and(sql`${stripeEmulatorEvents.body}->'data'->'object'->>'id' = ${objectId}`, type ? eq(stripeEmulatorEvents.type, type) : undefined))
    .orderBy(asc(stripeEmulatorEvents.createdAt));
}

/** Marks every pending webhook delivery as sent: a test that counts deliveries starts clean. */
export async function discardPendingWebhooks(database: Database): Promise<void> {
  await database.update(stripeEmulatorWebhookDeliveries).set({ status: 'delivered' }).where(eq(stripeEmulatorWebhookDeliveries.status, 'pending'));
}

/** A pending delivery that has been tried `attempts` times, if any. */
export async function pendingWebhookDelivery(database: Database, attempts: number) {
  const [row] = await database
    .select()
    .from(stripeEmulatorWebhookDeliveries)
    .where(and(eq(stripeEmulatorWebhookDeliveries.status, 'pending'), eq(stripeEmulatorWebhookDeliveries.attempts, attempts)))
    .limit(1);
  return row ?? null;
}

/** How many Customers the emulator holds whose email matches a LIKE pattern. */
export async function emulatorCustomerCount(database: Database, emailLike: string): Promise<number> {
  const [row] = await database
    .select({ n: sql<number>`count(*)::int` })
    .from(stripeEmulatorObjects)
    .where(and(eq(stripeEmulatorObjects.type, 'customer'), sql`${stripeEmulatorObjects.body}->>'email' like ${emailLike}`));
  return row?.n ?? 0;
}

/** Cancels a SetupIntent as Stripe does (e.g. an abandoned one), which the emulator's API does not offer. */
export async function cancelEmulatorSetupIntent(database: Database, id: string): Promise<void> {
  const canceled = await database
    .update(stripeEmulatorObjects)
    .set({ body: sql`${stripeEmulatorObjects.body} || '{"status":"canceled","cancellation_reason":"abandoned"}'::jsonb` })
    .where(and(eq(stripeEmulatorObjects.id, id), eq(stripeEmulatorObjects.type, 'setup_intent')))
    .returning({ id: stripeEmulatorObjects.id });
  if (canceled.length !== 1) throw new Error(`No SetupIntent ${id} in the emulator.`);
}
