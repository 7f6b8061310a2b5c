import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvents, orderLines, orders, outboxMessages, shipmentLines, waitingQueue, type OrderStatus, type ShipmentStatus, shipments } from '@/db/schema';
import { OrderDetailView } from '@/components/admin/orders/order-detail';
import { formatCalendarDate } from '@/lib/catalog/dates';
import { testConnection } from '@/test/database';
import { listOrders, ORDER_FILTERS, ORDERS_PAGE_SIZE, orderCard, orderForAdmin, parseOrderFilters, type OrderFilter } from './admin-orders';
import { cancelLine, cancelOrder } from './cancel-lines';
import { placeOrder } from './place-order';
import { backorderTo, CONTACT, cartWith, createTestVariant, inDays, quoteFor, SHIPPING_CENTS, TODAY, verifiedPayment } from './testing/fixtures';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

// Other suites write orders to the same database: every list here is narrowed to this run's addresses.
const run = randomBytes(4).toString('hex');

interface BareOrder {
  email: string;
  status?: OrderStatus;
  placedAt?: Date;
  totalCents?: number;
  /** The statuses of its shipments, in sequence order. */
  shipments?: ShipmentStatus[];
}

/** Orders written directly (no lines): what the list reads is the order row and its shipments' statuses. */
async function insertOrders(rows: BareOrder[]): Promise<number[]> {
  const inserted = await db
    .insert(orders)
    .values(
      rows.map((r) => {
        const totalCents = r.totalCents ?? 1500;
        return {
          publicToken: randomBytes(32).toString('base64url'),
          idempotencyKey: `admin-orders-${randomBytes(8).toString('hex')}`,
          status: r.status ?? 'placed',
          email: r.email,
          fullName: 'Bare Order',
          addressLine: '1 Test Street',
          city: 'Springfield',
          region: 'IL',
          postalCode: '12345',
          country: 'US',
          currency: 'USD',
          itemsCents: totalCents - 500,
          shippingCents: 500,
          totalCents,
          stripeCustomerId: 'cus_test',
          stripeSetupIntentId: 'seti_test',
          stripePaymentMethodId: 'pm_test',
          cardBrand: 'visa',
          cardLast4: '4242',
          cardExpMonth: 12,
          cardExpYear: 2030,
          ...(r.placedAt ? { placedAt: r.placedAt } : {}),
        };
      }),
    )
    .returning({ id: orders.id, number: orders.number });
  const planned = rows.flatMap((r, i) =>
    (r.shipments ?? []).map((status, s) => ({
      orderId: inserted[i]!.id,
      sequence: s + 1,
      kind: s === 0 ? ('now' as const) : ('backorder' as const),
      expectedDate: s === 0 ? null : inDays(20),
      status,
      // The schema ties these times to their statuses.
      shippedAt: status === 'shipped' ? new Date() : null,
      chargingSince: status === 'charging' ? new Date() : null,
      currency: 'USD',
      itemsCents: 1000,
      shippingCents: 0,
      amountCents: 1000,
    })),
  );
  if (planned.length) await db.insert(shipments).values(planned);
  return inserted.map((o) => o.number);
}

const numbers = async (filters: { q?: string; status?: OrderFilter; page?: number }) =>
  (await listOrders({ page: 1, ...filters }, db)).rows.map((r) => r.number);

