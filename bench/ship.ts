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
    await sql.begin(async (t) => {
      await t`
        create temporary table bench_orders on commit drop as
        select n, gen_random_uuid() as order_id, gen_random_uuid() as line_id, gen_random_uuid() as shipment_id
        from generate_series(1, ${SHIPMENTS}) n`;
      await t`
        insert into orders (id, public_token, idempotency_key, email, full_name, address_line, city, postal_code, country, currency,
                            items_cents, shipping_cents, total_cents, stripe_customer_id, stripe_setup_intent_id, stripe_payment_method_id,
                            card_brand, card_last4, card_exp_month, card_exp_year, placed_at)
        select order_id, 'bench-' || order_id, 'bench-' || order_id, 'bench' || n || '@example.com', 'Bench Shopper', '1 Main St', 'Springfield',
               '97477', 'US', 'USD', 1800, 500, 2300, ${card.customerId}, 'seti_bench', ${card.paymentMethodId}, 'visa', '4242', 12, 2030,
               now() - make_interval(secs => ${SHIPMENTS} - n)
        from bench_orders`;
      await t`
        insert into order_lines (id, order_id, position, variant_id, product_slug, product_title, variant_title, sku, unit_price_cents, quantity,
                                 ship_now_quantity, later_quantity, line_total_cents)
        select line_id, order_id, 1, ${variant!.id}, 'bench', 'Benchmark mug', 'Default', 'BENCH', 1800, 1, 1, 0, 1800 from bench_orders`;
      await t`
        insert into shipments (id, order_id, sequence, kind, status, currency, items_cents, shipping_cents, amount_cents)
        select shipment_id, order_id, 1, 'now', 'ready_to_ship', 'USD', 1800, 500, 2300 from bench_orders`;
      await t`insert into shipment_lines (shipment_id, order_line_id, quantity, amount_cents) select shipment_id, line_id, 1, 1800 from bench_orders`;
    });
    await sql`analyze`;

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
