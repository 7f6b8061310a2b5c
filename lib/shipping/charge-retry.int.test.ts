import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { paymentAttempts, shipments } from '@/db/schema';
import { startEmailWorker, type EmailWorker } from '@/lib/email/worker';
import { createTestVariant } from '@/lib/orders/testing/fixtures';
import { emulatorChargeCounts, emulatorClient } from '@/lib/payments/emulator/testing';
import type { FetchFn } from '@/lib/payments/stripe-client';
import { testConnection } from '@/test/database';
import { placePaidOrder } from '@/test/paid-orders';
import { CHARGE_QUEUE, CHARGE_RETRY } from './charge-job';
import { shipShipment } from './ship-shipment';

const { sql: pool, db } = testConnection();
let worker: EmailWorker | null = null;
afterAll(async () => {
  await worker?.stop();
  await pool.end();
});

describe("the worker's charge job", () => {
  it('retries a charge the provider failed transiently, after its backoff and with the same key, until it ships once', async () => {
    const v = await createTestVariant(db, { onHand: 3, priceCents: 2000 });
    const o = await placePaidOrder(db, [{ variantId: v.variantId, quantity: 1 }]);
    const [s] = await db.select().from(shipments).where(eq(shipments.orderId, o.id));
    // This customer's charges get a 503 twice (the shipping step's try, then the job's first run),
    // then go through; every other request (other suites' leftovers) passes untouched.
    let failures = 2;
    const tries: { key: string | null; at: number }[] = [];
    const flaky = emulatorClient(db, {
      wrapFetch:
        (inner: FetchFn): FetchFn =>
        async (input, init) => {
          const charge = String(input).endsWith('/v1/payment_intents') && String(init?.body ?? '').includes(o.card.customerId);
          if (charge) {
            tries.push({ key: new Headers(init?.headers).get('idempotency-key'), at: Date.now() });
            if (failures-- > 0)
              return new Response(JSON.stringify({ error: { type: 'api_error', message: 'Simulated 503' } }), {
                status: 503,
                headers: { 'content-type': 'application/json' },
              });
          }
          return inner(input, init);
        },
    });

    expect(await shipShipment({ shipmentId: s!.id }, 'owner@example.com', { database: db, client: flaky, maxTries: 1 })).toMatchObject({
      ok: true,
      status: 'charging',
    });
    // A worker starting now sweeps the charging shipment onto its queue at once (recovery after 0 s).
    worker = await startEmailWorker({ databaseUrl: inject('databaseUrl'), chargeRecoveryAfterSeconds: 0, shipLanes: 0, paymentsClient: flaky, log: () => {} });
    await expect
      .poll(async () => (await db.select({ status: shipments.status }).from(shipments).where(eq(shipments.id, s!.id)))[0]!.status, {
        timeout: 45_000,
        interval: 250,
      })
      .toBe('shipped');

    expect(tries.map((t) => t.key)).toEqual(Array(3).fill(`shipment:${s!.id}:attempt:1`));
    // The job's second run waited out pg-boss's retry delay after its first.
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(CHARGE_RETRY.retryDelay * 1000 - 500);
    const [job] = await db.execute<{ state: string; retryCount: number }>(sql`
      select state, retry_count as "retryCount" from pgboss.job where name = ${CHARGE_QUEUE} and data->>'shipmentId' = ${s!.id}`);
    expect(job).toEqual({ state: 'completed', retryCount: 1 });
    expect(await emulatorChargeCounts(db, o.card.customerId)).toEqual({ paymentIntents: 1, charges: 1 });
    const attempts = await db
      .select()
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.shipmentId, s!.id), eq(paymentAttempts.status, 'succeeded')));
    expect(attempts).toHaveLength(1);
  }, 60_000);
});
