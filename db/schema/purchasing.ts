import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { variants } from './catalog';

// ---------------------------------------------------------------------------------------------
// Purchase orders: stock the store has ordered from its suppliers, with the date it is expected.
// Receiving a line adds its units to stock (and so fills waiting orders first, lib/orders/
// allocate-arrivals.ts); the open quantities of open purchase orders date the waiting units.
// ---------------------------------------------------------------------------------------------

/** open: nothing received yet; partly_received: some lines or units in; received: all in; cancelled: not coming. */
export const PURCHASE_ORDER_STATUSES = ['open', 'partly_received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** What staff and suppliers quote ("PO 12"). */
    number: integer().notNull().unique().generatedAlwaysAsIdentity({ startWith: 1 }),
    supplier: text().notNull(),
    /** When the supplier says it arrives (a calendar date). */
    expectedDate: date({ mode: 'string' }).notNull(),
    status: text().$type<PurchaseOrderStatus>().notNull().default('open'),
    /** The staff member's email, or a process such as 'seed'. */
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('purchase_orders_status_idx').on(t.status, t.expectedDate),
    check('purchase_orders_status', sql`${t.status} in (${inList(PURCHASE_ORDER_STATUSES)})`),
    check('purchase_orders_supplier', sql`length(${t.supplier}) between 1 and 200`),
  ],
);

export const purchaseOrderLines = pgTable(
  'purchase_order_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    purchaseOrderId: uuid()
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: 'cascade' }),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'restrict' }),
    quantity: integer().notNull(),
    receivedQuantity: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('purchase_order_lines_variant_unique').on(t.purchaseOrderId, t.variantId),
    index('purchase_order_lines_variant_idx').on(t.variantId),
    check('purchase_order_lines_quantity', sql`${t.quantity} > 0 and ${t.receivedQuantity} >= 0 and ${t.receivedQuantity} <= ${t.quantity}`),
  ],
);

export type PurchaseOrder = typeof purchaseOrders.$inferSelect;
export type PurchaseOrderLine = typeof purchaseOrderLines.$inferSelect;
