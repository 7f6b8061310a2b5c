import 'server-only';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database, type Executor } from '@/db/client';
import { orderLines, orders, shipmentLines, shipmentRefunds, shipments, type ShipmentRefund } from '@/db/schema';
import { todayUtc } from '@/lib/catalog/dates';
import { lineTitle } from '@/lib/catalog/line-title';
import { enqueueEmails } from '@/lib/email/outbox';
import { wholeNumberInput } from '@/lib/forms/inputs';
import { recordOrderEvents } from '@/lib/orders/events';
import { lockOrder } from '@/lib/orders/order-lock';
import { PaymentsError, refundPayment, type RefundResult } from '@/lib/payments';
import type { RefundsState } from '@/lib/payments/refunds';
import type { PaymentsClient } from '@/lib/payments/stripe-client';
import { siteUrl } from '@/lib/site';
import { STALE_CHARGING_SECONDS } from './stale-charging';

/**
 * Refunding a shipped shipment, whole or some units of its lines, in three steps like shipping:
 * 1. reserve, one transaction: the refund row (its id is the idempotency key `refund:<id>`) and
 *    what it refunds counted on the shipment and its lines at once, so two refunds at the same
 *    time can never add up to more than was charged (a check constraint holds the line);
 * 2. the provider's refund, outside any transaction;
 * 3. settle: succeeded (a "refunded" email) or, when the provider refused, the reservation given
 *    back. A transient error leaves it pending for the sweep, which asks again with the same key;
 *    the charge.refunded webhook settles it too, whichever comes first.
 */

export const refundInput = z.object({
  shipmentId: z.uuid('That shipment does not exist.'),
  /** The whole shipment: every unit not refunded yet, and its shipping fee. */
  whole: z.boolean().default(false),
  lines: z
    .array(z.object({ orderLineId: z.uuid(), quantity: z.number().int().min(0).max(10_000) }))
    .max(500)
    .refine((lines) => new Set(lines.map((l) => l.orderLineId)).size === lines.length, 'Name each line once.')
    .default([]),
});
export type RefundInput = z.input<typeof refundInput>;

/** A form field `refund.<orderLineId>` (the ids are Postgres's lowercase uuids; anything else is not one). */
const REFUND_LINE_FIELD = /^refund\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const refundUnits = wholeNumberInput({ min: 0, max: 10_000, message: 'Enter a whole number of units, 0 or more.' });

/**
 * "Refund" on the admin's order page, as refundInput: `scope` is the button pressed ("selected" or
 * "whole") and `refund.<orderLineId>` the units typed for each line (blank is none). A bad count
 * is an error on its own field; the whole shipment ignores the counts.
 */
export const refundForm = z
  .object({ shipmentId: z.string().max(100), scope: z.enum(['selected', 'whole']).default('selected') })
  .catchall(z.unknown())
  .transform(({ shipmentId, scope, ...fields }, ctx): RefundInput => {
    const lines: { orderLineId: string; quantity: number }[] = [];
    if (scope === 'selected') {
      for (const [name, value] of Object.entries(fields)) {
        const orderLineId = REFUND_LINE_FIELD.exec(name)?.[1];
        if (!orderLineId || (typeof value === 'string' && value.trim() === '')) continue;
        const units = refundUnits.safeParse(value);
        if (!units.success) ctx.addIssue({ code: 'custom', path: [name], message: units.error.issues[0]!.message });
        else if (units.data > 0) lines.push({ orderLineId, quantity: units.data });
      }
    }
    return { shipmentId, whole: scope === 'whole', lines };
  })
  .pipe(refundInput);

export type RefundOutcome =
  | { ok: true; status: 'succeeded' | 'pending'; refundId: string; amountCents: number; orderNumber: number; sequence: number }
  | { ok: false; code: 'invalid' | 'not_found' | 'not_refundable' | 'refused'; error: string };

