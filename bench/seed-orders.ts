/**
 * Builds a benchmark's orders straight in SQL: placing thousands through checkout would take
 * minutes and measure something else. Each order is one unit of one variant, placed a second
 * after the one before, in one shipment of its own.
 */
import type { Sql } from 'postgres';

export interface SeedOrders {
  variantId: string;
  count: number;
  title: string;
  priceCents: number;
  shippingCents: number;
  card: { customerId: string; paymentMethodId: string };
  /**
   * 'ready': the unit is in stock (committed by the caller's variant row) and the shipment ready
   * to ship. 'waiting': the unit is backordered, 14 days out, in the variant's queue in order.
   */
  state: 'ready' | 'waiting';
}

export async function seedOneUnitOrders(sql: Sql, o: SeedOrders): Promise<void> {
  const waiting = o.state === 'waiting';
  const total = o.priceCents + o.shippingCents;
  await sql.begin(async (t) => {
    await t`
      create temporary table bench_orders on commit drop as
      select n, gen_random_uuid() as order_id, gen_random_uuid() as line_id, gen_random_uuid() as shipment_id
      from generate_series(1, ${o.count}) n`;
    await t`
      insert into orders (id, public_token, idempotency_key, email, full_name, address_line, city, postal_code, country, currency,
                          items_cents, shipping_cents, total_cents, stripe_customer_id, stripe_setup_intent_id, stripe_payment_method_id,
                          card_brand, card_last4, card_exp_month, card_exp_year, placed_at)
      select order_id, 'bench-' || order_id, 'bench-' || order_id, 'bench' || n || '@example.com', 'Bench Shopper', '1 Main St', 'Springfield',
             '97477', 'US', 'USD', ${o.priceCents}, ${o.shippingCents}, ${total}, ${o.card.customerId}, 'seti_bench', ${o.card.paymentMethodId},
             'visa', '4242', 12, 2030, now() - make_interval(secs => ${o.count} - n)
      from bench_orders`;
    await t`
      insert into order_lines (id, order_id, position, variant_id, product_slug, product_title, variant_title, sku, unit_price_cents, quantity,
                               ship_now_quantity, later_quantity, later_kind, later_date, line_total_cents)
      select line_id, order_id, 1, ${o.variantId}, 'bench', ${o.title}, 'Default', 'BENCH', ${o.priceCents}, 1,
             ${waiting ? 0 : 1}, ${waiting ? 1 : 0}, case when ${waiting}::boolean then 'backorder' end,
             case when ${waiting}::boolean then current_date + 14 end, ${o.priceCents}
      from bench_orders`;
    await t`
      insert into shipments (id, order_id, sequence, kind, expected_date, status, currency, items_cents, shipping_cents, amount_cents)
      select shipment_id, order_id, 1, ${waiting ? 'backorder' : 'now'}, case when ${waiting}::boolean then current_date + 14 end,
             ${waiting ? 'planned' : 'ready_to_ship'}, 'USD', ${o.priceCents}, ${o.shippingCents}, ${total}
      from bench_orders`;
    await t`insert into shipment_lines (shipment_id, order_line_id, quantity, amount_cents) select shipment_id, line_id, 1, ${o.priceCents} from bench_orders`;
    if (waiting) {
      await t`insert into waiting_queue (variant_id, order_line_id, units, position, expected_date) select ${o.variantId}, line_id, 1, n, current_date + 14 from bench_orders`;
      await t`insert into variant_queue_counters (variant_id, last_position) values (${o.variantId}, ${o.count})`;
    }
  });
  await sql`analyze`;
}
