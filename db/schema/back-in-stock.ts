import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { variants } from './catalog';

/** waiting: to be emailed when the variant can be bought again; notified: emailed (once); unsubscribed: asked not to be. */
export const BACK_IN_STOCK_STATUSES = ['waiting', 'notified', 'unsubscribed'] as const;
export type BackInStockStatus = (typeof BACK_IN_STOCK_STATUSES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * "Email me when it's back" signups for sold-out variants (lib/back-in-stock). One waiting signup
 * per variant and address; when the variant becomes purchasable its waiting signups are emailed,
 * oldest first, in the transaction that made it purchasable.
 */
export const backInStockSignups = pgTable(
  'back_in_stock_signups',
  {
    id: uuid().primaryKey().defaultRandom(),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    /** Lower-cased and trimmed. */
    email: text().notNull(),
    status: text().$type<BackInStockStatus>().notNull().default('waiting'),
    /** The long random key in the message's one-click unsubscribe link. */
    unsubscribeToken: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
    notifiedAt: timestamp({ withTimezone: true }),
    unsubscribedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('back_in_stock_signups_waiting_unique')
      .on(t.variantId, t.email)
      .where(sql`${t.status} = 'waiting'`),
    index('back_in_stock_signups_variant_idx').on(t.variantId, t.status, t.createdAt),
    index('back_in_stock_signups_email_idx').on(t.email),
    check('back_in_stock_signups_status', sql`${t.status} in (${inList(BACK_IN_STOCK_STATUSES)})`),
    check('back_in_stock_signups_notified', sql`(${t.status} = 'notified') = (${t.notifiedAt} is not null)`),
  ],
);

export type BackInStockSignup = typeof backInStockSignups.$inferSelect;
