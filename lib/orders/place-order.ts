import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { db as appDb, type Database } from '@/db/client';
import { carts, orderLines, orders, shipmentLines, shipments, variantQueueCounters, variants, waitingQueue } from '@/db/schema';
import type { SavedCard } from '@/lib/payments';
import { invalidateProducts } from '@/lib/cache/invalidate';
import { cartVariantIds, lockVariants, readCartLines, recordShown } from '@/lib/cart/lines';
import type { Executor } from '@/db/client';
import { todayUtc } from '@/lib/catalog/dates';
import { quoteChanges, type QuoteChange } from '@/lib/checkout/changes';
import { shippingFlatRateCents } from '@/lib/checkout/config';
import { consentText } from '@/lib/checkout/consent';
import { quoteFingerprint } from '@/lib/checkout/fingerprint';
import { checkoutContactInput, type CheckoutContact } from '@/lib/checkout/input';
import { problemText } from '@/lib/checkout/plan-copy';
import { buildQuote, shownLineOf, type Quote, type QuoteProblem } from '@/lib/checkout/quote';
import { enqueueEmails } from '@/lib/email/outbox';
import { recordOrderEvents } from './events';
import { orderReceivedPayload } from './order-received-email';
import { lineTitle } from '@/lib/catalog/line-title';

/** A card that lib/payments has verified (verifySetupIntent) for this shopper's Customer. */
export interface VerifiedPayment {
  stripeCustomerId: string;
  setupIntentId: string;
  card: SavedCard;
}

export interface PlaceOrderInput {
  cartId: string;
  /** The checkout's idempotency key (carts.checkout_key): one order per key. */
  idempotencyKey: string;
  /** quoteFingerprint() of the quote the shopper was shown. */
  quoteFingerprint: string;
  contact: CheckoutContact;
  /** Required when any unit ships later; the stored words are consentText() of the quote (the one the shopper saw). */
  consent: { at: Date; ip: string | null } | null;
  payment: VerifiedPayment;
}

export interface PlacedOrder {
  id: string;
  number: number;
  publicToken: string;
}

export type PlaceOrderResult =
  /** `replayed`: the key had already placed this order; nothing new was created. */
  | { status: 'placed'; order: PlacedOrder; replayed: boolean }
  /** Something the shopper was shown changed: nothing was created; show the changes and the new quote, and ask again. */
  | { status: 'changed'; changes: QuoteChange[]; messages: string[]; quote: Quote; quoteFingerprint: string }
  /** Some line cannot be had (in full) any more: nothing was created. */
  | { status: 'sold_out'; problems: QuoteProblem[]; messages: string[]; quote: Quote; quoteFingerprint: string }
  /** Units ship later and the shopper has not consented: nothing was created. */
  | { status: 'consent_required'; quote: Quote; quoteFingerprint: string }
  /** The cart is empty or already checked out (by another key): nothing was created. */
  | { status: 'empty' };

export class PlaceOrderError extends Error {
  constructor(
    readonly code: 'key_reused' | 'stock_conflict',
    message: string,
  ) {
    super(message);
    this.name = 'PlaceOrderError';
  }
}

export interface PlaceOrderOptions {
  database?: Database;
  today?: string;
  shippingCents?: number;
}

export const CARD_REPLACED =
  'Your card step was started again (in another window) since you saved your card. Choose “Continue to payment” and save your card again.';

function newPublicToken(): string {
  return randomBytes(32).toString('base64url');
}

async function existingOrder(tx: Executor, idempotencyKey: string, cartId: string): Promise<PlacedOrder | null> {
  const [found] = await tx
    .select({ id: orders.id, number: orders.number, publicToken: orders.publicToken, cartId: orders.cartId })
    .from(orders)
    .where(eq(orders.idempotencyKey, idempotencyKey));
  if (!found) return null;
  if (found.cartId !== cartId) throw new PlaceOrderError('key_reused', 'This idempotency key belongs to another checkout.');
  return { id: found.id, number: found.number, publicToken: found.publicToken };
}

/**
 * Places an order from a cart, in one transaction:
 * 1. serialise requests with the same idempotency key (advisory lock) and return the order a
 *    previous request made with it;
 * 2. lock the cart row, then the variants' rows FOR UPDATE in id order (no deadlocks);
 * 3. re-read availability with the availability model and rebuild the quote; if any line cannot
 *    be had, or anything differs from the quote the shopper saw (price, state, split, date,
 *    shipping), create nothing and say what changed;
 * 4. commit in-stock units, queue later units FIFO (gapless per-variant positions), create the
 *    order, its lines, its planned shipments and their events, write the "Order received" email
 *    to the outbox, check the cart out, and tell every app server that the products' pages
 *    changed — all or nothing.
 * The card must already be verified (lib/checkout/submit-checkout.ts calls verifySetupIntent).
 */
