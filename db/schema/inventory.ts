import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid, bigserial } from 'drizzle-orm/pg-core';
import { variants } from './catalog';

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
    change: integer().notNull(),
    onHandAfter: integer().notNull(),
    reason: text().notNull(),
    /** Who made the change: a staff email, or a system process such as 'seed'. */
    actor: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stock_movements_variant_idx').on(t.variantId, t.createdAt),
    check('stock_movements_change_nonzero', sql`${t.change} <> 0`),
    check('stock_movements_on_hand_after_nonnegative', sql`${t.onHandAfter} >= 0`),
  ],
);

export type StockMovement = typeof stockMovements.$inferSelect;
