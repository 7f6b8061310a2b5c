import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { outboxMessages, paymentAttempts, shipments, stockMovements, variants } from '@/db/schema';
import { spawnScript, spawnWorker, type WorkerProcess } from '@/lib/email/testing/worker-process';
import { cancelLeftoverEmails } from '@/lib/email/testing/fixtures';
import { createTestVariant } from '@/lib/orders/testing/fixtures';
import { emulatorChargeCounts, emulatorClient, saveTestCard } from '@/lib/payments/emulator/testing';
import { testConnection } from '@/test/database';
import { placePaidOrder } from '@/test/paid-orders';
import { retryCharge, sweepStaleCharges } from './charge-job';
import { shipBatchProgress, startShipBatch } from './ship-batch';

// Shipping in a child process that is SIGKILLed at each step, then what a restarted server does
// (the sweep, then the retry job): every time, one charge, one shipment shipped, one email, the
// stock moved once.
const { sql: pool, db } = testConnection();
const client = emulatorClient(db);
const children: WorkerProcess[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.kill('SIGKILL')));
  await pool.end();
});

async function readyShipment() {
  const v = await createTestVariant(db, { onHand: 4, priceCents: 1500 });
  const order = await placePaidOrder(db, [{ variantId: v.variantId, quantity: 2 }]);
  const [shipment] = await db.select().from(shipments).where(eq(shipments.orderId, order.id));
  return { order, card: order.card, shipmentId: shipment!.id, variantId: v.variantId };
}

async function shipAndCrash(shipmentId: string, step: string) {
  const child = spawnScript(`ship-${step}`, 'test/ship-and-crash.ts', { DATABASE_URL: inject('databaseUrl'), NODE_ENV: 'test' }, [shipmentId, step]);
  children.push(child);
  expect(await child.exited, child.lines.join('\n')).toBe('SIGKILL');
  expect(child.lines).toContain(`ship-and-crash: dying at ${step}`);
}

async function effects(o: Awaited<ReturnType<typeof readyShipment>>) {
  const [shipment] = await db.select().from(shipments).where(eq(shipments.id, o.shipmentId));
  const [stock] = await db.select({ onHand: variants.onHand, committed: variants.committed }).from(variants).where(eq(variants.id, o.variantId));
  const ledger = await db
    .select()
    .from(stockMovements)
    .where(and(eq(stockMovements.variantId, o.variantId), eq(stockMovements.kind, 'shipped')));
  const mails = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orderId, o.order.id), eq(outboxMessages.kind, 'shipment_shipped')));
  const attempts = await db.select().from(paymentAttempts).where(eq(paymentAttempts.shipmentId, o.shipmentId));
  return {
    status: shipment!.status,
    charged: shipment!.chargedCents,
    stock,
    ledger: ledger.length,
    emails: mails.length,
    attempts: attempts.map((a) => [a.attempt, a.status]),
    stripe: await emulatorChargeCounts(db, o.card.customerId),
  };
}

const SHIPPED_ONCE = {
  status: 'shipped',
  charged: 3000 + 500,
  stock: { onHand: 2, committed: 0 },
  ledger: 1,
  emails: 1,
  attempts: [[1, 'succeeded']],
  stripe: { paymentIntents: 1, charges: 1 },
};