export interface RefundDeps {
  database?: Database;
  client?: PaymentsClient;
  maxTries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const keyOf = (refundId: string) => `refund:${refundId}`;

/** Refunds what the staff member chose, as described above. */
export async function refundShipment(input: RefundInput, actor: string, deps: RefundDeps = {}): Promise<RefundOutcome> {
  const parsed = refundInput.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'invalid', error: parsed.error.issues[0]!.message };
  const database = deps.database ?? appDb;
  const reserved = await database.transaction((tx) => reserveRefund(tx, parsed.data, actor));
  if (!reserved.ok) return reserved;
  return askAndSettle(reserved.refund, reserved.paymentIntentId, database, deps);
}

async function askAndSettle(refund: ShipmentRefund, paymentIntentId: string, database: Database, deps: RefundDeps): Promise<RefundOutcome> {
  const result = await ask(refund, paymentIntentId, database, deps);
  return database.transaction((tx) => settleRefund(tx, refund.id, result));
}

/**
 * The provider's refund. Stripe refusing the request itself (the PaymentIntent is gone, the
 * request is malformed) is a refusal like any other: the reservation is given back rather than
 * left pending for ever.
 */
async function ask(refund: ShipmentRefund, paymentIntentId: string, database: Database, deps: RefundDeps): Promise<RefundResult> {
  try {
    return await refundPayment(
      { paymentIntentId, amountCents: refund.amountCents, idempotencyKey: keyOf(refund.id), metadata: { refundId: refund.id, shipmentId: refund.shipmentId } },
      database,
      deps.client,
      { maxTries: deps.maxTries, sleep: deps.sleep },
    );
  } catch (err) {
    if (!(err instanceof PaymentsError) || (err.code !== 'provider_rejected' && err.code !== 'not_found')) throw err;
    return { status: 'failed', code: 'refused', message: err.message };
  }
}

type Reserved = { ok: true; refund: ShipmentRefund; paymentIntentId: string } | Extract<RefundOutcome, { ok: false }>;

async function reserveRefund(tx: Executor, input: z.output<typeof refundInput>, actor: string): Promise<Reserved> {
  const order = await lockOrder(tx, { shipmentId: input.shipmentId });
  if (!order) return { ok: false, code: 'not_found', error: 'That shipment does not exist.' };
  const [shipment] = await tx.select().from(shipments).where(eq(shipments.id, input.shipmentId)).for('no key update');
  const label = `Shipment ${shipment!.sequence} of order ${order.number}`;
  if (shipment!.status !== 'shipped' || shipment!.chargedCents === 0 || !shipment!.stripePaymentIntentId) {
    return { ok: false, code: 'not_refundable', error: `${label} was not charged, so there is nothing to refund.` };
  }
  const lines = await tx
    .select({
      id: shipmentLines.id,
      orderLineId: shipmentLines.orderLineId,
      quantity: shipmentLines.quantity,
      refunded: shipmentLines.refundedQuantity,
      amountCents: shipmentLines.amountCents,
    })
    .from(shipmentLines)
    .where(and(eq(shipmentLines.shipmentId, shipment!.id), isNull(shipmentLines.cancelledAt)));
  const earlier = await tx
    .select({ shipping: sql<number>`coalesce(sum(${shipmentRefunds.shippingCents}), 0)::int` })
    .from(shipmentRefunds)
    .where(and(eq(shipmentRefunds.shipmentId, shipment!.id), inArray(shipmentRefunds.status, ['pending', 'succeeded'])));
  const shippingLeft = shipment!.shippingCents - (earlier[0]?.shipping ?? 0);

  const wanted = input.whole
    ? lines.map((l) => ({ line: l, quantity: l.quantity - l.refunded }))
    : input.lines.map((w) => ({ line: lines.find((l) => l.orderLineId === w.orderLineId), quantity: w.quantity }));
  if (wanted.some((w) => !w.line)) return { ok: false, code: 'invalid', error: `That line is not in ${label.toLowerCase()}.` };
  const chosen = wanted.filter((w) => w.quantity > 0) as { line: (typeof lines)[number]; quantity: number }[];
  for (const { line, quantity } of chosen) {
    if (quantity > line.quantity - line.refunded) {
      return { ok: false, code: 'invalid', error: `Only ${line.quantity - line.refunded} of that line can still be refunded.` };
    }
  }
  const unit = (l: (typeof lines)[number]) => l.amountCents / l.quantity;
  const refundLines = chosen.map(({ line, quantity }) => ({ orderLineId: line.orderLineId, quantity, amountCents: unit(line) * quantity }));
  const shippingCents = input.whole ? Math.max(shippingLeft, 0) : 0;
  const amountCents = refundLines.reduce((n, l) => n + l.amountCents, 0) + shippingCents;
  if (amountCents === 0)
    return {
      ok: false,
      code: input.whole ? 'not_refundable' : 'invalid',
      error: input.whole ? `${label} is refunded in full already.` : 'Choose what to refund.',
    };
  if (shipment!.refundedCents + amountCents > shipment!.chargedCents) {
    return { ok: false, code: 'not_refundable', error: `That is more than is left to refund on ${label.toLowerCase()}.` };
  }

  const [refund] = await tx
    .insert(shipmentRefunds)
    .values({ shipmentId: shipment!.id, amountCents, shippingCents, lines: refundLines, createdBy: actor })
    .returning();
  for (const { line, quantity } of chosen) {
    await tx
      .update(shipmentLines)
      .set({ refundedQuantity: sql`${shipmentLines.refundedQuantity} + ${quantity}` })
      .where(eq(shipmentLines.id, line.id));
  }
  await tx
    .update(shipments)
    .set({ refundedCents: sql`${shipments.refundedCents} + ${amountCents}`, updatedAt: sql`now()` })
    .where(eq(shipments.id, shipment!.id));
  await recordOrderEvents(tx, [
    { orderId: order.id, shipmentId: shipment!.id, type: 'shipment.refund_requested', data: { refundId: refund!.id, amountCents, by: actor } },
  ]);
  return { ok: true, refund: refund!, paymentIntentId: shipment!.stripePaymentIntentId! };
}

