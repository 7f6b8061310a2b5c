import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database, type Executor } from '@/db/client';
import { orderLines, orders, paymentAttempts, shipmentLines, shipments, stockMovements, variants, type ShipmentStatus } from '@/db/schema';
import { lockVariants } from '@/lib/cart/lines';
import { todayUtc } from '@/lib/catalog/dates';
import { lineTitle } from '@/lib/catalog/line-title';
import { formatAddress } from '@/lib/checkout/address-format';
import { enqueueEmails } from '@/lib/email/outbox';
import { settledStatus } from '@/lib/orders/cancel-lines';
import { recordOrderEvents, type OrderEventInput } from '@/lib/orders/events';
import { lockOrder } from '@/lib/orders/order-lock';
import { chargeShipment, PaymentsError, type ChargeResult } from '@/lib/payments';
import type { PaymentsClient } from '@/lib/payments/stripe-client';
import { siteUrl } from '@/lib/site';
import { STALE_CHARGING_SECONDS } from './stale-charging';
import { trackingUrl } from './tracking';

/**
 * Shipping one shipment, which is when its card is charged (never before):
 * 1. beginCharge, one transaction: a ready shipment becomes `charging` with a new attempt number
 *    (the idempotency key `shipment:<id>:attempt:<n>`), taking the order's shipping fee if it is
 *    the first of the order to ship;
 * 2. chargeShipment, outside any transaction: the payment attempt row (key first, PaymentIntent id
 *    as soon as Stripe answers) then the off-session charge;
 * 3. settleCharge, one transaction: shipped (stock leaves on hand and committed, the order moves
 *    on, a "shipped" email) or payment_failed (a "payment needs your action" email), or, after a
 *    transient error, still charging for the retry job (lib/shipping/charge-job.ts).
 * Each step is conditional on the one before (status and attempt number), so a double click, a
 * retry, a webhook and the recovery sweep can all run any step again and change nothing twice.
 */

const CARRIER_MAX = 60;
const TRACKING_MAX = 60;

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} can be at most ${max} characters.`)
    .regex(/^[\p{L}\p{N} .,&'()/#-]*$/u, `${what} can hold letters, digits, spaces and . , & ' ( ) / # - only.`)
    .optional()
    .transform((v) => (v ? v : null));

export const shipInput = z.object({
  shipmentId: z.uuid('That shipment does not exist.'),
  carrier: optionalText(CARRIER_MAX, 'Carrier'),
  trackingNumber: optionalText(TRACKING_MAX, 'Tracking number'),
});
export type ShipInput = z.input<typeof shipInput>;

/** What one attempt charges, all read from the database. */
export interface ChargeJob {
  shipmentId: string;
  attempt: number;
  amountCents: number;
  currency: string;
  customerId: string;
  paymentMethodId: string;
}

export type ShipOutcome =
  | { ok: true; status: 'shipped'; orderNumber: number; sequence: number; chargedCents: number }
  | { ok: true; status: 'payment_failed'; orderNumber: number; sequence: number; reason: string; message: string }
  /** The charge's outcome is not known yet (a transient error): the retry job settles it. */
  | { ok: true; status: 'charging'; orderNumber: number; sequence: number }
  | { ok: false; code: 'invalid' | 'not_found' | 'not_ready' | 'in_progress'; error: string; fieldErrors?: Record<string, string[]> };

export interface ShipDeps {
  database?: Database;
  client?: PaymentsClient;
  /** Tries of a transient failure within this call (more come from the retry job). */
  maxTries?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Fault injection for the crash tests, called as each step ends (the app never sets it). */
  faults?: { afterBegin?: () => unknown; afterCharge?: () => unknown; beforeSettleCommit?: () => unknown };
}

const OPEN: readonly ShipmentStatus[] = ['planned', 'ready_to_ship', 'payment_failed'];

