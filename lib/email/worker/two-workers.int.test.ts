import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testConnection } from '@/test/database';
import { emailFrom, storeIdentity } from '../config';
import { backInStockEmail, cancelLeftoverEmails, enqueueCommitted, orderReceivedEmail, outboxRows } from '../testing/fixtures';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink';
import { spawnWorker, type WorkerProcess } from '../testing/worker-process';
import type { EmailTransport } from '../transport';
import { deliverOutboxMessage } from './deliver';
import { EMAIL_QUEUE } from './index';

// Two `npm run worker` processes on one database and one queue, delivering over SMTP to a server
// in this process: every message must arrive exactly once.
const { sql: pool, db } = testConnection();
const run = randomBytes(4).toString('hex');
const workers: WorkerProcess[] = [];
let sink: SmtpSink;

beforeAll(async () => {
  await cancelLeftoverEmails(db);
  sink = await startSmtpSink();
});

afterAll(async () => {
  // Killed even when a test failed half-way, and before the run's database is dropped.
  await Promise.all(workers.map((w) => w.kill('SIGKILL')));
  await sink?.close();
  await pool.end();
});

function startWorker(name: string, concurrency: number): WorkerProcess {
  const worker = spawnWorker(name, {
    DATABASE_URL: inject('databaseUrl'),
    SMTP_URL: sink.url,
    NODE_ENV: 'test',
    EMAIL_WORKER_CONCURRENCY: String(concurrency),
  });
  workers.push(worker);
  return worker;
}

describe('two workers on one queue', () => {
  it('one message attempted twice at the same moment (a job retried while its first attempt still runs) is sent once', async () => {
    const [id] = await enqueueCommitted(db, [backInStockEmail(`lock.${run}@example.test`)]);
    const sends: string[] = [];
    // A transport slow to accept, so the second attempt arrives while the first is in the middle of sending.
    const slow: EmailTransport = {
      kind: 'smtp',
      async send(message) {
        sends.push(message.messageId);
        await new Promise((r) => setTimeout(r, 500));
      },
      async close() {},
    };
    const ctx = { database: db, transport: slow, identity: storeIdentity(), from: emailFrom() };
    const outcomes = await Promise.all([deliverOutboxMessage(id!, false, ctx), deliverOutboxMessage(id!, false, ctx)]);
    expect(outcomes.sort()).toEqual(['busy', 'sent']);
    expect(sends).toHaveLength(1);
    expect(await deliverOutboxMessage(id!, false, ctx)).toBe('already-done');
    expect(sends).toHaveLength(1);
    expect((await outboxRows(db, [id!]))[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('deliver 40 messages written in four concurrent transactions exactly once each, between them', async () => {
    // Started together: both create pg-boss's schema and the queue if they are not there yet. One
    // runs more deliveries than its default pool would hold.
    const a = startWorker('worker-a', 5);
    const b = startWorker('worker-b', 2);
    await Promise.all([a.waitFor(/^email-worker: ready$/), b.waitFor(/^email-worker: ready$/)]);

    // Every commit wakes both workers' dispatchers at once (NOTIFY), so they race for the same rows.
    const ids = (
      await Promise.all(
        [0, 1, 2, 3].map((t) =>
          enqueueCommitted(
            db,
            Array.from({ length: 10 }, (_, i) => {
              const to = `two${t}-${i}.${run}@example.test`;
              return i % 3 === 0 ? orderReceivedEmail(to, { orderNumber: 8000 + t * 10 + i }) : backInStockEmail(to);
            }),
          ),
        ),
      )
    ).flat();
    expect(new Set(ids).size).toBe(40);

    await expect.poll(async () => (await outboxRows(db, ids)).filter((r) => r.status === 'sent').length, { timeout: 30_000, interval: 200 }).toBe(40);
    // A duplicate would come from a second job or a second attempt: give either time to show up.
    await new Promise((r) => setTimeout(r, 3_000));

    const rows = await outboxRows(db, ids);
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual(rows.map(() => ['sent', 1, null]));

    const perMessageId = new Map<string, number>();
    for (const mail of sink.received) {
      const id = mail.headers.get('message-id') ?? '';
      perMessageId.set(id, (perMessageId.get(id) ?? 0) + 1);
    }
    expect(rows.filter((r) => perMessageId.get(r.messageId) !== 1).map((r) => [r.toAddress, perMessageId.get(r.messageId) ?? 0])).toEqual([]);
    for (const row of rows) {
      const [mail] = sink.byMessageId(row.messageId);
      expect(mail!.envelopeTo).toEqual([row.toAddress]);
      expect(mail!.headers.get('subject')).toBe(row.subject);
    }

    // The dispatchers handed each message to the queue once.
    const jobs = await pool<{ outboxId: string; n: number }[]>`
      select data->>'outboxId' as "outboxId", count(*)::int as n from pgboss.job
      where name = ${EMAIL_QUEUE} and data->>'outboxId' = any(${ids}::text[])
      group by 1`;
    expect(jobs.filter((j) => j.n !== 1)).toEqual([]);
    expect(jobs).toHaveLength(40);

    // Each worker's log: every message sent by exactly one of them.
    const byA = a.sentIds().filter((id) => ids.includes(id));
    const byB = b.sentIds().filter((id) => ids.includes(id));
    expect(byA.filter((id) => byB.includes(id))).toEqual([]);
    expect([...byA, ...byB].sort()).toEqual([...ids].sort());
    console.log(`two workers: worker-a sent ${byA.length}, worker-b sent ${byB.length}`);
    // pg-boss decides who gets what; both sharing the work is expected but not a guarantee.
    if (byA.length === 0 || byB.length === 0) console.warn('two workers: one worker delivered every message this time');
  });
});
