import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devMailboxMessages, outboxMessages, type EmailKind, type EmailStatus } from '@/db/schema';
import { testConnection } from '@/test/database';
import { EMAILS_PAGE_SIZE, emailDetail, listEmails, parseEmailFilters } from './admin-reads';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

// Other suites write to the same outbox: every list here is narrowed to this run's addresses.
const run = randomBytes(4).toString('hex');

interface Row {
  to: string;
  subject?: string;
  kind?: EmailKind;
  status?: EmailStatus;
  createdAt?: Date;
  orderId?: string | null;
}

async function insertEmails(rows: Row[]): Promise<string[]> {
  const inserted = await db
    .insert(outboxMessages)
    .values(
      rows.map((r, i) => {
        const status = r.status ?? 'pending';
        return {
          kind: r.kind ?? 'order_received',
          toAddress: r.to,
          subject: r.subject ?? `Subject ${i}`,
          payload: {},
          messageId: `<${randomUUID()}@admin-reads.test>`,
          status,
          attempts: status === 'pending' ? 0 : 1,
          sentAt: status === 'sent' ? new Date() : null,
          orderId: r.orderId ?? null,
          ...(r.createdAt ? { createdAt: r.createdAt } : {}),
        };
      }),
    )
    .returning({ id: outboxMessages.id });
  return inserted.map((r) => r.id);
}

describe('listEmails', () => {
  const bulk = `bulk-${run}`;
  let bulkIds: string[];

  beforeAll(async () => {
    // One statement: each row's created_at is its own clock_timestamp(), in insertion order.
    bulkIds = await insertEmails(Array.from({ length: EMAILS_PAGE_SIZE + 2 }, (_, i) => ({ to: `shopper${i}.${bulk}@example.test`, subject: `Bulk ${i}` })));
  });

  it('lists newest first, a page at a time, with the total and which way there is more', async () => {
    const first = await listEmails({ page: 1, to: bulk }, db);
    expect(first).toMatchObject({ page: 1, pageSize: EMAILS_PAGE_SIZE, total: EMAILS_PAGE_SIZE + 2, hasPrevious: false, hasNext: true });
    expect(first.rows).toHaveLength(EMAILS_PAGE_SIZE);
    expect(first.rows.map((r) => r.id)).toEqual([...bulkIds].reverse().slice(0, EMAILS_PAGE_SIZE));

    const second = await listEmails({ page: 2, to: bulk }, db);
    expect(second).toMatchObject({ page: 2, total: EMAILS_PAGE_SIZE + 2, hasPrevious: true, hasNext: false });
    expect(second.rows.map((r) => r.subject)).toEqual(['Bulk 1', 'Bulk 0']);

    const beyond = await listEmails({ page: 9, to: bulk }, db);
    expect(beyond).toMatchObject({ rows: [], total: EMAILS_PAGE_SIZE + 2, hasPrevious: true, hasNext: false });
  });

  it('returns only what the list shows', async () => {
    const { rows } = await listEmails({ page: 1, to: `shopper0.${bulk}` }, db);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(['attempts', 'createdAt', 'id', 'kind', 'orderNumber', 'sentAt', 'status', 'subject', 'toAddress'].sort());
    expect(rows[0]).toMatchObject({ toAddress: `shopper0.${bulk}@example.test`, kind: 'order_received', status: 'pending', attempts: 0, orderNumber: null });
  });

  it('orders by when the email was written, then by insertion for the same instant', async () => {
    const tag = `order-${run}`;
    const noon = new Date('2030-01-01T12:00:00Z');
    const [older, tieFirst, tieSecond] = await insertEmails([
      { to: `a.${tag}@example.test`, createdAt: new Date('2030-01-01T11:00:00Z') },
      { to: `b.${tag}@example.test`, createdAt: noon },
      { to: `c.${tag}@example.test`, createdAt: noon },
    ]);
    // Written last, but dated earliest: it lists last.
    const [backdated] = await insertEmails([{ to: `d.${tag}@example.test`, createdAt: new Date('2029-12-31T00:00:00Z') }]);
    const { rows } = await listEmails({ page: 1, to: tag }, db);
    expect(rows.map((r) => r.id)).toEqual([tieSecond, tieFirst, older, backdated]);
  });

  it('finds a recipient by any part of the address, in any case, and takes % and _ literally', async () => {
    const tag = `Search${run}`;
    const [mixed] = await insertEmails([{ to: `Alice.${tag}@Example.TEST` }]);
    for (const to of [`alice.${tag.toLowerCase()}@example.test`, `ALICE.${tag.toUpperCase()}`, tag.slice(2).toLowerCase(), `${tag}@example`]) {
      const { rows } = await listEmails({ page: 1, to }, db);
      expect(
        rows.map((r) => r.id),
        to,
      ).toEqual([mixed]);
    }
    // Wildcards in the search are characters, not patterns.
    expect((await listEmails({ page: 1, to: `alice.${tag.slice(0, -1)}_` }, db)).total).toBe(0);
    expect((await listEmails({ page: 1, to: `alice.%${tag}` }, db)).total).toBe(0);
    expect((await listEmails({ page: 1, to: `nobody-${run}` }, db)).rows).toEqual([]);
  });

  it('filters by kind and by status, alone or together', async () => {
    const tag = `filter-${run}`;
    const [orderPending, orderSent, stockSent, stockFailed] = await insertEmails([
      { to: `1.${tag}@example.test`, kind: 'order_received', status: 'pending' },
      { to: `2.${tag}@example.test`, kind: 'order_received', status: 'sent' },
      { to: `3.${tag}@example.test`, kind: 'back_in_stock', status: 'sent' },
      { to: `4.${tag}@example.test`, kind: 'back_in_stock', status: 'failed' },
    ]);
    const ids = async (filters: { kind?: EmailKind; status?: EmailStatus }) => (await listEmails({ page: 1, to: tag, ...filters }, db)).rows.map((r) => r.id);
    expect(await ids({})).toEqual([stockFailed, stockSent, orderSent, orderPending]);
    expect(await ids({ kind: 'back_in_stock' })).toEqual([stockFailed, stockSent]);
    expect(await ids({ status: 'sent' })).toEqual([stockSent, orderSent]);
    expect(await ids({ kind: 'order_received', status: 'sent' })).toEqual([orderSent]);
    expect(await ids({ status: 'cancelled' })).toEqual([]);
  });
});

