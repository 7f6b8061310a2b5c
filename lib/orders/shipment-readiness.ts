import 'server-only';
import { sql, type SQL } from 'drizzle-orm';

/**
 * Of the planned shipments that `candidates` names (a query with one column, shipment_id, each
 * once), those now ready to ship: with a line still in the order and none of those lines waiting
 * for stock. Receiving and cancelling both ask this of the shipments they touched. Driven from the
 * candidates by joins, never "= any(array)" or an anti-join: statistics taken before a large
 * receipt still call every line waiting, and a plan built on that goes quadratic.
 */
export function readyAmong(candidates: SQL): SQL {
  return sql`
    select c.shipment_id as id, s.order_id as "orderId"
    from (${candidates}) c
    join shipments s on s.id = c.shipment_id and s.status = 'planned'
    join shipment_lines sl on sl.shipment_id = c.shipment_id and sl.cancelled_at is null
    left join waiting_queue w on w.order_line_id = sl.order_line_id and w.status = 'waiting'
    group by c.shipment_id, s.order_id
    having count(w.order_line_id) = 0`;
}