describe('listOrders', () => {
  const bulk = `bulk-${run}`;
  let bulkNumbers: number[];

  beforeAll(async () => {
    // One instant for all of them: the number breaks the tie, newest (highest) first.
    const at = new Date();
    bulkNumbers = await insertOrders(Array.from({ length: ORDERS_PAGE_SIZE + 2 }, (_, i) => ({ email: `shopper${i}.${bulk}@example.test`, placedAt: at })));
  });

  it('lists newest first, a page at a time, with the total and which way there is more', async () => {
    const first = await listOrders({ page: 1, q: bulk }, db);
    expect(first).toMatchObject({ page: 1, pageSize: ORDERS_PAGE_SIZE, total: ORDERS_PAGE_SIZE + 2, hasPrevious: false, hasNext: true });
    expect(first.rows.map((r) => r.number)).toEqual([...bulkNumbers].reverse().slice(0, ORDERS_PAGE_SIZE));

    const second = await listOrders({ page: 2, q: bulk }, db);
    expect(second).toMatchObject({ page: 2, total: ORDERS_PAGE_SIZE + 2, hasPrevious: true, hasNext: false });
    expect(second.rows.map((r) => r.number)).toEqual([bulkNumbers[1], bulkNumbers[0]]);

    const beyond = await listOrders({ page: 9, q: bulk }, db);
    expect(beyond).toMatchObject({ rows: [], total: ORDERS_PAGE_SIZE + 2, hasPrevious: true, hasNext: false });
  });

  it('orders by when the order was placed, not by its number', async () => {
    const tag = `placed-${run}`;
    const [older, newer] = await insertOrders([
      { email: `a.${tag}@example.test`, placedAt: new Date('2030-01-01T11:00:00Z') },
      { email: `b.${tag}@example.test`, placedAt: new Date('2030-01-01T12:00:00Z') },
    ]);
    // Numbered last, placed earliest (an import, a clock): it lists last.
    const [backdated] = await insertOrders([{ email: `c.${tag}@example.test`, placedAt: new Date('2029-12-31T00:00:00Z') }]);
    expect(await numbers({ q: tag })).toEqual([newer, older, backdated]);
  });

  it('returns only what the table shows, with a count of shipments per status', async () => {
    const tag = `row-${run}`;
    const [number] = await insertOrders([{ email: `Row.${tag}@Example.test`, totalCents: 4321, shipments: ['ready_to_ship', 'planned', 'planned'] }]);
    const { rows } = await listOrders({ page: 1, q: tag }, db);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(['currency', 'email', 'fullName', 'number', 'placedAt', 'shipments', 'status', 'totalCents']);
    expect(rows[0]).toMatchObject({
      number,
      email: `Row.${tag}@Example.test`,
      fullName: 'Bare Order',
      totalCents: 4321,
      currency: 'USD',
      status: 'placed',
      shipments: { ready_to_ship: 1, planned: 2 },
    });
    expect(rows[0]!.placedAt).toBeInstanceOf(Date);

    const [bare] = await insertOrders([{ email: `bare.${tag}@example.test` }]);
    expect((await listOrders({ page: 1, q: `bare.${tag}` }, db)).rows).toMatchObject([{ number: bare, shipments: {} }]);
  });

  it('finds an order by its number, with or without "#", and only that order', async () => {
    const tag = `number-${run}`;
    const [a, b] = await insertOrders([{ email: `a.${tag}@example.test` }, { email: `b.${tag}@example.test` }]);
    expect(await numbers({ q: String(a) })).toEqual([a]);
    expect(await numbers({ q: `#${b}` })).toEqual([b]);
    // Through the query string, as the form sends it.
    expect(await numbers(parseOrderFilters({ q: `  #${a} ` }))).toEqual([a]);
    // A number is never read as part of an address.
    await insertOrders([{ email: `${b}-lookalike.${tag}@example.test` }]);
    expect(await numbers({ q: String(b) })).toEqual([b]);
    // Numbers no order has, or could have, find nothing (and never reach the database as an overflow).
    expect(await numbers({ q: '2147483647' })).toEqual([]);
    expect(await numbers({ q: '99999999999999999999' })).toEqual([]);
    expect(await numbers({ q: '#0' })).toEqual([]);
  });

  it('finds an email by any part, in any case, and takes % and _ literally', async () => {
    const tag = `Search${run}`;
    const [mixed] = await insertOrders([{ email: `Alice.${tag}@Example.TEST` }]);
    for (const q of [`alice.${tag.toLowerCase()}@example.test`, `ALICE.${tag.toUpperCase()}`, tag.slice(2).toLowerCase(), `${tag}@example`]) {
      expect(await numbers({ q }), q).toEqual([mixed]);
    }
    expect((await listOrders({ page: 1, q: `alice.${tag.slice(0, -1)}_` }, db)).total).toBe(0);
    expect((await listOrders({ page: 1, q: `alice.%${tag}` }, db)).total).toBe(0);
    expect(await numbers({ q: `nobody-${run}` })).toEqual([]);
  });

  it('filters by status: waiting, ready to ship, payment failed, shipped and cancelled', async () => {
    const tag = `filter-${run}`;
    const [split, failed, partly, shipped, cancelled, cancelledWithPlanned, placedReady] = await insertOrders([
      { email: `1.${tag}@example.test`, shipments: ['ready_to_ship', 'planned'] },
      { email: `2.${tag}@example.test`, shipments: ['payment_failed'] },
      { email: `3.${tag}@example.test`, status: 'partially_shipped', shipments: ['shipped', 'planned'] },
      { email: `4.${tag}@example.test`, status: 'shipped', shipments: ['shipped'] },
      { email: `5.${tag}@example.test`, status: 'cancelled', shipments: ['cancelled'] },
      // A cancelled order is never "waiting", whatever its shipments still say.
      { email: `6.${tag}@example.test`, status: 'cancelled', shipments: ['planned'] },
      { email: `7.${tag}@example.test`, shipments: ['ready_to_ship'] },
    ]);
    const newestFirst = (...n: (number | undefined)[]) => n.reverse();
    const expected: Record<OrderFilter, number[]> = {
      waiting: newestFirst(split, partly),
      ready_to_ship: newestFirst(split, placedReady),
      payment_failed: [failed!],
      shipped: newestFirst(partly, shipped),
      cancelled: newestFirst(cancelled, cancelledWithPlanned),
    } as Record<OrderFilter, number[]>;
    for (const status of ORDER_FILTERS) expect(await numbers({ q: tag, status }), status).toEqual(expected[status]);
    expect(await numbers({ q: tag })).toEqual(newestFirst(split, failed, partly, shipped, cancelled, cancelledWithPlanned, placedReady));
    // Combined with a number: the order, if it matches the filter.
    expect(await numbers({ q: `#${split}`, status: 'waiting' })).toEqual([split]);
    expect(await numbers({ q: `#${split}`, status: 'shipped' })).toEqual([]);
    expect((await listOrders({ page: 1, q: tag, status: 'ready_to_ship' }, db)).total).toBe(2);
  });
});

