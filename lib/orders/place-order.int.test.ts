import { randomBytes } from 'node:crypto';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { carts, orderEvents, orderLines, orders, outboxMessages, shipmentLines, shipments, variants, waitingQueue } from '@/db/schema';
import { CACHE_INVALIDATION_CHANNEL } from '@/lib/cache/tags';
import { testConnection } from '@/test/database';
import { storeCardSetup } from '@/lib/checkout/card-setup-store';
import type { OrderReceivedPayload } from '@/lib/email/messages';
import { siteUrl } from '@/lib/site';
import { CARD_REPLACED, placeOrder, type PlaceOrderResult } from './place-order';
import { backorderTo, CONTACT, cartWith, createTestVariant, inDays, quoteFor, SHIPPING_CENTS, TODAY, verifiedPayment } from './testing/fixtures';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const options = { database: db, today: TODAY, shippingCents: SHIPPING_CENTS };

async function stockOf(variantId: string) {
  const [row] = await db
    .select({ onHand: variants.onHand, committed: variants.committed, waiting: variants.waiting })
    .from(variants)
    .where(eq(variants.id, variantId));
  return row!;
}

async function ordersForVariant(variantId: string) {
  return db
    .select({ orderId: orderLines.orderId, shipNow: orderLines.shipNowQuantity, later: orderLines.laterQuantity })
    .from(orderLines)
    .where(eq(orderLines.variantId, variantId));
}

async function queueOf(variantId: string) {
  return db.select().from(waitingQueue).where(eq(waitingQueue.variantId, variantId)).orderBy(asc(waitingQueue.position));
}

/** What a shopper does: load the checkout (quote), press "Place order", and on "changed" look again and press it again. */
async function shopperPlaces(cart: { id: string; checkoutKey: string }, attempts = 5): Promise<PlaceOrderResult> {
  let { fingerprint } = await quoteFor(db, cart.id);
  for (let i = 0; ; i++) {
    const result = await placeOrder(
      {
        cartId: cart.id,
        idempotencyKey: cart.checkoutKey,
        quoteFingerprint: fingerprint,
        contact: CONTACT,
        consent: { at: new Date(), ip: '203.0.113.9' },
        payment: verifiedPayment(),
      },
      options,
    );
    if (result.status !== 'changed' || i + 1 >= attempts) return result;
    fingerprint = result.quoteFingerprint;
  }
}