describe('killed while shipping: one charge per shipment, whatever the step', () => {
  it.each([
    ['after_begin', { paymentIntents: 0, charges: 0 }, []],
    ['provider_answered', { paymentIntents: 1, charges: 1 }, [[1, 'pending']]],
    ['after_charge', { paymentIntents: 1, charges: 1 }, [[1, 'succeeded']]],
    ['before_settle_commit', { paymentIntents: 1, charges: 1 }, [[1, 'succeeded']]],
  ] as const)('%s: left charging, then the restart ships it with the same key', async (step, stripeAtCrash, attemptsAtCrash) => {
    const o = await readyShipment();
    await shipAndCrash(o.shipmentId, step);
    // What the crash left: charging, nothing moved, no email, Stripe as far as it got.
    expect(await effects(o)).toEqual({
      status: 'charging',
      charged: 0,
      stock: { onHand: 4, committed: 2 },
      ledger: 0,
      emails: 0,
      attempts: attemptsAtCrash,
      stripe: stripeAtCrash,
    });

    // The restart: the sweep queues it (here: runs it at once), the retry settles it; twice, to be sure.
    const found: string[] = [];
    await sweepStaleCharges(db, async (id) => found.push(id), 0);
    expect(found).toContain(o.shipmentId);
    expect(await retryCharge(db, o.shipmentId, client)).toBe('settled');
    expect(await retryCharge(db, o.shipmentId, client)).toBe('settled');
    expect(await effects(o)).toEqual(SHIPPED_ONCE);
  });

  it('a real worker started after the crash finds the shipment and ships it', async () => {
    await cancelLeftoverEmails(db);
    const o = await readyShipment();
    await shipAndCrash(o.shipmentId, 'provider_answered');
    const worker = spawnWorker('worker-after-ship-crash', {
      DATABASE_URL: inject('databaseUrl'),
      SMTP_URL: undefined,
      NODE_ENV: 'test',
      SHIPPING_RECOVERY_AFTER_SECONDS: '0',
    });
    children.push(worker);
    await worker.waitFor(/^email-worker: ready$/);
    await expect.poll(async () => (await effects(o)).status, { timeout: 30_000, interval: 250 }).toBe('shipped');
    await worker.kill('SIGTERM');
    expect(await effects(o)).toEqual(SHIPPED_ONCE);
  });

  it('bulk shipping: a worker killed in the middle of a batch, and the next one finishes it, each shipment once', { timeout: 120_000 }, async () => {
    await cancelLeftoverEmails(db);
    const card = await saveTestCard(db, `crash-batch-${Date.now()}@example.com`, '4242424242424242', client);
    const v = await createTestVariant(db, { onHand: 40, priceCents: 900 });
    const placed = [];
    for (let i = 0; i < 40; i++) placed.push(await placePaidOrder(db, [{ variantId: v.variantId, quantity: 1 }], { card }));
    const env = { DATABASE_URL: inject('databaseUrl'), SMTP_URL: undefined, NODE_ENV: 'test', SHIP_BATCH_LANES: '2', SHIP_BATCH_CLAIM_SECONDS: '2' };
    const first = spawnWorker('batch-worker-1', env);
    children.push(first);
    await first.waitFor(/^email-worker: ready$/);
    const started = await startShipBatch(
      { requestKey: randomBytes(16).toString('base64url'), orderNumbers: placed.map((o) => o.number) },
      'owner@example.com',
      db,
    );
    if (!started.ok) throw new Error(started.error);
    // Killed once it is under way, with shipments in hand.
    await expect.poll(async () => (await shipBatchProgress(started.batchId, db))!.processed, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(5);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const atKill = (await shipBatchProgress(started.batchId, db))!;
    expect(atKill.processed).toBeLessThan(40);

    const second = spawnWorker('batch-worker-2', { ...env, SHIPPING_RECOVERY_AFTER_SECONDS: '1' });
    children.push(second);
    await second.waitFor(/^email-worker: ready$/);
    await expect.poll(async () => (await shipBatchProgress(started.batchId, db))!.counts.shipped, { timeout: 60_000, interval: 250 }).toBe(40);
    await second.kill('SIGTERM');
    expect(await emulatorChargeCounts(db, card.customerId)).toEqual({ paymentIntents: 40, charges: 40 });
    const [stock] = await db.select({ onHand: variants.onHand, committed: variants.committed }).from(variants).where(eq(variants.id, v.variantId));
    expect(stock).toEqual({ onHand: 0, committed: 0 });
    expect((await shipBatchProgress(started.batchId, db))!.finishedAt).not.toBeNull();
  });
});