describe('parseEmailFilters', () => {
  it('reads the query string and drops what it cannot use instead of failing', () => {
    expect(parseEmailFilters({ page: '3', to: '  Bob@Example  ', kind: 'back_in_stock', status: 'failed' })).toEqual({
      page: 3,
      to: 'Bob@Example',
      kind: 'back_in_stock',
      status: 'failed',
    });
    expect(parseEmailFilters({})).toEqual({ page: 1, to: undefined, kind: undefined, status: undefined });
    expect(parseEmailFilters({ page: 'two', to: '   ', kind: 'spam', status: 'SENT' })).toEqual({ page: 1, to: undefined, kind: undefined, status: undefined });
    for (const page of ['0', '-1', '1.5', '1e9', '99999999999999999999']) expect(parseEmailFilters({ page }).page, page).toBe(1);
    expect(parseEmailFilters({ page: ['2', '5'], kind: ['order_received', 'x'] })).toMatchObject({ page: 2, kind: 'order_received' });
    expect(parseEmailFilters({ to: 'x'.repeat(5000) }).to).toHaveLength(254);
  });
});

describe('emailDetail', () => {
  it('shows the rendered message, its order number, and its copy in the dev mailbox', async () => {
    const { createTestVariant, cartWith, quoteFor, CONTACT, verifiedPayment, SHIPPING_CENTS, TODAY } = await import('@/lib/orders/testing/fixtures');
    const { placeOrder } = await import('@/lib/orders/place-order');
    const lamp = await createTestVariant(db, { onHand: 5, inventoryPolicy: 'deny', priceCents: 4000 });
    const cart = await cartWith(db, [{ variantId: lamp.variantId, quantity: 1 }]);
    const { fingerprint } = await quoteFor(db, cart.id);
    const placed = await placeOrder(
      { cartId: cart.id, idempotencyKey: cart.checkoutKey, quoteFingerprint: fingerprint, contact: CONTACT, consent: null, payment: verifiedPayment() },
      { database: db, today: TODAY, shippingCents: SHIPPING_CENTS },
    );
    if (placed.status !== 'placed') throw new Error(placed.status);

    const to = `detail.${run}@example.test`;
    const messageId = `<detail-${run}@admin-reads.test>`;
    const lastAttemptAt = new Date('2030-02-01T10:00:00Z');
    const sentAt = new Date('2030-02-01T10:00:01Z');
    const [row] = await db
      .insert(outboxMessages)
      .values({
        kind: 'order_received',
        toAddress: to,
        subject: 'Order received: Inbound order 1',
        payload: {},
        messageId,
        html: '<p>Thanks for your order</p>',
        text: 'Thanks for your order',
        headers: { 'X-Test': 'yes' },
        orderId: placed.order.id,
        status: 'sent',
        attempts: 2,
        lastError: 'connect ECONNREFUSED',
        lastAttemptAt,
        sentAt,
      })
      .returning({ id: outboxMessages.id });
    const receivedAt = new Date('2030-02-01T10:00:00.500Z');
    await db.insert(devMailboxMessages).values({
      messageId,
      fromAddress: 'orders@example.test',
      toAddress: to,
      subject: 'Order received: Inbound order 1',
      html: '<p>Thanks for your order</p>',
      text: 'Thanks for your order',
      headers: {},
      deliveries: 2,
      receivedAt,
    });

    expect(await emailDetail(row!.id, db)).toEqual({
      id: row!.id,
      toAddress: to,
      subject: 'Order received: Inbound order 1',
      kind: 'order_received',
      status: 'sent',
      attempts: 2,
      createdAt: expect.any(Date),
      sentAt,
      orderNumber: placed.order.number,
      messageId,
      html: '<p>Thanks for your order</p>',
      text: 'Thanks for your order',
      headers: { 'X-Test': 'yes' },
      lastError: 'connect ECONNREFUSED',
      lastAttemptAt,
      devMailbox: { receivedAt, deliveries: 2 },
    });
    // The list joins the order number too.
    expect((await listEmails({ page: 1, to }, db)).rows).toEqual([expect.objectContaining({ id: row!.id, orderNumber: placed.order.number })]);
  });

  it('shows a message not rendered or delivered yet as such', async () => {
    const [id] = await insertEmails([{ to: `unsent.${run}@example.test` }]);
    expect(await emailDetail(id!, db)).toMatchObject({
      status: 'pending',
      html: null,
      text: null,
      headers: null,
      sentAt: null,
      devMailbox: null,
      orderNumber: null,
    });
  });

  it('returns null for a malformed or unknown id, without asking the database to parse it', async () => {
    for (const id of ['', 'not-a-uuid', "1' or '1'='1", `${randomUUID()}x`, '../../etc/passwd', randomUUID()]) {
      expect(await emailDetail(id, db), id).toBeNull();
    }
  });
});