/** Ships one ready shipment: charge, then mark it shipped, as described above. */
export async function shipShipment(input: ShipInput, actor: string, deps: ShipDeps = {}): Promise<ShipOutcome> {
  const parsed = shipInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return { ok: false, code: 'invalid', error: parsed.error.issues[0]!.message, fieldErrors };
  }
  const database = deps.database ?? appDb;
  const begun = await database.transaction((tx) => beginCharge(tx, parsed.data, actor));
  if (!begun.ok) return begun;
  // Someone else (a double click, another batch) is charging it right now: theirs settles it.
  if (begun.status !== 'begun') {
    return { ok: false, code: 'in_progress', error: `Shipment ${begun.sequence} of order ${begun.orderNumber} is being charged already.` };
  }
  await deps.faults?.afterBegin?.();
  return chargeAndSettle(begun.job, database, deps);
}

/** Steps 2 and 3 for an attempt already begun (the request, the retry job and the sweep all use it). */
export async function chargeAndSettle(job: ChargeJob, database: Database, deps: ShipDeps = {}): Promise<ShipOutcome> {
  const result: ChargeResult =
    job.amountCents === 0 ? { status: 'not_charged', reason: 'zero_amount', paymentIntentId: null } : await charge(job, database, deps);
  await deps.faults?.afterCharge?.();
  return database.transaction(async (tx) => {
    const outcome = await settleCharge(tx, job.shipmentId, job.attempt, result);
    await deps.faults?.beforeSettleCommit?.();
    return outcome;
  });
}

/**
 * The charge, with Stripe refusing the request itself (the card on file is gone or was never
 * this customer's, the request is malformed) turned into a payment that failed for good: nothing
 * was charged, and the shipment must not stay charging forever. The shopper is asked for a card.
 */
async function charge(job: ChargeJob, database: Database, deps: ShipDeps): Promise<ChargeResult> {
  try {
    return await chargeShipment(job, database, deps.client, { maxTries: deps.maxTries, sleep: deps.sleep });
  } catch (err) {
    if (!(err instanceof PaymentsError) || (err.code !== 'provider_rejected' && err.code !== 'not_found')) throw err;
    return { status: 'failed', paymentIntentId: null, failure: { code: 'card_declined', declineCode: 'provider_rejected', message: err.message } };
  }
}

type Begun =
  | { ok: true; status: 'begun'; job: ChargeJob; orderNumber: number; sequence: number }
  | { ok: true; status: 'already_charging'; orderNumber: number; sequence: number }
  | Extract<ShipOutcome, { ok: false }>;

/**
 * Locks the order (two steps on one order take turns; cancelling takes it too) and this shipment.
 * The order's other shipments are read without locks: what they can change into meanwhile
 * (planned to ready, by receiving) changes nothing here. Variants are locked only by the step
 * that moves stock, last, so one popular variant does not make every shipment wait in line.
 */
async function lockShipment(tx: Executor, shipmentId: string) {
  const order = await lockOrder(tx, { shipmentId });
  if (!order) return null;
  const [shipment] = await tx.select().from(shipments).where(eq(shipments.id, shipmentId)).for('no key update');
  const all = await tx.select().from(shipments).where(eq(shipments.orderId, order.id)).orderBy(asc(shipments.sequence));
  return { order, shipments: all.map((s) => (s.id === shipmentId ? shipment! : s)), shipment: shipment! };
}