export async function placeOrder(input: PlaceOrderInput, options: PlaceOrderOptions = {}): Promise<PlaceOrderResult> {
  const { database = appDb, today = todayUtc(), shippingCents = shippingFlatRateCents() } = options;
  const contact = checkoutContactInput.parse(input.contact);
  const copy = { today };

  return database.transaction(async (tx): Promise<PlaceOrderResult> => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${input.idempotencyKey}))`);
    const replay = await existingOrder(tx, input.idempotencyKey, input.cartId);
    if (replay) return { status: 'placed', order: replay, replayed: true };

    const [cart] = await tx
      .select({ checkedOutAt: carts.checkedOutAt, setupIntentId: carts.stripeSetupIntentId, customerId: carts.stripeCustomerId })
      .from(carts)
      .where(eq(carts.id, input.cartId))
      .for('update');
    if (!cart || cart.checkedOutAt) return { status: 'empty' };
    // The card was verified before this transaction: a "Continue to payment" in another window
    // may have replaced the cart's SetupIntent since. Only the one stored now may pay.
    const cardReplaced = cart.setupIntentId !== input.payment.setupIntentId || cart.customerId !== input.payment.stripeCustomerId;

    await lockVariants(tx, await cartVariantIds(tx, input.cartId));
    const records = await readCartLines(tx, input.cartId, today);
    if (records.length === 0) return { status: 'empty' };
    const quote = buildQuote(
      records.map((r) => r.input),
      { shippingCents },
    );
    const fingerprint = quoteFingerprint(quote);
    const shown = new Map(records.map((r) => [r.input.key, r.shown]));
    const changes = quoteChanges(shown, quote, copy);
    // What the shopper sees next is this quote: record it, so the same change is not reported twice.
    const acknowledge = () =>
      recordShown(
        tx,
        input.cartId,
        quote.lines.map((l) => ({ key: l.key, shown: shownLineOf(l) })),
      );

    if (cardReplaced) {
      return { status: 'changed', changes: [], messages: [CARD_REPLACED], quote, quoteFingerprint: fingerprint };
    }
    if (quote.problems.length > 0) {
      await acknowledge();
      const titles = new Map(quote.lines.map((l) => [l.key, lineTitle(l.productTitle, l.variantTitle)]));
      return {
        status: 'sold_out',
        problems: quote.problems,
        messages: quote.problems.map((p) => problemText(p, titles.get(p.key)!)),
        quote,
        quoteFingerprint: fingerprint,
      };
    }
    if (fingerprint !== input.quoteFingerprint) {
      await acknowledge();
      const messages =
        changes.length > 0
          ? changes.map((c) => c.message)
          : ['Your order changed since this page was loaded (in another window, or the shipping rate). Check it again.'];
      return { status: 'changed', changes, messages, quote, quoteFingerprint: fingerprint };
    }
    const agreed = consentText(quote, copy);
    if (agreed && !input.consent) return { status: 'consent_required', quote, quoteFingerprint: fingerprint };

    const [order] = await tx
      .insert(orders)
      .values({
        publicToken: newPublicToken(),
        idempotencyKey: input.idempotencyKey,
        cartId: input.cartId,
        status: 'placed',
        email: contact.email,
        fullName: contact.fullName,
        addressLine: contact.addressLine,
        city: contact.city,
        region: contact.region,
        postalCode: contact.postalCode,
        country: contact.country,
        currency: quote.currency,
        itemsCents: quote.itemsCents,
        shippingCents: quote.shippingCents,
        totalCents: quote.totalCents,
        consentText: agreed,
        consentAt: agreed ? input.consent!.at : null,
        consentIp: agreed ? input.consent!.ip : null,
        stripeCustomerId: input.payment.stripeCustomerId,
        stripeSetupIntentId: input.payment.setupIntentId,
        stripePaymentMethodId: input.payment.card.paymentMethodId,
        cardBrand: input.payment.card.brand,
        cardLast4: input.payment.card.last4,
        cardExpMonth: input.payment.card.expMonth,
        cardExpYear: input.payment.card.expYear,
        // Taken under the variant locks, so placement times follow the queue order (FIFO).
        placedAt: sql`clock_timestamp()`,
      })
      .returning({ id: orders.id, number: orders.number, publicToken: orders.publicToken });
    const orderId = order!.id;

    const insertedLines = await tx
      .insert(orderLines)
      .values(
        quote.lines.map((l, i) => ({
          orderId,
          position: i + 1,
          variantId: l.variantId,
          productSlug: l.productSlug,
          productTitle: l.productTitle,
          variantTitle: l.variantTitle,
          sku: l.sku,
          unitPriceCents: l.unitPriceCents,
          quantity: l.quantity,
          shipNowQuantity: l.allocation.shipNow,
          laterQuantity: l.allocation.later,
          laterKind: l.allocation.laterKind,
          laterDate: l.allocation.laterDate,
          lineTotalCents: l.lineTotalCents,
        })),
      )
      .returning({ id: orderLines.id, position: orderLines.position });
    const lineIdByKey = new Map(quote.lines.map((l, i) => [l.key, insertedLines.find((r) => r.position === i + 1)!.id]));

    const insertedShipments = await tx
      .insert(shipments)
      .values(
        quote.shipments.map((s, i) => ({
          orderId,
          sequence: i + 1,
          kind: s.kind,
          expectedDate: s.date,
          // What ships now was committed from stock just above: it can be packed straight away.
          status: s.kind === 'now' ? ('ready_to_ship' as const) : ('planned' as const),
          currency: quote.currency,
          itemsCents: s.itemsCents,
          shippingCents: s.shippingCents,
          amountCents: s.amountCents,
        })),
      )
      .returning({ id: shipments.id, sequence: shipments.sequence });
    const shipmentIdOf = (sequence: number) => insertedShipments.find((s) => s.sequence === sequence)!.id;
    await tx
      .insert(shipmentLines)
      .values(
        quote.shipments.flatMap((s, i) =>
          s.lines.map((l) => ({ shipmentId: shipmentIdOf(i + 1), orderLineId: lineIdByKey.get(l.key)!, quantity: l.quantity, amountCents: l.amountCents })),
        ),
      );

    // Stock: commit what ships now, queue what ships later. The rows are locked and the quote was
    // built from them, so these always hold; the conditions guard against a bug, not a race.
    for (const line of quote.lines) {
      const { shipNow, later } = line.allocation;
      const [updated] = await tx
        .update(variants)
        .set({ committed: sql`${variants.committed} + ${shipNow}`, waiting: sql`${variants.waiting} + ${later}`, updatedAt: sql`now()` })
        .where(and(eq(variants.id, line.variantId), sql`${variants.committed} + ${shipNow} <= ${variants.onHand}`))
        .returning({ id: variants.id });
      if (!updated) throw new PlaceOrderError('stock_conflict', `Stock for ${line.sku} moved under a lock; nothing was placed.`);
      if (later > 0) {
        const [counter] = await tx
          .insert(variantQueueCounters)
          .values({ variantId: line.variantId, lastPosition: 1 })
          .onConflictDoUpdate({ target: variantQueueCounters.variantId, set: { lastPosition: sql`${variantQueueCounters.lastPosition} + 1` } })
          .returning({ position: variantQueueCounters.lastPosition });
        await tx.insert(waitingQueue).values({
          variantId: line.variantId,
          orderLineId: lineIdByKey.get(line.key)!,
          units: later,
          position: counter!.position,
          expectedDate: line.allocation.laterDate,
        });
      }
    }

    await recordOrderEvents(tx, [
      {
        orderId,
        type: 'order.placed',
        toStatus: 'placed',
        data: {
          number: order!.number,
          itemsCents: quote.itemsCents,
          shippingCents: quote.shippingCents,
          totalCents: quote.totalCents,
          currency: quote.currency,
        },
      },
      ...quote.shipments.map((s, i) => ({
        orderId,
        shipmentId: shipmentIdOf(i + 1),
        type: 'shipment.planned' as const,
        toStatus: s.kind === 'now' ? 'ready_to_ship' : 'planned',
        data: { sequence: i + 1, kind: s.kind, expectedDate: s.date, amountCents: s.amountCents },
      })),
    ]);
    await enqueueEmails(tx, [
      {
        kind: 'order_received',
        to: contact.email,
        orderId,
        payload: orderReceivedPayload(
          { number: order!.number, publicToken: order!.publicToken, address: contact, card: input.payment.card, placedOn: today },
          quote,
        ),
      },
    ]);
    await tx
      .update(carts)
      .set({ checkedOutAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(carts.id, input.cartId));
    await invalidateProducts(
      tx,
      quote.lines.map((l) => l.productSlug),
    );
    return { status: 'placed', order: order!, replayed: false };
  });
}
