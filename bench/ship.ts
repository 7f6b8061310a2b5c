/**
 * Benchmark: "Ship selected" on 1,000 ready shipments, charged against the Stripe emulator
 * (issue 11: under 30 seconds on the 2-core machine). Builds 1,000 paid one-unit orders straight
 * in SQL, each ready to ship with the same saved test card, starts one batch as the admin's
 * button does, and times the worker's lanes shipping it: for each shipment the charging step, the
 * off-session PaymentIntent in the emulator, and the shipped step (stock out, events, email).
 * Runs on a fresh database of its own (the server at DATABASE_URL, or an embedded PostgreSQL).
 *
 *   npm run bench            (all benchmarks)
 *   npx tsx --conditions=react-server bench/ship.ts
 */
import { randomBytes } from 'node:crypto';
import { connect } from '../db/connect';
import { createTestDatabase } from '../db/test-database';
import { emulatorChargeCounts, emulatorClient, saveTestCard } from '../lib/payments/emulator/testing';
import { startShipBatchLanes } from '../lib/shipping/batch-lanes';
import { shipBatchProgress, startShipBatch } from '../lib/shipping/ship-batch';
import { seedOneUnitOrders } from './seed-orders';

const SHIPMENTS = Number(process.env.BENCH_SHIP_SHIPMENTS ?? 1_000);
const LANES = Number(process.env.BENCH_SHIP_LANES ?? 4);
const TARGET_MS = 30_000;

async function main() {
  const database = await createTestDatabase('bench-ship');
  const { sql, db } = connect(database.url, { max: LANES + 4 });
  const client = emulatorClient(db);
  try {
    const card = await saveTestCard(db, `bench-${randomBytes(4).toString('hex')}@example.com`, '4242424242424242', client);
    const [variant] = await sql<{ id: string }[]>`
      with p as (insert into products (slug, title) values (${`bench-ship-${Date.now()}`}, 'Benchmark mug') returning id)
      insert into product_variants (product_id, sku, title, price_cents, on_hand, committed)
      select id, ${`BENCH-SHIP-${Date.now()}`}, 'Default', 1800, ${SHIPMENTS}, ${SHIPMENTS} from p
      returning id`;
    await seedOneUnitOrders(sql, {
      variantId: variant!.id,
      count: SHIPMENTS,
      title: 'Benchmark mug',
      priceCents: 1800,
      shippingCents: 500,
      card,
      state: 'ready',
    });

    const started = performance.now();
    const batch = await startShipBatch({ requestKey: randomBytes(16).toString('base64url'), all: true }, 'bench@example.com', db);
    if (!batch.ok) throw new Error(batch.error);
    const lanes = startShipBatchLanes(db, { lanes: LANES, pollMs: 200, client, log: () => {} });
    // Watches the batch cheaply (the progress page's full read every 250 ms would be the benchmark's own load).
    const done = async () =>
      (await sql<{ finished: boolean }[]>`select finished_at is not null as finished from ship_batches where id = ${batch.batchId}`)[0]!.finished;
    let lastPrint = performance.now();
    while (!(await done())) {
      await new Promise((r) => setTimeout(r, 100));
      if (performance.now() - lastPrint > 5_000) {
        lastPrint = performance.now();
        const progress = (await shipBatchProgress(batch.batchId, db))!;
        console.log(`ship: ${progress.processed.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')} shipped…`);
      }
    }
    const ms = performance.now() - started;
    await lanes.stop();

    const [totals] = await sql<{ shipped: number; charged: number; onHand: number; committed: number }[]>`
      select (select count(*)::int from shipments where status = 'shipped') as shipped,
             (select coalesce(sum(charged_cents), 0)::int from shipments) as charged,
             v.on_hand as "onHand", v.committed
      from product_variants v where v.id = ${variant!.id}`;
    const check = { ...totals!, pis: (await emulatorChargeCounts(db, card.customerId)).paymentIntents };
    const expected = { shipped: SHIPMENTS, charged: SHIPMENTS * 2300, onHand: 0, committed: 0, pis: SHIPMENTS };
    if (JSON.stringify(check) !== JSON.stringify(expected))
      throw new Error(`not all shipped once: ${JSON.stringify(check)} (expected ${JSON.stringify(expected)})`);
    console.log(
      `ship: ${SHIPMENTS.toLocaleString('en-US')} shipments charged and shipped in ${(ms / 1000).toFixed(1)} s with ${LANES} lanes ` +
        `(${(ms / SHIPMENTS).toFixed(1)} ms each; target: under ${TARGET_MS / 1000} s)`,
    );
    if (ms >= TARGET_MS) process.exitCode = 1;
  } finally {
    await sql.end({ timeout: 5 });
    await database.drop();
  }
}

await main();
