import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { orderLines, orders, outboxMessages, paymentAttempts, shipmentRefunds, shipments, variants } from '@/db/schema';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { cancelLine } from '@/lib/orders/cancel-lines';
import { createTestVariant, placeTestOrder } from '@/lib/orders/testing/fixtures';
import { chargeShipment } from '@/lib/payments';
import { updateSavedCard } from '@/lib/payments/emulator';
import {
  discardPendingWebhooks,
  EMULATOR_ENV,
  emulatorChargeCounts,
  emulatorClient,
  emulatorEventsFor,
  emulatorFetch,
  emulatorPublishableKey,
  browserFinishAuthentication,
  saveTestCard,
  signedWebhookRequest,
  webhookRouteDelivery,
} from '@/lib/payments/emulator/testing';
import { testConnection } from '@/test/database';
import { placePaidOrder } from '@/test/paid-orders';
import { refundShipment } from './refund-shipment';
import { beginCharge, chargeAndSettle, shipInput, shipShipment } from './ship-shipment';

const { sql: pool, db } = testConnection();
const client = emulatorClient(db);
// The webhook route in this process, like the server's, and delivery of the emulator's webhooks to it.
const { POST, deliver, closeAppDatabase } = await webhookRouteDelivery(db, inject('databaseUrl'));
beforeAll(() => discardPendingWebhooks(db));
afterAll(async () => {
  await pool.end();
  await closeAppDatabase();
});

let n = 0;
async function readyShipment(cardNumber = '4242424242424242') {
  const email = `webhook-ship-${Date.now()}-${n++}@example.com`;
  const card = await saveTestCard(db, email, cardNumber, client);
  await deliver(); // the card's own setup events
  const v = await createTestVariant(db, { onHand: 3, priceCents: 2000 });
  const order = await placePaidOrder(db, [{ variantId: v.variantId, quantity: 1 }], { card, email });
  const [shipment] = await db.select().from(shipments).where(eq(shipments.orderId, order.id));
  return { order, card, shipment: shipment!, variantId: v.variantId };
}

/** Steps 1 and 2 of shipping, then a crash: the card is charged, the shipment never marked. */
async function chargedThenCrashed(shipmentId: string) {
  const begun = await db.transaction((tx) => beginCharge(tx, shipInput.parse({ shipmentId }), 'owner@example.com'));
  if (!begun.ok || begun.status !== 'begun') throw new Error('not begun');
  const result = await chargeShipment(begun.job, db, client);
  return { job: begun.job, result };
}

const shipmentRow = async (id: string) => (await db.select().from(shipments).where(eq(shipments.id, id)))[0]!;
const shippedEmails = (orderId: string) =>
  db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orderId, orderId), eq(outboxMessages.kind, 'shipment_shipped')));

