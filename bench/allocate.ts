/**
 * Benchmark: one receipt fills 10,000 waiting lines (issue 10: under 1 second on the 2-core
 * machine). Builds 10,000 backordered one-unit orders of one variant, then times
 * adjustStock(+10,000): the whole receiving transaction, with the FIFO allocation, the queue
 * closing up, 10,000 shipments becoming ready and their events. Runs on a fresh database of its own (the server at
 * DATABASE_URL, or an embedded PostgreSQL), three rounds, and prints each and the median.
 *
 *   npm run bench            (all benchmarks)
 *   npx tsx --conditions=react-server bench/allocate.ts
 */
import { connect } from '../db/connect';
import { createTestDatabase } from '../db/test-database';
import { adjustStock } from '../lib/inventory/adjust-stock';
import { seedOneUnitOrders } from './seed-orders';

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
      await seedOneUnitOrders(sql, {
        variantId,
        count: LINES,
        title: 'Benchmark skillet',
        priceCents: 3400,
        shippingCents: 0,
        card: { customerId: 'cus_bench', paymentMethodId: 'pm_bench' },
        state: 'waiting',
      });

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