/** Step 1, in the caller's transaction. */
export async function beginCharge(tx: Executor, input: z.output<typeof shipInput>, actor: string): Promise<Begun> {
  const locked = await lockShipment(tx, input.shipmentId);
  if (!locked) return { ok: false, code: 'not_found', error: 'That shipment does not exist.' };
  const { order, shipment, shipments: all } = locked;
  const where = { orderNumber: order.number, sequence: shipment.sequence };
  if (shipment.status === 'charging') return { ok: true, status: 'already_charging', ...where };
  if (shipment.status !== 'ready_to_ship') {
    const why: Record<ShipmentStatus, string> = {
      planned: 'some of its units are still waiting for stock',
      ready_to_ship: '',
      charging: '',
      payment_failed: 'its payment failed; the shopper has been asked to fix it',
      shipped: 'it has already shipped',
      cancelled: 'it was cancelled',
    };
    return { ok: false, code: 'not_ready', error: `Shipment ${shipment.sequence} of order ${order.number} cannot ship: ${why[shipment.status]}.` };
  }

  // The flat shipping fee is charged once, with the first shipment that actually ships.
  let shippingCents = shipment.shippingCents;
  const firstToShip = !all.some((s) => s.id !== shipment.id && (s.status === 'shipped' || s.status === 'charging'));
  // Not from a payment_failed one: its PaymentIntent asked for the fee and can still be paid
  // (the shopper confirms with their bank), and the fee must not be charged twice.
  const holder = all.find((s) => s.id !== shipment.id && s.shippingCents > 0 && (s.status === 'planned' || s.status === 'ready_to_ship'));
  const events: OrderEventInput[] = [];
  if (firstToShip && holder && shippingCents === 0) {
    shippingCents = holder.shippingCents;
    await tx
      .update(shipments)
      .set({ shippingCents: 0, amountCents: holder.itemsCents, updatedAt: sql`now()` })
      .where(eq(shipments.id, holder.id));
    events.push({ orderId: order.id, shipmentId: shipment.id, type: 'shipment.shipping_moved', data: { fromShipment: holder.sequence, cents: shippingCents } });
  }
  const attempt = shipment.chargeAttempt + 1;
  const amountCents = shipment.itemsCents + shippingCents;
  await tx
    .update(shipments)
    .set({
      status: 'charging',
      chargeAttempt: attempt,
      chargingSince: sql`now()`,
      shippingCents,
      amountCents,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      shippedBy: actor,
      failureCode: null,
      failureMessage: null,
      updatedAt: sql`now()`,
    })
    .where(eq(shipments.id, shipment.id));
  events.push({
    orderId: order.id,
    shipmentId: shipment.id,
    type: 'shipment.charging',
    fromStatus: 'ready_to_ship',
    toStatus: 'charging',
    data: { attempt, amountCents, by: actor },
  });
  await recordOrderEvents(tx, events);
  return {
    ok: true,
    status: 'begun',
    ...where,
    job: { shipmentId: shipment.id, attempt, amountCents, currency: order.currency, customerId: order.customerId, paymentMethodId: order.paymentMethodId },
  };
}

/** The attempt a charging shipment is on, for the retry job and the sweep; null once it has settled. */
export async function chargeJobFor(database: Database | Executor, shipmentId: string): Promise<ChargeJob | null> {
  const [row] = await database
    .select({
      shipmentId: shipments.id,
      attempt: shipments.chargeAttempt,
      amountCents: shipments.amountCents,
      currency: orders.currency,
      customerId: orders.stripeCustomerId,
      paymentMethodId: orders.stripePaymentMethodId,
      status: shipments.status,
    })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(eq(shipments.id, shipmentId));
  if (!row || row.status !== 'charging') return null;
  return {
    shipmentId: row.shipmentId,
    attempt: row.attempt,
    amountCents: row.amountCents,
    currency: row.currency,
    customerId: row.customerId,
    paymentMethodId: row.paymentMethodId,
  };
}

/**
 * Step 3, in the caller's transaction (the webhook calls it inside its own). Acts only while the
 * shipment is still charging on this attempt: whoever settles first wins, everyone after changes
 * nothing and gets the same answer.
 */