describe('webhooks settle what the shipping step could not', () => {
  it('payment_intent.succeeded ships a shipment left charging by a crash; replays change nothing, nor does the step itself coming back', async () => {
    const { order, card, shipment, variantId } = await readyShipment();
    const { job, result } = await chargedThenCrashed(shipment.id);
    expect(result.status).toBe('succeeded');
    expect(await shipmentRow(shipment.id)).toMatchObject({ status: 'charging' });

    await deliver();
    const shipped = await shipmentRow(shipment.id);
    expect(shipped).toMatchObject({
      status: 'shipped',
      chargedCents: 2000 + 500,
      stripePaymentIntentId: (result as { paymentIntentId: string }).paymentIntentId,
    });
    const [stock] = await db.select({ onHand: variants.onHand, committed: variants.committed }).from(variants).where(eq(variants.id, variantId));
    expect(stock).toEqual({ onHand: 2, committed: 0 });

    // The same event three more times, by hand, with fresh signatures.
    const [event] = await emulatorEventsFor(db, shipped.stripePaymentIntentId!, 'payment_intent.succeeded');
    for (let i = 0; i < 3; i++) {
      const response = await POST(signedWebhookRequest(JSON.stringify(event!.body)));
      expect(await response.json()).toEqual({ received: true, duplicate: true });
    }
    // The restarted step settles the same attempt: the same answer, nothing twice.
    expect(await chargeAndSettle(job, db, { client })).toMatchObject({ ok: true, status: 'shipped', chargedCents: 2500 });
    expect(await shippedEmails(order.id)).toHaveLength(1);
    expect(await emulatorChargeCounts(db, card.customerId)).toEqual({ paymentIntents: 1, charges: 1 });
    expect(await shipmentRow(shipment.id)).toEqual(shipped);
  });

  it('a failure event after the success (out of order) changes nothing', async () => {
    const { shipment } = await readyShipment();
    await chargedThenCrashed(shipment.id);
    await deliver();
    const shipped = await shipmentRow(shipment.id);
    expect(shipped.status).toBe('shipped');
    // A forged-late "payment_failed" for the same PaymentIntent: the route re-reads it (succeeded) and keeps it.
    const [event] = await emulatorEventsFor(db, shipped.stripePaymentIntentId!, 'payment_intent.succeeded');
    const late = { ...(event!.body as Record<string, unknown>), id: `evt_late${Date.now()}`, type: 'payment_intent.payment_failed' };
    expect((await POST(signedWebhookRequest(JSON.stringify(late)))).status).toBe(200);
    expect(await shipmentRow(shipment.id)).toEqual(shipped);
  });

  it('payment_intent.payment_failed settles a charge left charging as payment failed, with the email', async () => {
    const { order, shipment } = await readyShipment('4000000000000341');
    const { result } = await chargedThenCrashed(shipment.id);
    expect(result).toMatchObject({ status: 'failed', failure: { code: 'card_declined' } });
    await deliver();
    expect(await shipmentRow(shipment.id)).toMatchObject({ status: 'payment_failed', failureCode: 'card_declined' });
    const mails = await db
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.kind, 'payment_action_needed')));
    expect(mails).toHaveLength(1);
    const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.shipmentId, shipment.id)).orderBy(asc(paymentAttempts.attempt));
    expect(attempt).toMatchObject({ status: 'failed', failureCode: 'card_declined' });
  });

  it('a payment the shopper confirms later ships its shipment for what it asked; the shipping fee is charged once', async () => {
    const email = `late-auth-${Date.now()}@example.com`;
    const confirming = await saveTestCard(db, email, '4000002760003184', client);
    const fine = await saveTestCard(db, email, '4242424242424242', client);
    await deliver();
    const now = await createTestVariant(db, { onHand: 3, priceCents: 1200 });
    const later = await createTestVariant(db, { onHand: 0, priceCents: 3000, inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: 10 });
    const order = await placeTestOrder(
      db,
      [
        { variantId: now.variantId, quantity: 1 },
        { variantId: later.variantId, quantity: 1 },
      ],
      { contact: { email } },
    );
    await db.update(orders).set({ stripeCustomerId: confirming.customerId, stripePaymentMethodId: confirming.paymentMethodId }).where(eq(orders.id, order.id));
    const [first, second] = await db.select().from(shipments).where(eq(shipments.orderId, order.id)).orderBy(asc(shipments.sequence));
    expect(await shipShipment({ shipmentId: first!.id }, 'owner@example.com', { database: db, client })).toMatchObject({
      status: 'payment_failed',
      reason: 'authentication_required',
    });
    // Staff may not change a shipment whose payment can still go through.
    const [firstLine] = await db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.position));
    expect(await cancelLine(order.number, firstLine!.id, 'owner@example.com', { database: db })).toMatchObject({ ok: false, code: 'charging' });

    // The second shipment ships first, on another card: the fee stays with the first one's payment.
    await adjustStock({ variantId: later.variantId, change: 1, kind: 'received', reason: 'Delivery', actor: 'test' }, db);
    await db.update(orders).set({ stripeCustomerId: fine.customerId, stripePaymentMethodId: fine.paymentMethodId }).where(eq(orders.id, order.id));
    expect(await shipShipment({ shipmentId: second!.id }, 'owner@example.com', { database: db, client })).toMatchObject({
      status: 'shipped',
      chargedCents: 3000,
    });

    // The shopper confirms the first payment with their bank; its webhook ships the first shipment.
    const piId = (await shipmentRow(first!.id)).stripePaymentIntentId!;
    const clientSecret = (await client.stripe.paymentIntents.retrieve(piId)).client_secret!;
    const confirmed = await emulatorFetch(db, `/v1/payment_intents/${piId}/confirm`, {
      key: emulatorPublishableKey(),
      form: { client_secret: clientSecret, payment_method: confirming.paymentMethodId },
    });
    expect(confirmed.body).toMatchObject({ status: 'requires_action' });
    expect((await browserFinishAuthentication(db, piId, clientSecret, 'complete')).body.status).toBe('succeeded');
    await deliver();
    expect(await shipmentRow(first!.id)).toMatchObject({ status: 'shipped', chargedCents: 1200 + 500 });
    const all = await db.select().from(shipments).where(eq(shipments.orderId, order.id));
    const [placed] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(all.reduce((sum, x) => sum + x.chargedCents, 0)).toBe(placed!.totalCents);
    expect(placed!.status).toBe('shipped');
  });

  it('a card the provider refuses outright (gone from the customer) fails the payment instead of charging forever', async () => {
    const { shipment, order } = await readyShipment();
    await db.update(orders).set({ stripePaymentMethodId: 'pm_doesnotexist0000' }).where(eq(orders.id, order.id));
    expect(await shipShipment({ shipmentId: shipment.id }, 'owner@example.com', { database: db, client })).toMatchObject({ status: 'payment_failed' });
    expect(await shipmentRow(shipment.id)).toMatchObject({ status: 'payment_failed', chargingSince: null });
  });

  it('charge.refunded settles a refund whose answer was lost', async () => {
    const { shipment } = await readyShipment();
    await chargedThenCrashed(shipment.id);
    await deliver();
    const lossy = emulatorClient(db, {
      wrapFetch: (inner) => async (input, init) => {
        const response = await inner(input, init);
        if (init?.method === 'POST' && String(input).includes('/v1/refunds')) throw new TypeError('socket hang up');
        return response;
      },
    });
    const outcome = await refundShipment({ shipmentId: shipment.id, whole: true }, 'owner@example.com', { database: db, client: lossy, maxTries: 1 });
    expect(outcome).toMatchObject({ ok: true, status: 'pending' });
    await deliver();
    const [refund] = await db.select().from(shipmentRefunds).where(eq(shipmentRefunds.shipmentId, shipment.id));
    expect(refund).toMatchObject({ status: 'succeeded', amountCents: 2500 });
    expect(refund!.stripeRefundId).toMatch(/^re_/);
    const refunded = await db
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orderId, shipment.orderId), eq(outboxMessages.kind, 'shipment_refunded')));
    expect(refunded).toHaveLength(1);
  });

  it("payment_method.automatically_updated shows the card's new expiry and last 4 on its orders", async () => {
    const { order, card } = await readyShipment();
    // A new card from the bank: a new expiry and a new number.
    await updateSavedCard(card.paymentMethodId, { expMonth: 3, expYear: 2041, last4: '1881' }, db, EMULATOR_ENV);
    await deliver();
    const [row] = await db
      .select({ month: orders.cardExpMonth, year: orders.cardExpYear, last4: orders.cardLast4 })
      .from(orders)
      .where(eq(orders.id, order.id));
    expect(card.last4).not.toBe('1881');
    expect(row).toEqual({ month: 3, year: 2041, last4: '1881' });
  });
});
