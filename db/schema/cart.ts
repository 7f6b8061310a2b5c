import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { MAX_LINE_QUANTITY } from '../../lib/cart/limits';
import { variants } from './catalog';

export const CART_LINE_STATES = ['in_stock', 'backorder', 'preorder', 'sold_out'] as const;
export const LATER_KINDS = ['backorder', 'preorder'] as const;
export type LaterKindValue = (typeof LATER_KINDS)[number];

/**
 * A shopper's cart. The browser holds only a random token in an httpOnly cookie; the table
 * keeps its SHA-256, so a copy of the database does not hand out live carts.
 */
export const carts = pgTable(
  'carts',
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull().unique(),
    /**
     * The checkout's idempotency key: every "Place order" for this cart sends it, so a double
     * click, a retry or a replay finds the order the first request created. Never sent by the client.
     */
    checkoutKey: text().notNull().unique(),
    /**
     * The card step "Continue to payment" prepared for this checkout: the SetupIntent, the Customer
     * it belongs to and the email it was prepared for. "Place order" accepts only this SetupIntent
     * (lib/checkout/card-setup-store.ts); a new email replaces all three.
     */
    stripeCustomerId: text(),
    stripeSetupIntentId: text(),
    cardSetupEmail: text(),
    /** Set when an order is placed from the cart; a checked-out cart is never shown or changed again. */
    checkedOutAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('carts_updated_idx').on(t.updatedAt),
    check(
      'carts_card_setup_complete',
      sql`(${t.stripeCustomerId} is null) = (${t.stripeSetupIntentId} is null) and (${t.stripeSetupIntentId} is null) = (${t.cardSetupEmail} is null)`,
    ),
  ],
);

/**
 * One variant in a cart. The `shown_*` columns keep what the shopper was last shown for the line
 * (its state, split, date and price), so the next cart or checkout view can say what changed
 * when stock, dates or prices moved while the item sat in the cart.
 */
export const cartLines = pgTable(
  'cart_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    cartId: uuid()
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    quantity: integer().notNull(),
    shownState: text().$type<(typeof CART_LINE_STATES)[number]>().notNull(),
    shownShipNow: integer().notNull(),
    shownLater: integer().notNull(),
    shownLaterKind: text().$type<LaterKindValue>(),
    shownLaterDate: date({ mode: 'string' }),
    shownUnitPriceCents: integer().notNull(),
    shownAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('cart_lines_cart_variant_unique').on(t.cartId, t.variantId),
    index('cart_lines_variant_idx').on(t.variantId),
    check('cart_lines_quantity_range', sql`${t.quantity} between 1 and ${sql.raw(String(MAX_LINE_QUANTITY))}`),
    check('cart_lines_shown_state', sql`${t.shownState} in ('in_stock', 'backorder', 'preorder', 'sold_out')`),
    check('cart_lines_shown_later_kind', sql`${t.shownLaterKind} is null or ${t.shownLaterKind} in ('backorder', 'preorder')`),
    check('cart_lines_shown_counts', sql`${t.shownShipNow} >= 0 and ${t.shownLater} >= 0 and ${t.shownShipNow} + ${t.shownLater} <= ${t.quantity}`),
  ],
);

export type Cart = typeof carts.$inferSelect;
export type CartLineRow = typeof cartLines.$inferSelect;
