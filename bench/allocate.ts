/**
 * Benchmark: one receipt fills 10,000 waiting lines (issue 10: under 1 second on the 2-core
 * machine). Builds 10,000 backordered one-unit orders of one variant straight in SQL (placing them
 * through checkout would take minutes and measure something else), then times adjustStock(+10,000):
 * the whole receiving transaction, with the FIFO allocation, the queue closing up, 10,000
 * shipments becoming ready and their events. Runs on a fresh database of its own (the server at
 * DATABASE_URL, or an embedded PostgreSQL), three rounds, and prints each and the median.
 *
 *   npm run bench            (all benchmarks)
 *   npx tsx --conditions=react-server bench/allocate.ts
 */
import { connect } from '../db/connect';
import { createTestDatabase } from '../db/test-database';
import { adjustStock } from '../lib/inventory/adjust-stock';

const LINES = Number(process.env.BENCH_ALLOCATE_LINES ?? 10_000);
const ROUNDS = 3;

async function main() {
  const database = await createTestDatabase('bench');
  const { sql, db } = connect(database.url, { max: 2 });
  const timings: number[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const [variant] = await sql<{ id: string }[]>`
        with p as (insert into products (slug, title) values (${`bench-${round}-${Date.now()}`}, 'Benchmark skillet') returning id)
        insert into product_variants (product_id, sku, title, price_cents, inventory_policy, ship_date_source, lead_time_days, waiting)
        select id, ${`BENCH-${round}-${Date.now()}`}, 'Default', 3400, 'backorder', 'lead_time', 14, ${LINES} from p
        returning id`;
      const variantId = variant!.id;
      await sql.begin(async (t) => {
        await t`
          create temporary table bench_orders on commit drop as
          select n, gen_random_uuid() as order_id, gen_random_uuid() as line_id, gen_random_uuid() as shipment_id
          from generate_series(1, ${LINES}) n`;
        await t`
          insert into orders (id, public_token, idempotency_key, email, full_name, address_line, city, postal_code, country, currency,
                              items_cents, shipping_cents, total_cents, stripe_customer_id, stripe_setup_intent_id, stripe_payment_method_id,
                              card_brand, card_last4, card_exp_month, card_exp_year, placed_at)
          select order_id, 'bench-' || order_id, 'bench-' || order_id, 'bench' || n || '@example.com', 'Bench Shopper', '1 Main St', 'Springfield',
                 '97477', 'US', 'USD', 3400, 0, 3400, 'cus_bench', 'seti_bench', 'pm_bench', 'visa', '4242', 12, 2030,
                 now() - make_interval(secs => ${LINES} - n)
          from bench_orders`;
        await t`
          insert into order_lines (id, order_id, position, variant_id, product_slug, product_title, variant_title, sku, unit_price_cents, quantity,
                                   ship_now_quantity, later_quantity, later_kind, later_date, line_total_cents)
          select line_id, order_id, 1, ${variantId}, 'bench', 'Benchmark skillet', 'Default', 'BENCH', 3400, 1, 0, 1, 'backorder', current_date + 14, 3400
          from bench_orders`;
        await t`
          insert into shipments (id, order_id, sequence, kind, expected_date, status, currency, items_cents, shipping_cents, amount_cents)
          select shipment_id, order_id, 1, 'backorder', current_date + 14, 'planned', 'USD', 3400, 0, 3400 from bench_orders`;
        await t`insert into shipment_lines (shipment_id, order_line_id, quantity, amount_cents) select shipment_id, line_id, 1, 3400 from bench_orders`;
        await t`insert into waiting_queue (variant_id, order_line_id, units, position, expected_date) select ${variantId}, line_id, 1, n, current_date + 14 from bench_orders`;
        await t`insert into variant_queue_counters (variant_id, last_position) values (${variantId}, ${LINES})`;
      });
      await sql`analyze`;

      const started = performance.now();
      await adjustStock({ variantId, change: LINES, kind: 'received', reason: 'Benchmark receipt', actor: 'bench' }, db);
      const ms = performance.now() - started;
      timings.push(ms);

      const [check] = await sql<{ waiting: number; committed: number; ready: number }[]>`
        select v.waiting, v.committed, (select count(*)::int from shipments s join order_lines l on l.order_id = s.order_id
                                         where l.variant_id = v.id and s.status = 'ready_to_ship') as ready
        from product_variants v where v.id = ${variantId}`;
      if (check!.waiting !== 0 || check!.committed !== LINES || check!.ready !== LINES)
        throw new Error(`round ${round}: not all filled: ${JSON.stringify(check)}`);
      console.log(`allocate: round ${round}: one receipt filled ${LINES.toLocaleString('en-US')} waiting lines in ${ms.toFixed(0)} ms`);
    }
  } finally {
    await sql.end({ timeout: 5 });
    await database.drop();
  }
  const median = [...timings].sort((a, b) => a - b)[Math.floor(timings.length / 2)]!;
  console.log(`allocate: median ${median.toFixed(0)} ms for ${LINES.toLocaleString('en-US')} lines (target: under 1,000 ms)`);
  if (median >= 1000) process.exitCode = 1;
}

await main();