export async function settleCharge(tx: Executor, shipmentId: string, attempt: number, result: ChargeResult, today: string = todayUtc()): Promise<ShipOutcome> {
  const locked = await lockShipment(tx, shipmentId);
  if (!locked) return { ok: false, code: 'not_found', error: 'That shipment does not exist.' };
  const { order, shipment, shipments: all } = locked;
  const where = { orderNumber: order.number, sequence: shipment.sequence };
  // A failed attempt can still be paid later (the shopper authenticated the same PaymentIntent):
  // then it ships after all.
  const open = shipment.status === 'charging' || (shipment.status === 'payment_failed' && result.status === 'succeeded');
  if (!open || shipment.chargeAttempt !== attempt) return outcomeOf(shipment, where);

  if (result.status === 'failed' && result.failure.code === 'transient') return { ok: true, status: 'charging', ...where };

  const lines = await tx
    .select({
      orderLineId: shipmentLines.orderLineId,
      quantity: shipmentLines.quantity,
      amountCents: shipmentLines.amountCents,
      variantId: orderLines.variantId,
      productTitle: orderLines.productTitle,
      variantTitle: orderLines.variantTitle,
    })
    .from(shipmentLines)
    .innerJoin(orderLines, eq(orderLines.id, shipmentLines.orderLineId))
    .where(and(eq(shipmentLines.shipmentId, shipment.id), isNull(shipmentLines.cancelledAt)))
    .orderBy(asc(orderLines.position));
  const events: OrderEventInput[] = [];
  const base = siteUrl();

  if (result.status === 'failed') {
    const reason = result.failure.code as 'authentication_required' | 'card_declined' | 'expired_card';
    await tx
      .update(shipments)
      .set({
        status: 'payment_failed',
        chargingSince: null,
        stripePaymentIntentId: result.paymentIntentId,
        failureCode: reason,
        failureMessage: result.failure.message,
        updatedAt: sql`now()`,
      })
      .where(eq(shipments.id, shipment.id));
    events.push({
      orderId: order.id,
      shipmentId: shipment.id,
      type: 'shipment.payment_failed',
      fromStatus: 'charging',
      toStatus: 'payment_failed',
      data: { attempt, reason },
    });
    await recordOrderEvents(tx, events);
    await enqueueEmails(tx, [
      {
        kind: 'payment_action_needed',
        to: order.email,
        orderId: order.id,
        payload: {
          orderNumber: order.number,
          orderUrl: `${base}/orders/${order.token}`,
          fullName: order.fullName,
          currency: order.currency,
          sequence: shipment.sequence,
          amountCents: shipment.amountCents,
          card: { brand: order.cardBrand, last4: order.cardLast4 },
          reason,
          lines: lines.map((l) => ({ title: lineTitle(l.productTitle, l.variantTitle), quantity: l.quantity })),
          writtenOn: today,
        },
      },
    ]);
    return { ok: true, status: 'payment_failed', ...where, reason, message: result.failure.message };
  }

  // What the attempt asked for is what was charged, whatever the shipment says now.
  const [asked] =
    result.status === 'succeeded'
      ? await tx
          .select({ amountCents: paymentAttempts.amountCents })
          .from(paymentAttempts)
          .where(and(eq(paymentAttempts.shipmentId, shipment.id), eq(paymentAttempts.attempt, attempt)))
      : [];
  const chargedCents = result.status === 'succeeded' ? (asked?.amountCents ?? shipment.amountCents) : 0;
  await tx
    .update(shipments)
    .set({
      status: 'shipped',
      chargingSince: null,
      shippedAt: sql`now()`,
      chargedCents,
      stripePaymentIntentId: result.paymentIntentId,
      updatedAt: sql`now()`,
    })
    .where(eq(shipments.id, shipment.id));

  const statuses = all.map((s) => (s.id === shipment.id ? ('shipped' as const) : s.status));
  const orderStatus = settledStatus(statuses);
  events.push({
    orderId: order.id,
    shipmentId: shipment.id,
    type: 'shipment.shipped',
    fromStatus: shipment.status,
    toStatus: 'shipped',
    data: { attempt, chargedCents, paymentIntentId: result.paymentIntentId },
  });
  if (orderStatus !== order.status) {
    await tx
      .update(orders)
      .set({ status: orderStatus, updatedAt: sql`now()` })
      .where(eq(orders.id, order.id));
    events.push({ orderId: order.id, type: 'order.status_changed', fromStatus: order.status, toStatus: orderStatus });
  }
  await recordOrderEvents(tx, events);

  const live = all.filter((s) => s.status !== 'cancelled');
  await enqueueEmails(tx, [
    {
      kind: 'shipment_shipped',
      to: order.email,
      orderId: order.id,
      payload: {
        orderNumber: order.number,
        orderUrl: `${base}/orders/${order.token}`,
        fullName: order.fullName,
        currency: order.currency,
        sequence: shipment.sequence,
        shipmentCount: live.length,
        lines: lines.map((l) => ({ title: lineTitle(l.productTitle, l.variantTitle), quantity: l.quantity, amountCents: l.amountCents })),
        itemsCents: shipment.itemsCents,
        shippingCents: shipment.shippingCents,
        chargedCents,
        card: { brand: order.cardBrand, last4: order.cardLast4 },
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        trackingUrl: trackingUrl(shipment.carrier, shipment.trackingNumber),
        shipTo: formatAddress({
          fullName: order.fullName,
          addressLine: order.addressLine,
          city: order.city,
          region: order.region,
          postalCode: order.postalCode,
          country: order.country,
        }),
        shipmentsLeft: live.filter((s) => s.id !== shipment.id && (OPEN.includes(s.status) || s.status === 'charging')).length,
        writtenOn: today,
      },
    },
  ]);
  // Last, so the variants stay locked as briefly as can be. The units leave: out of on hand and
  // out of committed together, each variant once, with its ledger row.
  const byVariant = new Map<string, number>();
  for (const l of lines) byVariant.set(l.variantId, (byVariant.get(l.variantId) ?? 0) + l.quantity);
  const variantIds = [...byVariant.keys()].sort();
  await lockVariants(tx, variantIds);
  for (const variantId of variantIds) {
    const units = byVariant.get(variantId)!;
    const [moved] = await tx
      .update(variants)
      .set({ onHand: sql`${variants.onHand} - ${units}`, committed: sql`${variants.committed} - ${units}`, updatedAt: sql`now()` })
      .where(and(eq(variants.id, variantId), sql`${variants.committed} >= ${units}`))
      .returning({ onHand: variants.onHand });
    if (!moved) throw new Error(`settleCharge: variant ${variantId} has fewer than ${units} units committed`);
    await tx.insert(stockMovements).values({
      variantId,
      kind: 'shipped',
      change: -units,
      onHandAfter: moved.onHand,
      reason: `Shipped: order ${order.number}, shipment ${shipment.sequence}`,
      actor: shipment.shippedBy ?? 'shipping',
    });
  }

  return { ok: true, status: 'shipped', ...where, chargedCents };
}