describe('placeOrder', () => {
  it('places a mixed cart as one order with its lines, planned shipments, commitments, queue entries and events', async () => {
    const mug = await createTestVariant(db, { onHand: 5, inventoryPolicy: 'deny', priceCents: 2800 });
    const throwBlanket = await createTestVariant(db, { onHand: 1, ...backorderTo(inDays(20)), priceCents: 16500 });
    const lantern = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'preorder', releaseDate: inDays(40), waitingLimit: 50, priceCents: 6400 });
    const cart = await cartWith(db, [
      { variantId: mug.variantId, quantity: 2 },
      { variantId: throwBlanket.variantId, quantity: 3 },
      { variantId: lantern.variantId, quantity: 1 },
    ]);
    const { quote, fingerprint } = await quoteFor(db, cart.id);
    const at = new Date('2026-01-01T12:00:00Z');
    await storeCardSetup(db, cart.id, { customerId: 'cus_test', setupIntentId: 'seti_abc', email: CONTACT.email });

    const result = await placeOrder(
      {
        cartId: cart.id,
        idempotencyKey: cart.checkoutKey,
        quoteFingerprint: fingerprint,
        contact: CONTACT,
        consent: { at, ip: '203.0.113.9' },
        payment: verifiedPayment({ setupIntentId: 'seti_abc' }),
      },
      options,
    );
    expect(result).toMatchObject({ status: 'placed', replayed: false });
    if (result.status !== 'placed') throw new Error('not placed');
    expect(result.order.publicToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const [order] = await db.select().from(orders).where(eq(orders.id, result.order.id));
    expect(order).toMatchObject({
      status: 'placed',
      idempotencyKey: cart.checkoutKey,
      email: 'shopper@example.com',
      city: 'Springfield',
      region: 'IL',
      country: 'US',
      currency: 'USD',
      itemsCents: 2 * 2800 + 3 * 16500 + 6400,
      shippingCents: SHIPPING_CENTS,
      totalCents: 2 * 2800 + 3 * 16500 + 6400 + SHIPPING_CENTS,
      consentIp: '203.0.113.9',
      consentAt: at,
      stripeCustomerId: 'cus_test',
      stripeSetupIntentId: 'seti_abc',
      stripePaymentMethodId: 'pm_test',
      cardBrand: 'visa',
      cardLast4: '4242',
    });
    expect(order!.consentText).toMatch(/^I agree that part of my order ships later \(Ships by .+; Releases .+\)/);
    expect(order!.totalCents).toBe(quote.totalCents);

    const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, order!.id)).orderBy(asc(orderLines.position));
    expect(lines.map((l) => [l.sku, l.quantity, l.shipNowQuantity, l.laterQuantity, l.laterKind, l.laterDate, l.unitPriceCents])).toEqual([
      [mug.sku, 2, 2, 0, null, null, 2800],
      [throwBlanket.sku, 3, 1, 2, 'backorder', inDays(20), 16500],
      [lantern.sku, 1, 0, 1, 'preorder', inDays(40), 6400],
    ]);

    const planned = await db.select().from(shipments).where(eq(shipments.orderId, order!.id)).orderBy(asc(shipments.sequence));
    expect(planned.map((s) => [s.kind, s.expectedDate, s.status, s.itemsCents, s.shippingCents, s.amountCents])).toEqual([
      ['now', null, 'ready_to_ship', 2 * 2800 + 16500, SHIPPING_CENTS, 2 * 2800 + 16500 + SHIPPING_CENTS],
      ['backorder', inDays(20), 'planned', 2 * 16500, 0, 2 * 16500],
      ['preorder', inDays(40), 'planned', 6400, 0, 6400],
    ]);
    const split = await db
      .select({ sequence: shipments.sequence, sku: orderLines.sku, quantity: shipmentLines.quantity })
      .from(shipmentLines)
      .innerJoin(shipments, eq(shipments.id, shipmentLines.shipmentId))
      .innerJoin(orderLines, eq(orderLines.id, shipmentLines.orderLineId))
      .where(eq(shipments.orderId, order!.id))
      .orderBy(asc(shipments.sequence), asc(orderLines.position));
    expect(split).toEqual([
      { sequence: 1, sku: mug.sku, quantity: 2 },
      { sequence: 1, sku: throwBlanket.sku, quantity: 1 },
      { sequence: 2, sku: throwBlanket.sku, quantity: 2 },
      { sequence: 3, sku: lantern.sku, quantity: 1 },
    ]);

    expect(await stockOf(mug.variantId)).toEqual({ onHand: 5, committed: 2, waiting: 0 });
    expect(await stockOf(throwBlanket.variantId)).toEqual({ onHand: 1, committed: 1, waiting: 2 });
    expect(await stockOf(lantern.variantId)).toEqual({ onHand: 0, committed: 0, waiting: 1 });
    expect((await queueOf(throwBlanket.variantId)).map((q) => [q.units, q.position, q.status])).toEqual([[2, 1, 'waiting']]);
    expect((await queueOf(lantern.variantId)).map((q) => [q.units, q.position])).toEqual([[1, 1]]);

    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, order!.id)).orderBy(asc(orderEvents.id));
    expect(events.map((e) => [e.type, e.fromStatus, e.toStatus, e.shipmentId === null])).toEqual([
      ['order.placed', null, 'placed', true],
      ['shipment.planned', null, 'ready_to_ship', false],
      ['shipment.planned', null, 'planned', false],
      ['shipment.planned', null, 'planned', false],
    ]);

    const [checkedOut] = await db.select({ at: carts.checkedOutAt }).from(carts).where(eq(carts.id, cart.id));
    expect(checkedOut!.at).not.toBeNull();
  });

  it('replays: the same key returns the same order and changes nothing', async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]);
    const first = await shopperPlaces(cart);
    const again = await shopperPlaces(cart);
    expect(first).toMatchObject({ status: 'placed', replayed: false });
    expect(again).toMatchObject({ status: 'placed', replayed: true });
    if (first.status !== 'placed' || again.status !== 'placed') throw new Error('not placed');
    expect(again.order).toEqual(first.order);
    expect(await stockOf(v.variantId)).toMatchObject({ committed: 1 });
    expect(await ordersForVariant(v.variantId)).toHaveLength(1);
  });

  it('refuses a key that belongs to another checkout', async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const a = await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]);
    const b = await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]);
    await shopperPlaces(a);
    const { fingerprint } = await quoteFor(db, b.id);
    await expect(
      placeOrder(
        { cartId: b.id, idempotencyKey: a.checkoutKey, quoteFingerprint: fingerprint, contact: CONTACT, consent: null, payment: verifiedPayment() },
        options,
      ),
    ).rejects.toMatchObject({ code: 'key_reused' });
  });

  it('creates nothing when the price changed since the quote, says what changed, and places on the next try', async () => {
    const v = await createTestVariant(db, { onHand: 5, priceCents: 2000 });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 2 }]);
    const { fingerprint } = await quoteFor(db, cart.id);
    await db.update(variants).set({ priceCents: 2500 }).where(eq(variants.id, v.variantId));

    const input = {
      cartId: cart.id,
      idempotencyKey: cart.checkoutKey,
      quoteFingerprint: fingerprint,
      contact: CONTACT,
      consent: null,
      payment: verifiedPayment(),
    };
    const result = await placeOrder(input, options);
    expect(result).toMatchObject({ status: 'changed' });
    if (result.status !== 'changed') throw new Error('expected changed');
    expect(result.messages).toEqual([expect.stringContaining('the price changed from $20.00 to $25.00')]);
    expect(result.quote.totalCents).toBe(2 * 2500 + SHIPPING_CENTS);
    expect(await ordersForVariant(v.variantId)).toHaveLength(0);
    expect(await stockOf(v.variantId)).toMatchObject({ committed: 0 });

    const retry = await placeOrder({ ...input, quoteFingerprint: result.quoteFingerprint }, options);
    expect(retry).toMatchObject({ status: 'placed' });
  });

  it('creates nothing when a line that shipped now became a backorder, and says so', async () => {
    const v = await createTestVariant(db, { onHand: 2, ...backorderTo(inDays(10)) });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 2 }]);
    const { fingerprint } = await quoteFor(db, cart.id);
    await db.update(variants).set({ onHand: 1 }).where(eq(variants.id, v.variantId));
    const result = await placeOrder(
      {
        cartId: cart.id,
        idempotencyKey: cart.checkoutKey,
        quoteFingerprint: fingerprint,
        contact: CONTACT,
        consent: { at: new Date(), ip: null },
        payment: verifiedPayment(),
      },
      options,
    );
    expect(result.status).toBe('changed');
    if (result.status !== 'changed') throw new Error('expected changed');
    expect(result.changes[0]!.kinds).toEqual(['availability']);
    expect(result.messages[0]).toMatch(/was “2 ship now”, now “1 ships now, 1 ships by /);
    expect(await ordersForVariant(v.variantId)).toHaveLength(0);
  });

  it('creates nothing when the card step was replaced (another window) after the card was verified', async () => {
    const v = await createTestVariant(db, { onHand: 3 });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]);
    const { fingerprint } = await quoteFor(db, cart.id);
    const verified = verifiedPayment();
    // submitCheckout verified `verified`; then "Continue to payment" stored a new SetupIntent (or Customer).
    for (const replaced of [
      { customerId: 'cus_test', setupIntentId: 'seti_newer' },
      { customerId: 'cus_other', setupIntentId: verified.setupIntentId },
    ]) {
      await storeCardSetup(db, cart.id, { ...replaced, email: CONTACT.email });
      const result = await placeOrder(
        { cartId: cart.id, idempotencyKey: cart.checkoutKey, quoteFingerprint: fingerprint, contact: CONTACT, consent: null, payment: verified },
        options,
      );
      expect(result).toMatchObject({ status: 'changed', changes: [], messages: [CARD_REPLACED] });
      expect(await ordersForVariant(v.variantId)).toHaveLength(0);
      expect((await db.select({ checkedOutAt: carts.checkedOutAt }).from(carts).where(eq(carts.id, cart.id)))[0]!.checkedOutAt).toBeNull();
      expect(await stockOf(v.variantId)).toMatchObject({ committed: 0 });
    }
    // The card stored now pays.
    await storeCardSetup(db, cart.id, { customerId: 'cus_test', setupIntentId: verified.setupIntentId, email: CONTACT.email });
    const placed = await placeOrder(
      { cartId: cart.id, idempotencyKey: cart.checkoutKey, quoteFingerprint: fingerprint, contact: CONTACT, consent: null, payment: verified },
      options,
    );
    expect(placed).toMatchObject({ status: 'placed' });
  });

  it('creates nothing when the item sold out after the quote, with a clear sold-out answer', async () => {
    const v = await createTestVariant(db, { onHand: 1, title: 'Last Lamp' });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]);
    const { fingerprint } = await quoteFor(db, cart.id);
    await db.update(variants).set({ onHand: 0 }).where(eq(variants.id, v.variantId));
    const result = await placeOrder(
      { cartId: cart.id, idempotencyKey: cart.checkoutKey, quoteFingerprint: fingerprint, contact: CONTACT, consent: null, payment: verifiedPayment() },
      options,
    );
    expect(result).toMatchObject({ status: 'sold_out', messages: ['Last Lamp is sold out. Remove it from your cart to continue.'] });
    expect(await ordersForVariant(v.variantId)).toHaveLength(0);
  });

  it('requires consent when units ship later', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(10)) });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]);
    const { fingerprint } = await quoteFor(db, cart.id);
    const result = await placeOrder(
      { cartId: cart.id, idempotencyKey: cart.checkoutKey, quoteFingerprint: fingerprint, contact: CONTACT, consent: null, payment: verifiedPayment() },
      options,
    );
    expect(result.status).toBe('consent_required');
    expect(await ordersForVariant(v.variantId)).toHaveLength(0);
    expect(await stockOf(v.variantId)).toMatchObject({ waiting: 0 });
  });

  it('tells every app server on commit that the products changed', async () => {
    const v = await createTestVariant(db, { onHand: 3 });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]);
    const listener = postgres(inject('databaseUrl'), { max: 1 });
    const received: string[] = [];
    await listener.listen(CACHE_INVALIDATION_CHANNEL, (payload) => received.push(payload));
    try {
      await shopperPlaces(cart);
      await expect.poll(() => received.length).toBeGreaterThan(0);
      expect(received.map((p) => JSON.parse(p).tags)).toContainEqual(['catalog', `product:${v.slug}`]);
    } finally {
      await listener.end();
    }
  });

  it('queues later units first in, first out with positions per variant', async () => {
    const v = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(10)) });
    for (const quantity of [2, 1, 3]) {
      const cart = await cartWith(db, [{ variantId: v.variantId, quantity }]);
      expect((await shopperPlaces(cart)).status).toBe('placed');
    }
    expect((await queueOf(v.variantId)).map((q) => [q.position, q.units])).toEqual([
      [1, 2],
      [2, 1],
      [3, 3],
    ]);
    expect(await stockOf(v.variantId)).toMatchObject({ waiting: 6, committed: 0 });
  });
});

