import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { devMailboxMessages } from '@/db/schema';
import { testConnection } from '@/test/database';
import { backInStockEmail, cancelLeftoverEmails, enqueueCommitted, orderReceivedEmail, outboxRows } from '../testing/fixtures';
import { spawnWorker, type WorkerProcess } from '../testing/worker-process';

// `npm run worker` as child processes on this run's database, delivering to the dev mailbox
// (SMTP_URL unset). The first is killed between the dev mailbox's acceptance and the outbox's mark.
const { sql: pool, db } = testConnection();
const run = randomBytes(4).toString('hex');
const workers: WorkerProcess[] = [];

afterAll(async () => {
  // Killed even when a test failed half-way, and before the run's database is dropped.
  await Promise.all(workers.map((w) => w.kill('SIGKILL')));
  await pool.end();
});

function startWorker(name: string, env: Record<string, string | undefined> = {}): WorkerProcess {
  const worker = spawnWorker(name, {
    DATABASE_URL: inject('databaseUrl'),
    SMTP_URL: undefined,
    NODE_ENV: 'test',
    EMAIL_WORKER_CONCURRENCY: '1',
    // A killed worker's attempt counts as lost after 2 s; pg-boss looks for lost attempts every second.
    EMAIL_WORKER_EXPIRE_SECONDS: '2',
    EMAIL_WORKER_MAINTENANCE_SECONDS: '1',
    ...env,
  });
  workers.push(worker);
  return worker;
}

async function mailboxOf(messageIds: string[]) {
  return db.select().from(devMailboxMessages).where(inArray(devMailboxMessages.messageId, messageIds));
}

describe('a worker killed while sending', () => {
  it('loses nothing: the restarted worker delivers every message, and the dev mailbox holds each once', async () => {
    await cancelLeftoverEmails(db);
    const first = startWorker('worker-1', { EMAIL_WORKER_PAUSE_AFTER_ACCEPT_MS: '60000' });
    await first.waitFor(/^email-worker: ready$/);

    const address = (i: number) => `crash${i}.${run}@example.test`;
    const ids = [
      ...(await enqueueCommitted(db, [backInStockEmail(address(0)), orderReceivedEmail(address(1), { orderNumber: 9001 })])),
      ...(await enqueueCommitted(db, [orderReceivedEmail(address(2), { orderNumber: 9002 }), backInStockEmail(address(3)), backInStockEmail(address(4))])),
    ];
    const rows = await outboxRows(db, ids);
    const messageIds = rows.map((r) => r.messageId);

    const accepted = await first.waitFor(/^email-worker: accepted (\S+); pausing 60000 ms before marking it sent$/, 20_000);
    const crashedId = accepted[1]!;
    expect(ids).toContain(crashedId);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    // Accepted by the transport, not marked: exactly the window the issue is about.
    const crashed = rows.find((r) => r.id === crashedId)!;
    const [atCrash] = await outboxRows(db, [crashedId]);
    expect(atCrash).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
    expect(await mailboxOf([crashed.messageId])).toMatchObject([{ messageId: crashed.messageId, deliveries: 1, toAddress: crashed.toAddress }]);
    // One delivery at a time: the others were not started.
    const others = (await outboxRows(db, ids)).filter((r) => r.id !== crashedId);
    expect(others.map((r) => [r.status, r.attempts])).toEqual(others.map(() => ['pending', 0]));
    expect(await mailboxOf(others.map((r) => r.messageId))).toEqual([]);
    expect(first.sentIds()).toEqual([]);

    const second = startWorker('worker-2');
    await second.waitFor(/^email-worker: ready$/);
    // The lost attempt expires (2 s), pg-boss retries it after its backoff (5–10 s).
    await expect.poll(async () => (await outboxRows(db, ids)).filter((r) => r.status === 'sent').length, { timeout: 40_000, interval: 250 }).toBe(ids.length);

    const after = await outboxRows(db, ids);
    expect(after.filter((r) => r.id !== crashedId).map((r) => r.attempts)).toEqual([1, 1, 1, 1]);
    expect(after.find((r) => r.id === crashedId)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(second.sentIds().sort()).toEqual([...ids].sort());

    const mailbox = await mailboxOf(messageIds);
    expect(mailbox).toHaveLength(ids.length);
    for (const row of rows) {
      const stored = mailbox.filter((m) => m.messageId === row.messageId);
      expect(stored, row.toAddress).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        toAddress: row.toAddress,
        subject: row.subject,
        deliveries: row.id === crashedId ? 2 : 1,
      });
      const sent = after.find((r) => r.id === row.id)!;
      // The retry sent the rendering stored before the first attempt.
      expect(stored[0]!.html).toBe(sent.html);
      expect(stored[0]!.text).toBe(sent.text);
      if (row.kind === 'back_in_stock') expect(stored[0]!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    }

    // A worker asked to stop (SIGTERM) finishes what it holds and exits cleanly.
    second.child.kill('SIGTERM');
    await second.waitFor(/^email-worker: SIGTERM; finishing the messages in hand$/, 5_000);
    expect(await second.exited).toBe(0);
  });
});
