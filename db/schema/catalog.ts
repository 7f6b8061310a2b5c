import { sql } from 'drizzle-orm';
import { boolean, char, check, date, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const inventoryPolicy = pgEnum('inventory_policy', ['deny', 'backorder', 'preorder']);
export const shipDateSource = pgEnum('ship_date_source', ['fixed_date', 'lead_time']);

export const products = pgTable('products', {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  title: text().notNull(),
  description: text().notNull().default(''),
  imagePath: text(),
  imageAlt: text().notNull().default(''),
  /** Names of the variant options, in order, e.g. ['Size', 'Colour']; empty for single-variant products. */
  optionNames: text()
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  featured: boolean().notNull().default(false),
  published: boolean().notNull().default(true),
  /** Archived products are hidden everywhere but kept for the orders that refer to them. */
  archivedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const variants = pgTable(
  'product_variants',
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: text().notNull().unique(),
    title: text().notNull(),
    /** Values aligned with products.option_names, e.g. ['M', 'Blue']. */
    optionValues: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    position: integer().notNull().default(0),
    priceCents: integer().notNull(),
    currency: char({ length: 3 }).notNull().default('USD'),
    /** Physical units in the warehouse. */
    onHand: integer().notNull().default(0),
    /** Units on hand that are promised to orders and not yet shipped. */
    committed: integer().notNull().default(0),
    /** Units sold past stock (backorders and pre-orders) waiting for stock to arrive. */
    waiting: integer().notNull().default(0),
    inventoryPolicy: inventoryPolicy().notNull().default('deny'),
    /** Most units that may wait at once; null means no cap. */
    waitingLimit: integer(),
    shipDateSource: shipDateSource(),
    /** Expected ship date for backorders when shipDateSource = fixed_date (a calendar date). */
    fixedShipDate: date({ mode: 'string' }),
    leadTimeDays: integer(),
    /** Release date for pre-orders (a calendar date). */
    releaseDate: date({ mode: 'string' }),
    lowStockThreshold: integer().notNull().default(3),
    safetyStock: integer().notNull().default(0),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('product_variants_product_idx').on(t.productId, t.position),
    check('product_variants_price_nonnegative', sql`${t.priceCents} >= 0`),
    check('product_variants_on_hand_nonnegative', sql`${t.onHand} >= 0`),
    check('product_variants_committed_range', sql`${t.committed} >= 0 and ${t.committed} <= ${t.onHand}`),
    check('product_variants_waiting_nonnegative', sql`${t.waiting} >= 0`),
    check('product_variants_waiting_limit_nonnegative', sql`${t.waitingLimit} is null or ${t.waitingLimit} >= 0`),
    check('product_variants_lead_time_positive', sql`${t.leadTimeDays} is null or ${t.leadTimeDays} > 0`),
    check('product_variants_low_stock_nonnegative', sql`${t.lowStockThreshold} >= 0`),
    check('product_variants_safety_stock_nonnegative', sql`${t.safetyStock} >= 0`),
    check(
      'product_variants_ship_date_source',
      sql`(${t.shipDateSource} is distinct from 'fixed_date' or ${t.fixedShipDate} is not null)
        and (${t.shipDateSource} is distinct from 'lead_time' or ${t.leadTimeDays} is not null)`,
    ),
  ],
);

export type Product = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;
export type Variant = typeof variants.$inferSelect;
export type NewVariant = typeof variants.$inferInsert;
