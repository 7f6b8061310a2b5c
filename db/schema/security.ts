import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Fixed-window counters for lib/security/rate-limit.ts: one row per (bucket, key), e.g.
 * ('checkout-card:address', '203.0.113.7'). A row whose window has ended counts as empty and is
 * pruned by later calls.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text().notNull(),
    key: text().notNull(),
    hits: integer().notNull(),
    resetsAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key] }), index('rate_limits_resets_idx').on(t.resetsAt), check('rate_limits_hits_positive', sql`${t.hits} > 0`)],
);
