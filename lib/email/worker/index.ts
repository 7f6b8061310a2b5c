import 'server-only';
import PgBoss from 'pg-boss';
import postgres from 'postgres';
import { connect, type Connection } from '@/db/connect';
import { notifyRestocksDueToTime } from '@/lib/back-in-stock/notify';
import { releasePreorders, remindPreorders } from '@/lib/orders/preorder-release';
import { cancelUnansweredDelays } from '@/lib/orders/unanswered-delays';
import type { PaymentsClient } from '@/lib/payments/stripe-client';
import { startShipBatchLanes } from '@/lib/shipping/batch-lanes';
import { CHARGE_QUEUE, CHARGE_RETRY, retryCharge, sweepStaleCharges } from '@/lib/shipping/charge-job';
import { retryPendingRefunds } from '@/lib/shipping/refund-shipment';
import { SHIP_BATCH_CHANNEL } from '@/lib/shipping/ship-batch';
import { emailFrom, storeIdentity, transportConfig } from '../config';
import { OUTBOX_CHANNEL } from '../outbox';
import { createTransport } from '../transport';
import { deliverOutboxMessage } from './deliver';
import { jobId } from './job-id';

export const EMAIL_QUEUE = 'email-delivery';
export const RELEASE_QUEUE = 'preorder-release';
export const DELAY_RULE_QUEUE = 'unanswered-delays';

/** Retries: 5 s, 10 s, 20 s, ... doubling, ten times (a little under three hours in all). */
const RETRY = { retryLimit: 10, retryDelay: 5, retryBackoff: true } as const;

export interface EmailWorkerOptions {
  databaseUrl: string;
  /** Seconds an attempt may run before pg-boss counts it as lost and retries it (a killed worker's). */
  expireInSeconds?: number;
  /** How often pg-boss looks for expired attempts. */
  maintenanceIntervalSeconds?: number;
  /** Parallel deliveries in this process. */
  concurrency?: number;
  /** Fault injection for the crash tests (never in production). */
  pauseAfterAcceptMs?: number;
  /** Seconds a shipment may charge without an answer before the sweep retries it. */
  chargeRecoveryAfterSeconds?: number;
  /** Shipments of a "Ship selected" batch shipped at once (0: this worker ships none). */
  shipLanes?: number;
  /** Seconds before a batch item claimed by a worker that died is taken again. */
  shipClaimSeconds?: number;
  /** What charges and refunds go through: the configured provider unless a test injects faults. */
  paymentsClient?: PaymentsClient;
  log?: (line: string) => void;
}

export interface EmailWorker {
  /** Hands every undispatched outbox message to the queue now (also runs on NOTIFY and on a timer). */
  dispatch(): Promise<number>;
  stop(): Promise<void>;
}

type Job = { id: string; data: { outboxId?: unknown }; retryCount: number; retryLimit: number };

/** pg-boss's query interface (node-postgres style) over one postgres.js transaction, so its job insert commits with our bookkeeping. */
function bossDb(t: postgres.TransactionSql) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      // postgres.js serialises a json-typed parameter itself; it refuses undefined, which pg sends as null.
      const params = values.map((v) => (v === undefined ? null : v));
      return { rows: await t.unsafe(text, params as postgres.ParameterOrJSON<never>[]) };
    },
  };
}

/**
 * The email worker: moves outbox rows onto a pg-boss queue (in the store's own database; pg-boss
 * creates its schema on start) and delivers them through the configured transport. Every app server
 * runs one (instrumentation.ts) and `npm run worker` runs one alone; they share the queue, and
 * pg-boss hands each job to one of them. A message written by a committed transaction wakes every
 * worker by NOTIFY; a timer catches anything a lost connection missed.
 */