describe('parseOrderFilters', () => {
  it('reads the page, the search and the status', () => {
    expect(parseOrderFilters({ page: '3', q: ' #1042 ', status: 'ready_to_ship' })).toEqual({ page: 3, q: '#1042', status: 'ready_to_ship' });
    expect(parseOrderFilters({})).toEqual({ page: 1, q: undefined, status: undefined });
    for (const status of ORDER_FILTERS) expect(parseOrderFilters({ status }).status).toBe(status);
  });

  it('turns junk into the defaults instead of an error', () => {
    for (const page of ['abc', '0', '-1', '1.5', '', '1e9', '100001', 'Infinity']) expect(parseOrderFilters({ page }).page, page).toBe(1);
    expect(parseOrderFilters({ status: 'bogus' }).status).toBeUndefined();
    expect(parseOrderFilters({ status: 'READY_TO_SHIP' }).status).toBeUndefined();
    expect(parseOrderFilters({ status: 'placed' }).status).toBeUndefined();
    expect(parseOrderFilters({ q: '   ' }).q).toBeUndefined();
    // A repeated parameter: the first one counts.
    expect(parseOrderFilters({ page: ['2', '5'], q: ['a@example.test', 'b'], status: ['shipped', 'cancelled'] })).toEqual({
      page: 2,
      q: 'a@example.test',
      status: 'shipped',
    });
    expect(parseOrderFilters({ q: 'x'.repeat(5000) }).q).toHaveLength(254);
  });

  it('gives listOrders something it can always run', async () => {
    const list = await listOrders(parseOrderFilters({ page: 'junk', q: ["%_\\'", 'x'], status: 'nope' }), db);
    expect(list).toMatchObject({ page: 1, total: 0, rows: [] });
  });
});

