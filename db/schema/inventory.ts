import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { variants } from './catalog';

/**
 * Why stock moved. `sold` counts toward demand (sales outside this store, e.g. a market stall);
 * `shipped` is an order's shipment leaving (lib/shipping), out of on hand and committed together.
 */
export const STOCK_MOVEMENT_KINDS = ['opening', 'received', 'sold', 'returned', 'damaged', 'count', 'other', 'shipped'] as const;
export const stockMovementKind = pgEnum('stock_movement_kind', STOCK_MOVEMENT_KINDS);
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

/**
 * Append-only ledger: every change to a variant's on-hand count writes one row here,
 * in the same transaction as the change.
 */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    kind: stockMovementKind().notNull().default('other'),
    change: integer().notNull(),
    onHandAfter: integer().notNull(),
    reason: text().notNull(),
    /** Who made the change: a staff email, or a system process such as 'seed'. */
    actor: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stock_movements_variant_idx').on(t.variantId, t.createdAt),
    index('stock_movements_kind_idx').on(t.kind, t.createdAt),
    check('stock_movements_change_nonzero', sql`${t.change} <> 0`),
    check('stock_movements_on_hand_after_nonnegative', sql`${t.onHandAfter} >= 0`),
  ],
);

export type StockMovement = typeof stockMovements.$inferSelect;
