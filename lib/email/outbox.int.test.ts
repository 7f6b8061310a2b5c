import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { outboxMessages } from '@/db/schema';
import { STORE_NAME } from '@/lib/site';
import { testConnection } from '@/test/database';
import { messageIdDomain } from './config';
import { subjectOf } from './messages';
import { enqueueEmails, OUTBOX_CHANNEL } from './outbox';
import { backInStockEmail, orderReceivedEmail } from './testing/fixtures';

const { sql: pool, db } = testConnection();

// Other suites write to the same outbox: rows are found by this run's addresses.
const run = randomBytes(4).toString('hex');
const address = (name: string) => `${name}.${run}@example.test`;

/** A second session LISTENing on the outbox channel, as every worker does. */
let listener: postgres.Sql;
const notifications: number[] = [];

beforeAll(async () => {
  listener = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  await listener.listen(OUTBOX_CHANNEL, () => notifications.push(Date.now()));
});
afterAll(async () => {
  await listener.end({ timeout: 5 });
  await pool.end();
});

/** Waits long enough for a NOTIFY from a committed transaction to have arrived (they take a few ms). */
async function settle() {
  await listener`select 1`;
  await new Promise((r) => setTimeout(r, 300));
}

class Rollback extends Error {}

describe('enqueueEmails', () => {
  it('writes each email as a pending row with its subject and a Message-ID of its own, and notifies workers only once the transaction commits', async () => {
    const to = [address('kettle'), address('order')];
    const emails = [backInStockEmail(to[0]!), orderReceivedEmail(to[1]!, { orderNumber: 5150 })];
    await settle();
    const before = notifications.length;

    let ids: string[] = [];
    let seenInsideTransaction = -1;
    await db.transaction(async (tx) => {
      ids = await enqueueEmails(tx, emails);
      // Written but not committed: no worker may hear of it yet, and no other session sees the rows.
      await settle();
      seenInsideTransaction = notifications.length - before;
      const outside = await pool`select count(*)::int as n from outbox_messages where id = any(${ids}::uuid[])`;
      expect(outside[0]!.n).toBe(0);
    });
    expect(seenInsideTransaction).toBe(0);
    await expect.poll(() => notifications.length - before, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);

    expect(ids).toHaveLength(2);
    const rows = await db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
    const byTo = new Map(rows.map((r) => [r.toAddress, r]));
    const domain = messageIdDomain();
    for (const [i, email] of emails.entries()) {
      const row = byTo.get(email.to)!;
      expect(row, `the row for ${email.to}`).toBeDefined();
      expect(row).toMatchObject({
        id: ids[i],
        kind: email.kind,
        subject: subjectOf(email, STORE_NAME),
        payload: email.payload,
        messageId: `<${row.id}@${domain}>`,
        status: 'pending',
        attempts: 0,
        lastError: null,
        enqueuedAt: null,
        sentAt: null,
        html: null,
        text: null,
      });
      expect(row.messageId).toMatch(/^<[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@[^<>@\s]+>$/);
    }
    expect(byTo.get(to[0]!)!.subject).toBe('Back in stock: Enamel kettle — Sage');
    expect(byTo.get(to[1]!)!.subject).toBe(`Order received: ${STORE_NAME} order 5150`);
    // Insertion order is the order the worker hands them to the queue.
    expect(byTo.get(to[0]!)!.seq).toBeLessThan(byTo.get(to[1]!)!.seq);
  });

  it('writes nothing and notifies no one when the transaction rolls back', async () => {
    const to = address('rolled-back');
    await settle();
    const before = notifications.length;
    let ids: string[] = [];
    await expect(
      db.transaction(async (tx) => {
        ids = await enqueueEmails(tx, [backInStockEmail(to), orderReceivedEmail(to)]);
        throw new Rollback('the change failed after its emails were written');
      }),
    ).rejects.toBeInstanceOf(Rollback);
    await settle();
    expect(ids).toHaveLength(2);
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, to))).toEqual([]);
    expect(await db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids))).toEqual([]);
    expect(notifications.length - before).toBe(0);
  });

  it('writes nothing and sends no notification for an empty list', async () => {
    await settle();
    const before = notifications.length;
    expect(await db.transaction((tx) => enqueueEmails(tx, []))).toEqual([]);
    await settle();
    expect(notifications.length - before).toBe(0);
  });

  it('gives every row its own Message-ID, also across transactions', async () => {
    const to = address('many');
    const first = await db.transaction((tx) =>
      enqueueEmails(
        tx,
        Array.from({ length: 5 }, () => backInStockEmail(to)),
      ),
    );
    const second = await db.transaction((tx) =>
      enqueueEmails(
        tx,
        Array.from({ length: 5 }, () => backInStockEmail(to)),
      ),
    );
    const rows = await db.select({ id: outboxMessages.id, messageId: outboxMessages.messageId }).from(outboxMessages).where(eq(outboxMessages.toAddress, to));
    expect(rows.map((r) => r.id).sort()).toEqual([...first, ...second].sort());
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(10);
  });
});