describe('placeOrder writes the "Order received" email in its transaction', () => {
  // CONTACT's address is shared by every order in this file: refusals are told apart by an address of their own.
  const run = randomBytes(4).toString('hex');

  async function outboxFor(where: { orderId: string } | { to: string }) {
    return db
      .select()
      .from(outboxMessages)
      .where('orderId' in where ? eq(outboxMessages.orderId, where.orderId) : eq(outboxMessages.toAddress, where.to));
  }

  function inputFor(cart: { id: string; checkoutKey: string }, fingerprint: string, email: string) {
    return {
      cartId: cart.id,
      idempotencyKey: cart.checkoutKey,
      quoteFingerprint: fingerprint,
      contact: { ...CONTACT, email },
      consent: { at: new Date(), ip: '203.0.113.9' },
      payment: verifiedPayment({ card: { paymentMethodId: 'pm_mc', brand: 'mastercard', last4: '4444', expMonth: 3, expYear: 2031 } }),
    };
  }

  it('one email to the shopper with the order number, its long link, each shipment as planned and the card', async () => {
    const mug = await createTestVariant(db, { onHand: 5, inventoryPolicy: 'deny', priceCents: 2800, title: `Stoneware mug ${run}` });
    const blanket = await createTestVariant(db, { onHand: 1, ...backorderTo(inDays(20)), priceCents: 16500 });
    const lantern = await createTestVariant(db, { onHand: 0, inventoryPolicy: 'preorder', releaseDate: inDays(40), waitingLimit: 50, priceCents: 6400 });
    const cart = await cartWith(db, [
      { variantId: mug.variantId, quantity: 2 },
      { variantId: blanket.variantId, quantity: 3 },
      { variantId: lantern.variantId, quantity: 1 },
    ]);
    const { fingerprint } = await quoteFor(db, cart.id);
    const email = `Mixed.${run}@Example.test`;
    const result = await placeOrder(inputFor(cart, fingerprint, email), options);
    if (result.status !== 'placed') throw new Error(`not placed: ${result.status}`);

    const rows = await outboxFor({ orderId: result.order.id });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ kind: 'order_received', toAddress: email.toLowerCase(), status: 'pending', attempts: 0, backInStockSignupId: null });
    expect(row.subject).toBe(`Order received: Inbound order ${result.order.number}`);

    const payload = row.payload as unknown as OrderReceivedPayload;
    expect(payload.orderNumber).toBe(result.order.number);
    expect(payload.orderUrl).toBe(`${siteUrl()}/orders/${result.order.publicToken}`);
    expect(payload.orderUrl.endsWith(`/orders/${result.order.publicToken}`)).toBe(true);
    expect(payload.card).toEqual({ brand: 'mastercard', last4: '4444' });
    expect(payload.fullName).toBe(CONTACT.fullName);
    expect(payload.placedOn).toBe(TODAY);

    const [order] = await db.select().from(orders).where(eq(orders.id, result.order.id));
    expect({ items: payload.itemsCents, shipping: payload.shippingCents, total: payload.totalCents, currency: payload.currency }).toEqual({
      items: order!.itemsCents,
      shipping: order!.shippingCents,
      total: order!.totalCents,
      currency: order!.currency,
    });

    const planned = await db.select().from(shipments).where(eq(shipments.orderId, result.order.id)).orderBy(asc(shipments.sequence));
    expect(planned).toHaveLength(3);
    expect(payload.shipments.map((s) => [s.sequence, s.kind, s.date, s.itemsCents, s.shippingCents, s.amountCents])).toEqual(
      planned.map((s) => [s.sequence, s.kind, s.expectedDate, s.itemsCents, s.shippingCents, s.amountCents]),
    );
    expect(payload.shipments.map((s) => [s.kind, s.date, s.amountCents])).toEqual([
      ['now', null, 2 * 2800 + 16500 + SHIPPING_CENTS],
      ['backorder', inDays(20), 2 * 16500],
      ['preorder', inDays(40), 6400],
    ]);

    // Each shipment's lines: what the shipment_lines say, with the shopper-facing title and what those units cost.
    const split = await db
      .select({ sequence: shipments.sequence, quantity: shipmentLines.quantity, unitPriceCents: orderLines.unitPriceCents })
      .from(shipmentLines)
      .innerJoin(shipments, eq(shipments.id, shipmentLines.shipmentId))
      .innerJoin(orderLines, eq(orderLines.id, shipmentLines.orderLineId))
      .where(eq(shipments.orderId, result.order.id))
      .orderBy(asc(shipments.sequence), asc(orderLines.position));
    expect(payload.shipments.flatMap((s) => s.lines.map((l) => [s.sequence, l.quantity, l.amountCents]))).toEqual(
      split.map((l) => [l.sequence, l.quantity, l.quantity * l.unitPriceCents]),
    );
    expect(payload.shipments[0]!.lines[0]!.title).toContain(`Stoneware mug ${run}`);
  });

  it('a replay of the same key, one after another or twenty at once, writes no second email', async () => {
    const v = await createTestVariant(db, { onHand: 50 });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]);
    const { fingerprint } = await quoteFor(db, cart.id);
    const input = inputFor(cart, fingerprint, `replay.${run}@example.test`);
    const first = await placeOrder(input, options);
    const again = await placeOrder(input, options);
    const burst = await Promise.all(Array.from({ length: 20 }, () => placeOrder(input, options)));
    if (first.status !== 'placed') throw new Error(`not placed: ${first.status}`);
    expect(again).toMatchObject({ status: 'placed', replayed: true });
    expect(burst.every((r) => r.status === 'placed' && r.replayed && r.order.id === first.order.id)).toBe(true);
    expect(await outboxFor({ orderId: first.order.id })).toHaveLength(1);
    expect(await outboxFor({ to: `replay.${run}@example.test` })).toHaveLength(1);
  });

  it('twenty first submissions of one key at once: one order, one email', async () => {
    const v = await createTestVariant(db, { onHand: 50 });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 1 }]);
    const { fingerprint } = await quoteFor(db, cart.id);
    const to = `burst.${run}@example.test`;
    const results = await Promise.all(Array.from({ length: 20 }, () => placeOrder(inputFor(cart, fingerprint, to), options)));
    expect(results.filter((r) => r.status === 'placed' && !r.replayed)).toHaveLength(1);
    expect(await outboxFor({ to })).toHaveLength(1);
  });

  it('a refused placement (sold out, changed, consent required) writes no email', async () => {
    const soldOut = await createTestVariant(db, { onHand: 1 });
    const soldOutCart = await cartWith(db, [{ variantId: soldOut.variantId, quantity: 1 }]);
    const soldOutQuote = await quoteFor(db, soldOutCart.id);
    await db.update(variants).set({ onHand: 0 }).where(eq(variants.id, soldOut.variantId));
    const soldOutTo = `sold-out.${run}@example.test`;
    expect((await placeOrder(inputFor(soldOutCart, soldOutQuote.fingerprint, soldOutTo), options)).status).toBe('sold_out');

    const repriced = await createTestVariant(db, { onHand: 5, priceCents: 2000 });
    const repricedCart = await cartWith(db, [{ variantId: repriced.variantId, quantity: 1 }]);
    const repricedQuote = await quoteFor(db, repricedCart.id);
    await db.update(variants).set({ priceCents: 2500 }).where(eq(variants.id, repriced.variantId));
    const changedTo = `changed.${run}@example.test`;
    expect((await placeOrder(inputFor(repricedCart, repricedQuote.fingerprint, changedTo), options)).status).toBe('changed');

    const later = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(10)) });
    const laterCart = await cartWith(db, [{ variantId: later.variantId, quantity: 1 }]);
    const laterQuote = await quoteFor(db, laterCart.id);
    const consentTo = `consent.${run}@example.test`;
    expect((await placeOrder({ ...inputFor(laterCart, laterQuote.fingerprint, consentTo), consent: null }, options)).status).toBe('consent_required');

    for (const to of [soldOutTo, changedTo, consentTo]) expect(await outboxFor({ to }), to).toEqual([]);
    expect(await ordersForVariant(soldOut.variantId)).toHaveLength(0);

    // The same shopper placing once the quote is current again gets exactly one email.
    const retry = await placeOrder(inputFor(repricedCart, (await quoteFor(db, repricedCart.id)).fingerprint, changedTo), options);
    expect(retry.status).toBe('placed');
    expect(await outboxFor({ to: changedTo })).toHaveLength(1);
  });
});