export async function startEmailWorker(options: EmailWorkerOptions): Promise<EmailWorker> {
  const log = options.log ?? ((line: string) => console.log(line));
  const identity = storeIdentity();
  const from = emailFrom();
  const transportSettings = transportConfig();
  const expireInSeconds = options.expireInSeconds ?? 60;
  const production = process.env.NODE_ENV === 'production';

  const concurrency = options.concurrency ?? 2;
  // A delivery holds one connection for its transaction (the advisory lock) and needs a second one
  // meanwhile (attempts, rendering, the dev mailbox's row): with fewer than concurrency + 1
  // connections every delivery can end up waiting for another's.
  const app: Connection = connect(options.databaseUrl, { max: concurrency + 2 });
  const sql = postgres(options.databaseUrl, { max: 2, onnotice: () => {} });
  const transport = createTransport(transportSettings, app.db);
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    max: 3,
    application_name: 'inbound-email-worker',
    // Cron schedules (the pre-order release below): pg-boss runs each once per slot across workers.
    schedule: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
  });
  boss.on('error', (err) => log(`email-worker: pg-boss: ${err instanceof Error ? err.message : String(err)}`));
  await boss.start();
  await boss.createQueue(EMAIL_QUEUE, { name: EMAIL_QUEUE, ...RETRY, expireInSeconds });
  // Release day for pre-orders: hourly (UTC), so a release is processed within the hour it becomes due.
  await boss.createQueue(RELEASE_QUEUE, { name: RELEASE_QUEUE, retryLimit: 3, retryDelay: 60, expireInSeconds: 600 });
  await boss.schedule(RELEASE_QUEUE, '5 * * * *', {});
  await boss.work(RELEASE_QUEUE, async () => {
    const run = await releasePreorders(app.db);
    if (run.lines > 0) log(`email-worker: released ${run.lines} pre-order lines of ${run.variants} variants (${run.emails} emails)`);
    const reminded = await remindPreorders(app.db);
    if (reminded.lines > 0) log(`email-worker: reminded ${reminded.lines} pre-order lines (${reminded.emails} emails)`);
  });
  // Delays nobody agreed to by their day are cancelled (US FTC Mail Order Rule): hourly, so within the hour the day passes (UTC).
  await boss.createQueue(DELAY_RULE_QUEUE, { name: DELAY_RULE_QUEUE, retryLimit: 3, retryDelay: 60, expireInSeconds: 600 });
  await boss.schedule(DELAY_RULE_QUEUE, '15 * * * *', {});
  await boss.work(DELAY_RULE_QUEUE, async () => {
    const run = await cancelUnansweredDelays(app.db);
    if (run.lines > 0) log(`email-worker: cancelled ${run.lines} lines of ${run.orders} orders whose delay went unanswered`);
  });

  // Charges left without an answer (a transient provider error, a crash): retried with the same key
  // until they settle. 'stately': one queued and one running job per shipment at most.
  await boss.createQueue(CHARGE_QUEUE, { name: CHARGE_QUEUE, policy: 'stately', ...CHARGE_RETRY, expireInSeconds: 120 });
  await boss.work<{ shipmentId?: unknown }>(CHARGE_QUEUE, async (jobs) => {
    for (const job of jobs) {
      if (typeof job.data?.shipmentId === 'string') await retryCharge(app.db, job.data.shipmentId, options.paymentsClient);
    }
  });
  const enqueueCharge = (shipmentId: string) => boss.send(CHARGE_QUEUE, { shipmentId }, { singletonKey: shipmentId, ...CHARGE_RETRY });
  const sweepCharges = () =>
    Promise.all([
      sweepStaleCharges(app.db, enqueueCharge, options.chargeRecoveryAfterSeconds),
      // Refunds left pending are asked for again with their own key.
      retryPendingRefunds(app.db, options.paymentsClient, options.chargeRecoveryAfterSeconds),
    ]).catch((err: unknown) => log(`email-worker: charge sweep failed: ${err instanceof Error ? err.message : String(err)}`));
  await sweepCharges();
  const chargeSweep = setInterval(sweepCharges, 15_000);
  chargeSweep.unref();

  const ctx = {
    database: app.db,
    transport,
    identity,
    from,
    pauseAfterAcceptMs: production ? undefined : options.pauseAfterAcceptMs,
    log,
  };

  const workerIds: string[] = [];
  for (let i = 0; i < concurrency; i++) {
    workerIds.push(
      await boss.work<{ outboxId?: unknown }>(EMAIL_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2, includeMetadata: true }, async (jobs) => {
        try {
          for (const job of jobs as unknown as Job[]) {
            const id = typeof job.data?.outboxId === 'string' ? job.data.outboxId : null;
            if (!id) continue;
            const outcome = await deliverOutboxMessage(id, job.retryCount >= job.retryLimit, ctx).catch((err: unknown) => {
              log(`email-worker: attempt ${job.retryCount + 1} for ${id} failed: ${err instanceof Error ? err.message : String(err)}`);
              throw err;
            });
            if (outcome === 'sent') log(`email-worker: sent ${id}`);
            // Another attempt holds the message (a hung one whose job expired): fail this job, so pg-boss
            // comes back to it after the backoff and finds it sent or still owed, instead of dropping it.
            if (outcome === 'busy') throw new Error(`message ${id} is being sent by another attempt`);
          }
        } finally {
          // pg-boss waits a whole polling interval after every job (one job per loop per 2 s) unless
          // notified: fetch the next one right away, so a backlog drains at the transport's pace.
          const self = workerIds[i];
          if (self) boss.notifyWorker(self);
        }
      }),
    );
  }

  let dispatching: Promise<number> | null = null;
  let again = false;
  async function dispatchOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const dispatchedAt = Date.now();
      const ids = await sql.begin(async (t) => {
        const rows = await t<{ id: string; seq: string }[]>`
          select id, seq from outbox_messages
          where status = 'pending' and enqueued_at is null
          order by seq limit 100
          for update skip locked`;
        const db = bossDb(t);
        for (const row of rows) {
          const id = jobId(dispatchedAt, BigInt(row.seq));
          await boss.send(EMAIL_QUEUE, { outboxId: row.id }, { id, ...RETRY, expireInSeconds, db } as Parameters<PgBoss['send']>[2]);
        }
        if (rows.length > 0) await t`update outbox_messages set enqueued_at = now() where id = any(${rows.map((r) => r.id)}::uuid[])`;
        return rows.map((r) => r.id);
      });
      total += ids.length;
      if (ids.length < 100) break;
    }
    if (total > 0) for (const id of workerIds) boss.notifyWorker(id);
    return total;
  }
  function dispatch(): Promise<number> {
    if (dispatching) {
      again = true;
      return dispatching;
    }
    dispatching = (async () => {
      let n = 0;
      do {
        again = false;
        n += await dispatchOnce();
      } while (again);
      return n;
    })()
      .catch((err: unknown) => {
        log(`email-worker: dispatch failed: ${err instanceof Error ? err.message : String(err)}`);
        return 0;
      })
      .finally(() => {
        dispatching = null;
      });
    return dispatching;
  }

  /**
   * A message whose job ended without a result (its worker was killed during the last allowed
   * attempt) would stay pending forever: hand it to the queue again.
   */
  async function requeueOrphans(): Promise<void> {
    await sql`
      update outbox_messages o set enqueued_at = null
      where o.status = 'pending' and o.enqueued_at < now() - make_interval(secs => ${expireInSeconds * 3})
        and not exists (
          select 1 from pgboss.job j
          where j.name = ${EMAIL_QUEUE} and j.data->>'outboxId' = o.id::text and j.state in ('created', 'retry', 'active'))`;
  }

  const sweepRestocks = () =>
    notifyRestocksDueToTime(app.db).catch((err: unknown) => log(`email-worker: restock sweep failed: ${err instanceof Error ? err.message : String(err)}`));

  const listener = await sql.listen(OUTBOX_CHANNEL, () => void dispatch());
  // Bulk shipping has its own connections: a lane holds one through each step of a shipment.
  const shipLanes = options.shipLanes ?? 4;
  const shipping = shipLanes > 0 ? connect(options.databaseUrl, { max: shipLanes + 2 }) : null;
  const lanes = shipping
    ? startShipBatchLanes(shipping.db, { lanes: shipLanes, claimSeconds: options.shipClaimSeconds, client: options.paymentsClient, log })
    : null;
  const batchListener = lanes ? await sql.listen(SHIP_BATCH_CHANNEL, () => lanes.wake()) : null;
  let ticks = 0;
  const timer = setInterval(() => {
    void dispatch();
    ticks++;
    if (ticks % 12 === 0) void requeueOrphans().catch((err: unknown) => log(`email-worker: requeue failed: ${String(err)}`));
    // Every 15 minutes: variants that became purchasable with the date alone.
    if (ticks % 180 === 0) void sweepRestocks();
  }, 5_000);
  timer.unref();
  await sweepRestocks();
  // Releases that came due while no worker ran go out now, not at the next hour.
  await releasePreorders(app.db).catch((err: unknown) => log(`email-worker: pre-order release failed: ${err instanceof Error ? err.message : String(err)}`));
  await dispatch();
  log(`email-worker: delivering through the ${transport.kind === 'smtp' ? 'SMTP server at SMTP_URL' : 'dev mailbox (/admin/emails)'}`);

  return {
    dispatch,
    async stop() {
      clearInterval(timer);
      clearInterval(chargeSweep);
      await listener.unlisten().catch(() => {});
      await batchListener?.unlisten().catch(() => {});
      await lanes?.stop();
      await shipping?.sql.end({ timeout: 5 });
      await boss.stop({ graceful: true, wait: true, timeout: 6_000 });
      await dispatching;
      await transport.close();
      await sql.end({ timeout: 5 });
      await app.sql.end({ timeout: 5 });
    },
  };
}