function outcomeOf(
  s: { status: ShipmentStatus; chargedCents: number; failureCode: string | null; failureMessage: string | null },
  where: { orderNumber: number; sequence: number },
): ShipOutcome {
  switch (s.status) {
    case 'shipped':
      return { ok: true, status: 'shipped', ...where, chargedCents: s.chargedCents };
    case 'payment_failed':
      return { ok: true, status: 'payment_failed', ...where, reason: s.failureCode ?? 'card_declined', message: s.failureMessage ?? 'The payment failed.' };
    case 'charging':
      return { ok: true, status: 'charging', ...where };
    default:
      return { ok: false, code: 'not_ready', error: `Shipment ${where.sequence} of order ${where.orderNumber} is ${s.status.replace(/_/g, ' ')}.` };
  }
}

/** Charging shipments left behind (by a crash or a transient error), oldest first. */
export async function staleChargingShipments(database: Database, olderThanSeconds = STALE_CHARGING_SECONDS, limit = 100): Promise<string[]> {
  const rows = await database
    .select({ id: shipments.id })
    .from(shipments)
    .where(and(eq(shipments.status, 'charging'), sql`${shipments.chargingSince} < now() - make_interval(secs => ${olderThanSeconds})`))
    .orderBy(asc(shipments.chargingSince))
    .limit(limit);
  return rows.map((r) => r.id);
}