describe('placeOrder under concurrency (real concurrent transactions)', () => {
  it('50 shoppers, 10 on hand, policy deny: exactly 10 orders, the rest sold out, stock never oversold', async () => {
    const v = await createTestVariant(db, { onHand: 10, inventoryPolicy: 'deny', title: 'Popular Mug' });
    const shopperCarts = await Promise.all(Array.from({ length: 50 }, () => cartWith(db, [{ variantId: v.variantId, quantity: 1 }])));
    const quotes = await Promise.all(shopperCarts.map((c) => quoteFor(db, c.id)));

    const results = await Promise.all(
      shopperCarts.map((cart, i) =>
        placeOrder(
          {
            cartId: cart.id,
            idempotencyKey: cart.checkoutKey,
            quoteFingerprint: quotes[i]!.fingerprint,
            contact: CONTACT,
            consent: null,
            payment: verifiedPayment(),
          },
          options,
        ),
      ),
    );

    expect(results.filter((r) => r.status === 'placed')).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 'placed');
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(r).toMatchObject({ status: 'sold_out', messages: ['Popular Mug is sold out. Remove it from your cart to continue.'] });
    const stock = await stockOf(v.variantId);
    expect(stock).toEqual({ onHand: 10, committed: 10, waiting: 0 });
    expect(stock.onHand - stock.committed).toBeGreaterThanOrEqual(0);
    expect(await ordersForVariant(v.variantId)).toHaveLength(10);
  });

  it('backorder with a cap of 5: 10 ship now, 5 wait with gapless unique queue positions, the rest are refused', async () => {
    const v = await createTestVariant(db, { onHand: 10, ...backorderTo(inDays(14)), waitingLimit: 5, title: 'Capped Kettle' });
    const shopperCarts = await Promise.all(Array.from({ length: 50 }, () => cartWith(db, [{ variantId: v.variantId, quantity: 1 }])));

    // Each shopper keeps trying while the page says "changed" (from ships-now to backordered), as the checkout asks them to.
    const results = await Promise.all(shopperCarts.map((cart) => shopperPlaces(cart, 10)));

    const placed = results.filter((r) => r.status === 'placed');
    expect(placed).toHaveLength(15);
    const refused = results.filter((r) => r.status !== 'placed');
    for (const r of refused) expect(r).toMatchObject({ status: 'sold_out', messages: ['Capped Kettle is sold out. Remove it from your cart to continue.'] });
    expect(refused).toHaveLength(35);

    const lines = await ordersForVariant(v.variantId);
    expect(lines.filter((l) => l.shipNow === 1)).toHaveLength(10);
    expect(lines.filter((l) => l.later === 1)).toHaveLength(5);
    expect(await stockOf(v.variantId)).toEqual({ onHand: 10, committed: 10, waiting: 5 });
    const queue = await queueOf(v.variantId);
    expect(queue.map((q) => q.position)).toEqual([1, 2, 3, 4, 5]);
    // FIFO: positions follow placement (commit) order.
    const placedAt = await db
      .select({ position: waitingQueue.position, placedAt: orders.placedAt, id: orders.id })
      .from(waitingQueue)
      .innerJoin(orderLines, eq(orderLines.id, waitingQueue.orderLineId))
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(eq(waitingQueue.variantId, v.variantId))
      .orderBy(asc(waitingQueue.position));
    const times = placedAt.map((r) => r.placedAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('one idempotency key submitted 20 times at once: one order, every call answers with it', async () => {
    const v = await createTestVariant(db, { onHand: 50 });
    const cart = await cartWith(db, [{ variantId: v.variantId, quantity: 2 }]);
    const { fingerprint } = await quoteFor(db, cart.id);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        placeOrder(
          { cartId: cart.id, idempotencyKey: cart.checkoutKey, quoteFingerprint: fingerprint, contact: CONTACT, consent: null, payment: verifiedPayment() },
          options,
        ),
      ),
    );
    expect(results.every((r) => r.status === 'placed')).toBe(true);
    const ids = new Set(results.map((r) => (r.status === 'placed' ? r.order.id : null)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 'placed' && !r.replayed)).toHaveLength(1);
    const rows = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(orders)
      .where(eq(orders.idempotencyKey, cart.checkoutKey));
    expect(rows[0]!.n).toBe(1);
    expect(await stockOf(v.variantId)).toMatchObject({ committed: 2 });
  });

  it('orders sharing variants in opposite cart orders do not deadlock', async () => {
    const a = await createTestVariant(db, { onHand: 100 });
    const b = await createTestVariant(db, { onHand: 100 });
    const shopperCarts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        cartWith(
          db,
          i % 2
            ? [
                { variantId: a.variantId, quantity: 1 },
                { variantId: b.variantId, quantity: 1 },
              ]
            : [
                { variantId: b.variantId, quantity: 1 },
                { variantId: a.variantId, quantity: 1 },
              ],
        ),
      ),
    );
    const results = await Promise.all(shopperCarts.map((c) => shopperPlaces(c)));
    expect(results.every((r) => r.status === 'placed')).toBe(true);
    const stock = await db
      .select({ committed: variants.committed })
      .from(variants)
      .where(inArray(variants.id, [a.variantId, b.variantId]));
    expect(stock.map((s) => s.committed)).toEqual([20, 20]);
  });
});