/**
 * Step 3, in the caller's transaction (the webhook's too). Only a pending refund moves: whoever
 * settles first wins and everyone after gets the same answer.
 */
export async function settleRefund(tx: Executor, refundId: string, result: RefundResult, today: string = todayUtc()): Promise<RefundOutcome> {
  const [refund] = await tx.select().from(shipmentRefunds).where(eq(shipmentRefunds.id, refundId)).for('no key update');
  if (!refund) return { ok: false, code: 'not_found', error: 'That refund does not exist.' };
  const [shipment] = await tx
    .select({ id: shipments.id, sequence: shipments.sequence, orderId: shipments.orderId })
    .from(shipments)
    .where(eq(shipments.id, refund.shipmentId));
  const [order] = await tx.select().from(orders).where(eq(orders.id, shipment!.orderId));
  const where = { orderNumber: order!.number, sequence: shipment!.sequence };
  if (refund.status === 'succeeded') return { ok: true, status: 'succeeded', refundId, amountCents: refund.amountCents, ...where };
  if (refund.status === 'failed') return { ok: false, code: 'refused', error: refund.failureMessage ?? 'The refund was refused.' };
  if (result.status === 'failed' && result.code === 'transient') return { ok: true, status: 'pending', refundId, amountCents: refund.amountCents, ...where };

  if (result.status === 'failed') {
    await tx
      .update(shipmentRefunds)
      .set({ status: 'failed', failureMessage: result.message, updatedAt: sql`now()` })
      .where(eq(shipmentRefunds.id, refundId));
    // Give back what was reserved.
    for (const line of refund.lines) {
      await tx
        .update(shipmentLines)
        .set({ refundedQuantity: sql`${shipmentLines.refundedQuantity} - ${line.quantity}` })
        .where(and(eq(shipmentLines.shipmentId, refund.shipmentId), eq(shipmentLines.orderLineId, line.orderLineId)));
    }
    await tx
      .update(shipments)
      .set({ refundedCents: sql`${shipments.refundedCents} - ${refund.amountCents}`, updatedAt: sql`now()` })
      .where(eq(shipments.id, refund.shipmentId));
    await recordOrderEvents(tx, [
      { orderId: order!.id, shipmentId: refund.shipmentId, type: 'shipment.refund_failed', data: { refundId, message: result.message } },
    ]);
    return { ok: false, code: 'refused', error: result.message };
  }

  await tx
    .update(shipmentRefunds)
    .set({ status: 'succeeded', stripeRefundId: result.refundId, updatedAt: sql`now()` })
    .where(eq(shipmentRefunds.id, refundId));
  await recordOrderEvents(tx, [
    {
      orderId: order!.id,
      shipmentId: refund.shipmentId,
      type: 'shipment.refunded',
      data: { refundId, amountCents: refund.amountCents, stripeRefundId: result.refundId },
    },
  ]);
  const titles = await tx
    .select({ id: orderLines.id, productTitle: orderLines.productTitle, variantTitle: orderLines.variantTitle })
    .from(orderLines)
    .where(eq(orderLines.orderId, order!.id))
    .orderBy(asc(orderLines.position));
  await enqueueEmails(tx, [
    {
      kind: 'shipment_refunded',
      to: order!.email,
      orderId: order!.id,
      payload: {
        orderNumber: order!.number,
        orderUrl: `${siteUrl()}/orders/${order!.publicToken}`,
        fullName: order!.fullName,
        currency: order!.currency,
        sequence: shipment!.sequence,
        lines: refund.lines.map((l) => {
          const t = titles.find((x) => x.id === l.orderLineId)!;
          return { title: lineTitle(t.productTitle, t.variantTitle), quantity: l.quantity, amountCents: l.amountCents };
        }),
        shippingCents: refund.shippingCents,
        amountCents: refund.amountCents,
        card: { brand: order!.cardBrand, last4: order!.cardLast4 },
        writtenOn: today,
      },
    },
  ]);
  return { ok: true, status: 'succeeded', refundId, amountCents: refund.amountCents, ...where };
}