describe('orderForAdmin', () => {
  const shopperEmail = `detail-${run}@example.test`;

  async function place(lines: { variantId: string; quantity: number }[], email: string, consent = true) {
    const cart = await cartWith(db, lines);
    const { fingerprint } = await quoteFor(db, cart.id);
    const result = await placeOrder(
      {
        cartId: cart.id,
        idempotencyKey: cart.checkoutKey,
        quoteFingerprint: fingerprint,
        contact: { ...CONTACT, email },
        consent: consent ? { at: new Date('2026-01-02T03:04:05Z'), ip: '203.0.113.9' } : null,
        payment: verifiedPayment(),
      },
      { database: db, today: TODAY, shippingCents: SHIPPING_CENTS },
    );
    if (result.status !== 'placed') throw new Error(`not placed: ${result.status}`);
    return result.order;
  }

  it('shows the order, its shipments, its lines with their queue positions, consent, card, timeline and emails', async () => {
    const mug = await createTestVariant(db, { onHand: 10, inventoryPolicy: 'deny', priceCents: 2800, title: `Admin Mug ${run}` });
    const skillet = await createTestVariant(db, { onHand: 1, ...backorderTo(inDays(20)), priceCents: 7800, title: `Admin Skillet ${run}` });
    // The one skillet in stock goes to the first order; the next three wait, in the order they were placed.
    await place([{ variantId: skillet.variantId, quantity: 1 }], `first-${run}@example.test`, false);
    await place([{ variantId: skillet.variantId, quantity: 1 }], `second-${run}@example.test`);
    const ours = await place(
      [
        { variantId: mug.variantId, quantity: 2 },
        { variantId: skillet.variantId, quantity: 2 },
      ],
      shopperEmail,
    );
    await place([{ variantId: skillet.variantId, quantity: 3 }], `fourth-${run}@example.test`);

    const order = await orderForAdmin(String(ours.number), db);
    expect(order).not.toBeNull();
    expect(order).toMatchObject({
      number: ours.number,
      status: 'placed',
      email: shopperEmail,
      address: { fullName: CONTACT.fullName, addressLine: CONTACT.addressLine, city: CONTACT.city, region: 'IL', postalCode: '12345', country: 'US' },
      currency: 'USD',
      itemsCents: 2 * 2800 + 2 * 7800,
      shippingCents: SHIPPING_CENTS,
      totalCents: 2 * 2800 + 2 * 7800 + SHIPPING_CENTS,
      // Nothing cancelled yet, and everything still can be.
      totalAfterCancellationsCents: null,
      cancellable: true,
      card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
      consent: { at: new Date('2026-01-02T03:04:05Z'), ip: '203.0.113.9' },
    });
    expect(order!.placedAt).toBeInstanceOf(Date);
    expect(order!.consent!.text).toMatch(/^I agree that part of my order ships later/);
    // No Stripe ids for the admin's page.
    expect(JSON.stringify(order)).not.toMatch(/cus_test|seti_test|pm_test|publicToken/);

    expect(order!.lines).toEqual([
      {
        id: expect.any(String),
        title: mug.title,
        sku: mug.sku,
        quantity: 2,
        shipNow: 2,
        later: 0,
        laterKind: null,
        laterDate: null,
        unitPriceCents: 2800,
        lineTotalCents: 5600,
        cancelledQuantity: 0,
        cancellableQuantity: 2,
        cancellable: true,
        queue: null,
      },
      {
        id: expect.any(String),
        title: skillet.title,
        sku: skillet.sku,
        quantity: 2,
        shipNow: 0,
        later: 2,
        laterKind: 'backorder',
        laterDate: inDays(20),
        unitPriceCents: 7800,
        lineTotalCents: 15600,
        cancelledQuantity: 0,
        cancellableQuantity: 2,
        cancellable: true,
        // Second of the three orders waiting for skillets.
        queue: { status: 'waiting', units: 2, allocatedUnits: 0, position: 2, waitingCount: 3, expectedDate: inDays(20), delays: 0, agreement: null },
      },
    ]);

    expect(order!.shipments).toEqual([
      {
        id: expect.any(String),
        sequence: 1,
        kind: 'now',
        expectedDate: null,
        status: 'ready_to_ship',
        itemsCents: 5600,
        shippingCents: SHIPPING_CENTS,
        amountCents: 5600 + SHIPPING_CENTS,
        chargedCents: 0,
        refundedCents: 0,
        chargingSince: null,
        shippedAt: null,
        shippedBy: null,
        carrier: null,
        trackingNumber: null,
        trackingUrl: null,
        failureCode: null,
        failureMessage: null,
        lines: [{ lineId: order!.lines[0]!.id, title: mug.title, sku: mug.sku, quantity: 2, amountCents: 5600, cancelled: false, refundedQuantity: 0 }],
      },
      {
        id: expect.any(String),
        sequence: 2,
        kind: 'backorder',
        expectedDate: inDays(20),
        status: 'planned',
        itemsCents: 15600,
        shippingCents: 0,
        amountCents: 15600,
        chargedCents: 0,
        refundedCents: 0,
        chargingSince: null,
        shippedAt: null,
        shippedBy: null,
        carrier: null,
        trackingNumber: null,
        trackingUrl: null,
        failureCode: null,
        failureMessage: null,
        lines: [
          { lineId: order!.lines[1]!.id, title: skillet.title, sku: skillet.sku, quantity: 2, amountCents: 15600, cancelled: false, refundedQuantity: 0 },
        ],
      },
    ]);

    expect(order!.events.map((e) => [e.type, e.fromStatus, e.toStatus, e.shipmentSequence])).toEqual([
      ['order.placed', null, 'placed', null],
      ['shipment.planned', null, 'ready_to_ship', 1],
      ['shipment.planned', null, 'planned', 2],
    ]);
    expect(order!.events[0]!.data).toMatchObject({ number: ours.number });
    expect(order!.events[0]!.createdAt).toBeInstanceOf(Date);

    expect(order!.emails).toEqual([
      {
        id: expect.any(String),
        kind: 'order_received',
        kindLabel: 'Order received',
        subject: expect.stringContaining(`order ${ours.number}`),
        status: 'pending',
        createdAt: expect.any(Date),
      },
    ]);

    // The same order by a number value, or "#1042" as staff might paste it.
    expect((await orderForAdmin(ours.number, db))?.number).toBe(ours.number);
    expect((await orderForAdmin(`#${ours.number}`, db))?.number).toBe(ours.number);
  });

  it('follows the queue: positions close up, part allocations show, allocated and cancelled entries hold no place', async () => {
    const lamp = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(30)), priceCents: 5000, title: `Queue Lamp ${run}` });
    const placed: { number: number }[] = [];
    for (let i = 0; i < 4; i++) placed.push(await place([{ variantId: lamp.variantId, quantity: 2 + i }], `queue${i}-${run}@example.test`));
    // Dates are the next test's subject: here every line keeps the one it was placed with.
    const queueOf = async (n: number) => {
      const { expectedDate, delays, agreement, ...entry } = (await orderForAdmin(placed[n]!.number, db))!.lines[0]!.queue!;
      expect({ expectedDate, delays, agreement }).toEqual({ expectedDate: inDays(30), delays: 0, agreement: null });
      return entry;
    };
    expect(await queueOf(2)).toEqual({ status: 'waiting', units: 4, allocatedUnits: 0, position: 3, waitingCount: 4 });

    // What receiving and cancelling do to the queue (lib/orders writes it; here, the states it leaves).
    const entryOf = async (n: number) => {
      const [line] = await db
        .select({ id: orderLines.id })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(eq(orders.number, placed[n]!.number));
      return line!.id;
    };
    const [first, second, third, fourth] = await Promise.all([0, 1, 2, 3].map(entryOf));
    await db.transaction(async (tx) => {
      await tx
        .update(waitingQueue)
        .set({ status: 'allocated', allocatedUnits: 2, position: null, allocatedAt: new Date() })
        .where(eq(waitingQueue.orderLineId, first!));
      await tx.update(waitingQueue).set({ status: 'cancelled', position: null }).where(eq(waitingQueue.orderLineId, second!));
      await tx.update(waitingQueue).set({ position: 1, allocatedUnits: 1 }).where(eq(waitingQueue.orderLineId, third!));
      await tx.update(waitingQueue).set({ position: 2 }).where(eq(waitingQueue.orderLineId, fourth!));
    });

    expect(await queueOf(0)).toEqual({ status: 'allocated', units: 2, allocatedUnits: 2, position: null, waitingCount: null });
    expect(await queueOf(1)).toEqual({ status: 'cancelled', units: 3, allocatedUnits: 0, position: null, waitingCount: null });
    expect(await queueOf(2)).toEqual({ status: 'waiting', units: 4, allocatedUnits: 1, position: 1, waitingCount: 2 });
    expect(await queueOf(3)).toEqual({ status: 'waiting', units: 5, allocatedUnits: 0, position: 2, waitingCount: 2 });
  });

  it("shows a waiting line's current date against its promise, its delays and whether the shopper's answer is awaited", async () => {
    const kettle = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(15)), priceCents: 4000, title: `Dated Kettle ${run}` });
    const placed = await place([{ variantId: kettle.variantId, quantity: 1 }], `dated-${run}@example.test`);
    const entry = async () => (await orderForAdmin(placed.number, db))!.lines[0]!;
    const setEntry = (values: Partial<typeof waitingQueue.$inferInsert>) =>
      db
        .update(waitingQueue)
        .set(values)
        .where(sql`${waitingQueue.orderLineId} = (select id from order_lines where order_id = ${placed.id})`);

    // The page's Queue cell, one note a line.
    const queueNotes = async () => {
      const html = renderToStaticMarkup(createElement(OrderDetailView, { order: (await orderForAdmin(placed.number, db))! }));
      const cell = /<td class="min-w-44[^"]*">(.*?)<\/td>/.exec(html)![1]!;
      return [...cell.matchAll(/<span class="block">(.*?)<\/span>/g)].map((m) => m[1]!.replace(/&#x27;/g, "'"));
    };
    const shipBy = (days: number) => formatCalendarDate(inDays(days), { withWeekday: true, today: TODAY });

    expect(await entry()).toMatchObject({ laterDate: inDays(15), queue: { expectedDate: inDays(15), delays: 0, agreement: null } });
    expect(await queueNotes()).toEqual(['Queue position 1 of 1', `Promised ${shipBy(15)}`]);

    await setEntry({ expectedDate: inDays(60), delays: 2, agreement: 'needed' });
    expect(await entry()).toMatchObject({ laterDate: inDays(15), queue: { status: 'waiting', expectedDate: inDays(60), delays: 2, agreement: 'needed' } });
    expect(await queueNotes()).toEqual([
      'Queue position 1 of 1',
      `Promised ${shipBy(15)}`,
      `Now ${shipBy(60)}`,
      '2 delays',
      "Waiting for the shopper's answer",
    ]);

    await setEntry({ expectedDate: null, delays: 3, agreement: 'agreed' });
    expect((await entry()).queue).toMatchObject({ expectedDate: null, delays: 3, agreement: 'agreed' });
    expect(await queueNotes()).toEqual(['Queue position 1 of 1', `Promised ${shipBy(15)}`, 'No date yet', '3 delays', 'Agreed to the new date']);
  });

  it('lists the timeline oldest first and the emails newest first', async () => {
    const kettle = await createTestVariant(db, { onHand: 5, inventoryPolicy: 'deny', priceCents: 3900 });
    const placed = await place([{ variantId: kettle.variantId, quantity: 1 }], `timeline-${run}@example.test`, false);
    const [row] = await db.select({ id: orders.id }).from(orders).where(eq(orders.number, placed.number));
    const [shipment] = await db.select({ id: shipments.id }).from(shipments).where(eq(shipments.orderId, row!.id));
    // Later events, as the shipping issue will write them.
    await db
      .insert(orderEvents)
      .values({ orderId: row!.id, shipmentId: shipment!.id, type: 'shipment.charging', fromStatus: 'ready_to_ship', toStatus: 'charging' });
    await db.insert(orderEvents).values({ orderId: row!.id, type: 'order.note', data: { note: 'called the customer' } });
    const [later] = await db
      .insert(outboxMessages)
      .values({
        kind: 'order_received',
        toAddress: `timeline-${run}@example.test`,
        subject: `Second email ${run}`,
        payload: {},
        messageId: `<${randomBytes(8).toString('hex')}@admin-orders.test>`,
        orderId: row!.id,
      })
      .returning({ id: outboxMessages.id });

    const order = (await orderForAdmin(placed.number, db))!;
    expect(order.events.map((e) => [e.type, e.shipmentSequence, e.fromStatus, e.toStatus])).toEqual([
      ['order.placed', null, null, 'placed'],
      ['shipment.planned', 1, null, 'ready_to_ship'],
      ['shipment.charging', 1, 'ready_to_ship', 'charging'],
      ['order.note', null, null, null],
    ]);
    expect(order.events.at(-1)!.data).toEqual({ note: 'called the customer' });
    const times = order.events.map((e) => e.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(order.emails.map((e) => e.subject)).toEqual([`Second email ${run}`, expect.stringContaining(`order ${placed.number}`)]);
    expect(order.emails[0]!.id).toBe(later!.id);
    expect(order.consent).toBeNull();
    expect(order.lines[0]!.queue).toBeNull();
  });

  it('shows what staff cancelled: cancelled units, struck-through shipment lines, the total after cancellations and what can still go', async () => {
    const mug = await createTestVariant(db, { onHand: 10, inventoryPolicy: 'deny', priceCents: 2800, title: `Cancel Mug ${run}` });
    const lamp = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(25)), priceCents: 5000, title: `Cancel Lamp ${run}` });
    const ours = await place(
      [
        { variantId: mug.variantId, quantity: 2 },
        { variantId: lamp.variantId, quantity: 1 },
      ],
      `cancel-${run}@example.test`,
    );
    const behind = await place([{ variantId: lamp.variantId, quantity: 1 }], `cancel-behind-${run}@example.test`);
    const before = (await orderForAdmin(ours.number, db))!;
    const [mugLine, lampLine] = before.lines;
    expect((await orderForAdmin(behind.number, db))!.lines[0]!.queue).toMatchObject({ position: 2, waitingCount: 2 });

    // The mug from stock: its shipment empties and is cancelled, its shipping fee moves to the lamp's.
    const first = await cancelLine(ours.number, mugLine!.id, 'owner@example.test', { database: db, today: TODAY });
    expect(first).toMatchObject({ ok: true, units: 2, lines: 1, orderCancelled: false });
    const afterLine = (await orderForAdmin(ours.number, db))!;
    expect(afterLine).toMatchObject({
      status: 'placed',
      totalCents: 2 * 2800 + 5000 + SHIPPING_CENTS,
      totalAfterCancellationsCents: 5000 + SHIPPING_CENTS,
      cancellable: true,
    });
    expect(afterLine.lines.map((l) => [l.title, l.cancelledQuantity, l.cancellableQuantity, l.cancellable])).toEqual([
      [mug.title, 2, 0, false],
      [lamp.title, 0, 1, true],
    ]);
    expect(afterLine.shipments.map((s) => [s.sequence, s.status, s.itemsCents, s.shippingCents, s.amountCents])).toEqual([
      [1, 'cancelled', 0, 0, 0],
      [2, 'planned', 5000, SHIPPING_CENTS, 5000 + SHIPPING_CENTS],
    ]);
    // The cancelled line stays listed, with what it would have cost.
    expect(afterLine.shipments[0]!.lines).toEqual([
      { lineId: mugLine!.id, title: mug.title, sku: mug.sku, quantity: 2, amountCents: 5600, cancelled: true, refundedQuantity: 0 },
    ]);
    expect(afterLine.shipments[1]!.lines).toMatchObject([{ lineId: lampLine!.id, cancelled: false }]);
    expect(afterLine.events.slice(3).map((e) => [e.type, e.shipmentSequence, e.fromStatus, e.toStatus])).toEqual([
      ['line.cancelled', null, null, null],
      ['shipment.cancelled', 1, 'ready_to_ship', 'cancelled'],
    ]);
    expect(afterLine.emails[0]).toMatchObject({ kind: 'order_cancelled', kindLabel: 'Cancelled', subject: expect.stringContaining(`order ${ours.number}`) });

    // The page: the struck-through line, the new total, what each line lost and "Cancel line" only where something is left.
    const html = renderToStaticMarkup(createElement(OrderDetailView, { order: afterLine }));
    expect(html).toContain('After cancellations');
    expect(html).toMatch(/<th scope="col"[^>]*>Cancellation<\/th>/);
    expect(html).toMatch(/<s>2 × Cancel Mug [^<]*<\/s>/);
    const rows = [...html.matchAll(/<tr class="border-t[^"]*">(.*?)<\/tr>/g)].map((m) => m[1]!);
    const rowOf = (title: string) => rows.find((r) => r.includes(`>${title}</th>`))!;
    expect(rowOf(mug.title)).toContain('>2 cancelled<');
    expect(rowOf(mug.title)).not.toContain('Cancel line');
    expect(rowOf(lamp.title)).not.toContain(' cancelled<');
    expect(rowOf(lamp.title)).toContain('>Cancel line</button>');
    expect(html).toContain('>Cancel order</button>');

    // The rest of the order: the lamp gives up its place, and the order behind moves up.
    const rest = await cancelOrder(ours.number, 'owner@example.test', { database: db, today: TODAY });
    expect(rest).toMatchObject({ ok: true, units: 1, lines: 1, orderCancelled: true, allocation: { units: 0 } });
    const cancelled = (await orderForAdmin(ours.number, db))!;
    expect(cancelled).toMatchObject({ status: 'cancelled', totalAfterCancellationsCents: 0, cancellable: false });
    expect(cancelled.lines.map((l) => [l.cancelledQuantity, l.cancellable, l.queue?.status ?? null])).toEqual([
      [2, false, null],
      [1, false, 'cancelled'],
    ]);
    expect(cancelled.shipments.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    expect(cancelled.shipments.flatMap((s) => s.lines.map((l) => l.cancelled))).toEqual([true, true]);
    expect(cancelled.events.at(-1)).toMatchObject({ type: 'order.cancelled', fromStatus: 'placed', toStatus: 'cancelled' });
    expect((await orderForAdmin(behind.number, db))!.lines[0]!.queue).toMatchObject({ status: 'waiting', position: 1, waitingCount: 1 });
    const done = renderToStaticMarkup(createElement(OrderDetailView, { order: cancelled }));
    expect(done).not.toContain('>Cancel line</button>');
    expect(done).not.toContain('>Cancel order</button>');
    // Loaded afresh, a cancelled order has no empty forms, only what was cancelled.
    expect(done).not.toContain('<form');
    expect(done).toContain('>1 cancelled<');

    expect(await cancelOrder(ours.number, 'owner@example.test', { database: db, today: TODAY })).toMatchObject({ ok: false, code: 'nothing_to_cancel' });
  });

  it('hands cancelled stock to the next waiting order, whose ready shipment can still be cancelled', async () => {
    const kettle = await createTestVariant(db, { onHand: 1, ...backorderTo(inDays(30)), priceCents: 4000, title: `Cancel Kettle ${run}` });
    const holder = await place([{ variantId: kettle.variantId, quantity: 1 }], `cancel-holder-${run}@example.test`, false);
    const waiter = await place([{ variantId: kettle.variantId, quantity: 1 }], `cancel-waiter-${run}@example.test`);
    expect((await orderForAdmin(waiter.number, db))!.shipments.map((s) => s.status)).toEqual(['planned']);

    const result = await cancelOrder(holder.number, 'owner@example.test', { database: db, today: TODAY });
    expect(result).toMatchObject({ ok: true, orderCancelled: true, allocation: { units: 1, lines: 1, readyShipments: 1 } });
    const waiting = (await orderForAdmin(waiter.number, db))!;
    expect(waiting.lines[0]).toMatchObject({ queue: { status: 'allocated' }, cancellable: true, cancellableQuantity: 1, cancelledQuantity: 0 });
    expect(waiting.shipments.map((s) => s.status)).toEqual(['ready_to_ship']);
    expect(waiting).toMatchObject({ cancellable: true, totalAfterCancellationsCents: null });
  });

  it('shows where shipping stands: "Ship" on a ready shipment, then what was charged and the tracking, or why the payment failed', async () => {
    const mug = await createTestVariant(db, { onHand: 5, inventoryPolicy: 'deny', priceCents: 2400, title: `Ship Mug ${run}` });
    const lamp = await createTestVariant(db, { onHand: 5, inventoryPolicy: 'deny', priceCents: 3000, title: `Ship Lamp ${run}` });
    const shippedOrder = await place([{ variantId: mug.variantId, quantity: 1 }], `ship-${run}@example.test`, false);
    const failedOrder = await place([{ variantId: lamp.variantId, quantity: 1 }], `ship-failed-${run}@example.test`, false);
    const page = async (number: number) => renderToStaticMarkup(createElement(OrderDetailView, { order: (await orderForAdmin(number, db))! }));
    const setShipment = (orderId: string, values: Partial<typeof shipments.$inferInsert>) =>
      db.update(shipments).set(values).where(eq(shipments.orderId, orderId));

    // Ready: the form, and its packing slip.
    const ready = await page(shippedOrder.number);
    expect(ready).toMatch(/<label[^>]*>Carrier<\/label>/);
    expect(ready).toMatch(/<label[^>]*>Tracking number<\/label>/);
    expect(ready).toMatch(/<button type="submit"[^>]*>Ship<\/button>/);
    expect(ready).toContain(`href="/admin/orders/${shippedOrder.number}/packing-slip/1"`);

    await setShipment(shippedOrder.id, {
      status: 'shipped',
      chargeAttempt: 1,
      shippedAt: new Date('2026-01-05T15:04:00Z'),
      shippedBy: 'owner@example.test',
      chargedCents: 2400 + SHIPPING_CENTS,
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
    });
    const shipped = (await orderForAdmin(shippedOrder.number, db))!;
    expect(shipped.shipments[0]).toMatchObject({
      status: 'shipped',
      chargedCents: 2900,
      shippedBy: 'owner@example.test',
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    });
    const shippedPage = await page(shippedOrder.number);
    // No "Ship" once shipped (and nothing left to cancel): the one form left is "Refund".
    expect(shippedPage).not.toMatch(/>Ship<\/button>/);
    expect(shippedPage).not.toMatch(/<label[^>]*>Carrier<\/label>/);
    expect(shippedPage.match(/<form/g)).toHaveLength(1);
    expect(shippedPage).toContain('>Refund whole shipment</button>');
    expect(shippedPage).toContain('Charged $29.00 to Visa ending 4242');
    expect(shippedPage).toContain('Jan 5, 2026, 3:04 PM UTC');
    expect(shippedPage).toContain(' by owner@example.test');
    expect(shippedPage).toContain('<a href="https://www.ups.com/track?tracknum=1Z999AA10123456784"');
    expect(shippedPage).toContain('>Charged so far</dt>');
    expect(shippedPage).toContain('packing-slip/1'); // a slip can be printed again

    await setShipment(failedOrder.id, { status: 'payment_failed', chargeAttempt: 1, failureCode: 'card_declined', failureMessage: 'Your card was declined.' });
    const failedPage = await page(failedOrder.number);
    expect(failedPage).toContain('Payment failed: card declined');
    expect(failedPage).toContain('“Your card was declined.”');
    expect(failedPage).not.toMatch(/>Ship<\/button>/);

    await setShipment(failedOrder.id, { status: 'charging', chargingSince: new Date(), failureCode: null, failureMessage: null });
    const chargingPage = await page(failedOrder.number);
    expect(chargingPage).toContain('>Charging</dd>');
    expect(chargingPage).toContain('Charging Visa ending 4242 since');

    // The card a charge message names.
    expect(await orderCard(shippedOrder.number, db)).toEqual({ brand: 'visa', last4: '4242', currency: 'USD' });
    expect(await orderCard(2_000_000_000, db)).toBeNull();
  });

  it('shows refunds: "Refunded $X" on the shipment, the units left per line, and "Refund" while anything is left', async () => {
    const cups = await createTestVariant(db, { onHand: 5, inventoryPolicy: 'deny', priceCents: 1000, title: `Refund Cups ${run}` });
    const placed = await place([{ variantId: cups.variantId, quantity: 3 }], `refund-${run}@example.test`, false);
    const page = async () => renderToStaticMarkup(createElement(OrderDetailView, { order: (await orderForAdmin(placed.number, db))! }));
    const [shipment] = await db.select({ id: shipments.id }).from(shipments).where(eq(shipments.orderId, placed.id));
    const set = async (values: Partial<typeof shipments.$inferInsert>, refundedQuantity?: number) => {
      await db.update(shipments).set(values).where(eq(shipments.id, shipment!.id));
      if (refundedQuantity !== undefined) await db.update(shipmentLines).set({ refundedQuantity }).where(eq(shipmentLines.shipmentId, shipment!.id));
    };

    // Nothing charged yet: nothing to refund.
    const ready = await page();
    expect(ready).not.toContain('>Refund</h4>');
    expect(ready).not.toContain('Units to refund');

    await set({ status: 'shipped', chargeAttempt: 1, shippedAt: new Date(), chargedCents: 3000 + SHIPPING_CENTS });
    const charged = await page();
    expect(charged).toContain('>Refund</h4>');
    expect(charged).toMatch(/<label[^>]*>Units to refund<span class="sr-only"> of Refund Cups [0-9a-f]+<\/span><\/label>/);
    expect(charged).toMatch(/<input[^>]*type="number"[^>]*min="0" max="3"[^>]*name="refund\.[0-9a-f-]{36}"/);
    expect(charged).toContain('>Refund selected units</button>');
    expect(charged).toContain('>Refund whole shipment</button>');
    expect(charged).not.toContain('Refunded $');

    // Two of the three units refunded: one left to refund.
    await set({ refundedCents: 2000 }, 2);
    const view = (await orderForAdmin(placed.number, db))!;
    expect(view.shipments[0]).toMatchObject({ chargedCents: 3500, refundedCents: 2000, lines: [{ quantity: 3, refundedQuantity: 2 }] });
    const partly = await page();
    expect(partly).toContain('Charged $35.00 to Visa ending 4242<span class="block">Refunded $20.00</span>');
    expect(partly).toContain('2 of 3 refunded');
    expect(partly).toMatch(/min="0" max="1"/);
    expect(partly).toContain('Up to 1');

    // Everything refunded, the shipping too: the form goes, the amount stays.
    await set({ refundedCents: 3500 }, 3);
    const refunded = await page();
    expect(refunded).toContain('Refunded $35.00');
    expect(refunded).not.toContain('Refund selected units');
    expect(refunded).not.toContain('>Refund</h4>');
    expect(refunded).not.toContain('<form');
  });

  it('returns null for an unknown or malformed number', async () => {
    const [{ max }] = (await db.execute(sql`select coalesce(max(number), 1000)::int as max from orders`)) as unknown as [{ max: number }];
    for (const number of [String(max + 1000), '2147483647', '99999999999', '0', '-1', '1.5', '1e3', 'abc', '', ' ', '#', '12 34', '0x10', `${max}abc`]) {
      expect(await orderForAdmin(number, db), JSON.stringify(number)).toBeNull();
    }
    for (const number of [max + 1000, -1, 0, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER]) expect(await orderForAdmin(number, db), String(number)).toBeNull();
  });
});
