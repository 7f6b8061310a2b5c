import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { db as appDb, type Database, type Executor } from '@/db/client';

// Fixed-window counters in PostgreSQL, shared by every app server. Each hit is one conditional
// upsert: PostgreSQL locks the (bucket, key) row, then counts the hit only if the window has
// ended or is under its limit, so concurrent requests can never pass more than `max` hits.

export interface RateLimit {
  /** Names what is limited, e.g. 'checkout-card:address'. */
  bucket: string;
  /** Hits allowed per window (1 or more). */
  max: number;
  windowSeconds: number;
}

export type RateLimitOutcome = { allowed: true } | { allowed: false; bucket: string; retryAfterSeconds: number };

const PRUNE_BATCH = 200;

class Refused extends Error {
  constructor(readonly outcome: Extract<RateLimitOutcome, { allowed: false }>) {
    super('rate limited');
  }
}

/** Keys are stored hashed: the table holds no addresses or emails. */
const hashed = (key: string) => createHash('sha256').update(key).digest('hex');

async function hit(tx: Executor, limit: RateLimit, key: string): Promise<boolean> {
  const rows = await tx.execute<{ hits: number }>(sql`
    insert into rate_limits as r (bucket, key, hits, resets_at)
    values (${limit.bucket}, ${key}, 1, now() + make_interval(secs => ${limit.windowSeconds}))
    on conflict (bucket, key) do update set
      hits = case when r.resets_at <= now() then 1 else r.hits + 1 end,
      resets_at = case when r.resets_at <= now() then excluded.resets_at else r.resets_at end
    where r.resets_at <= now() or r.hits < ${limit.max}
    returning hits`);
  return rows.length === 1;
}

async function secondsUntilReset(tx: Executor, bucket: string, key: string): Promise<number> {
  const [row] = await tx.execute<{ s: number }>(
    sql`select greatest(1, ceil(extract(epoch from resets_at - now())))::int as s from rate_limits where bucket = ${bucket} and key = ${key}`,
  );
  return row?.s ?? 1;
}

/** Deletes a bounded batch of ended windows, skipping rows another request holds (never waits). */
async function pruneEnded(database: Database): Promise<void> {
  await database.execute(sql`
    delete from rate_limits where (bucket, key) in (
      select bucket, key from rate_limits where resets_at < now() limit ${PRUNE_BATCH} for update skip locked)`);
}

/**
 * Counts one hit against each limit for its key, all or nothing: if any limit is reached, no hit
 * is counted anywhere and the answer says which limit and for how long. Keys are taken in a fixed
 * order, so concurrent calls with overlapping keys cannot deadlock.
 */
export async function takeRateLimits(checks: { limit: RateLimit; key: string }[], database: Database = appDb): Promise<RateLimitOutcome> {
  for (const { limit } of checks) {
    if (!Number.isInteger(limit.max) || limit.max < 1 || !(limit.windowSeconds > 0)) throw new Error(`Bad rate limit ${limit.bucket}`);
  }
  await pruneEnded(database);
  const ordered = checks
    .map(({ limit, key }) => ({ limit, key: hashed(key) }))
    .sort((a, b) => a.limit.bucket.localeCompare(b.limit.bucket) || a.key.localeCompare(b.key));
  try {
    await database.transaction(async (tx) => {
      for (const { limit, key } of ordered) {
        if (!(await hit(tx, limit, key))) {
          throw new Refused({ allowed: false, bucket: limit.bucket, retryAfterSeconds: await secondsUntilReset(tx, limit.bucket, key) });
        }
      }
    });
    return { allowed: true };
  } catch (err) {
    if (err instanceof Refused) return err.outcome;
    throw err;
  }
}

/** "3 minutes", "1 minute", "40 seconds": for messages that say when to try again. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