/** Refunds left pending (a crash, a transient error), oldest first: the sweep asks again with the same key. */
export async function retryPendingRefunds(database: Database, client?: PaymentsClient, olderThanSeconds = STALE_CHARGING_SECONDS): Promise<number> {
  const pending = await database
    .select({ refund: shipmentRefunds, paymentIntentId: shipments.stripePaymentIntentId })
    .from(shipmentRefunds)
    .innerJoin(shipments, eq(shipments.id, shipmentRefunds.shipmentId))
    .where(and(eq(shipmentRefunds.status, 'pending'), sql`${shipmentRefunds.createdAt} < now() - make_interval(secs => ${olderThanSeconds})`))
    .orderBy(asc(shipmentRefunds.createdAt))
    .limit(100);
  for (const p of pending) {
    // One that cannot be settled now must not hold up the ones behind it.
    await askAndSettle(p.refund, p.paymentIntentId!, database, { client, maxTries: 1 }).catch((err: unknown) =>
      console.error(`refunds: ${p.refund.id} is still pending: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
  return pending.length;
}

/** The charge.refunded webhook: our pending refunds that the provider reports settle from its state. */
export async function settleRefundsFromProvider(tx: Executor, state: RefundsState): Promise<void> {
  for (const r of state.refunds) {
    const id = r.metadata.refundId;
    if (!id || !z.uuid().safeParse(id).success) continue;
    if (r.status === 'succeeded' || r.status === 'pending') {
      await settleRefund(tx, id, { status: 'succeeded', refundId: r.refundId, amountCents: r.amountCents });
    } else if (r.status === 'failed' || r.status === 'canceled') {
      await settleRefund(tx, id, {
        status: 'failed',
        code: 'refused',
        message: `The refund ${r.status === 'failed' ? 'failed' : 'was cancelled'} at the card's bank.`,
      });
    }
  }
}
