import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rateLimits } from '@/db/schema';
import { testConnection } from '@/test/database';
import { takeRateLimits, type RateLimit } from './rate-limit';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const limit = (bucket: string, max: number, windowSeconds = 600): RateLimit => ({ bucket, max, windowSeconds });

describe('takeRateLimits', () => {
  it('lets exactly `max` of many concurrent hits through', async () => {
    const l = limit('test:concurrent', 7);
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => takeRateLimits([{ limit: l, key: 'k' }], db)));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(7);
    const refused = outcomes.find((o) => !o.allowed);
    expect(refused).toMatchObject({ allowed: false, bucket: 'test:concurrent' });
    expect(refused && !refused.allowed && refused.retryAfterSeconds).toBeGreaterThan(500);
  });

  it('counts all limits or none: a refusal by one takes no hit from the others', async () => {
    const perAddress = limit('test:address', 5);
    const perCart = limit('test:cart', 2);
    const outcomes = [];
    for (let i = 0; i < 4; i++)
      outcomes.push(
        await takeRateLimits(
          [
            { limit: perAddress, key: '192.0.2.1' },
            { limit: perCart, key: 'cart-1' },
          ],
          db,
        ),
      );
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, false, false]);
    expect(outcomes[2]).toMatchObject({ bucket: 'test:cart' });
    // The address spent only the two allowed hits: three more carts from it get through.
    for (let i = 0; i < 3; i++)
      expect(
        (
          await takeRateLimits(
            [
              { limit: perAddress, key: '192.0.2.1' },
              { limit: perCart, key: `cart-${i + 2}` },
            ],
            db,
          )
        ).allowed,
      ).toBe(true);
    expect(
      (
        await takeRateLimits(
          [
            { limit: perAddress, key: '192.0.2.1' },
            { limit: perCart, key: 'cart-9' },
          ],
          db,
        )
      ).allowed,
    ).toBe(false);
  });

  it('starts a new window once the old one ends, and prunes ended windows', async () => {
    const l = limit('test:window', 1, 1);
    expect((await takeRateLimits([{ limit: l, key: 'k' }], db)).allowed).toBe(true);
    expect((await takeRateLimits([{ limit: l, key: 'k' }], db)).allowed).toBe(false);
    await pool`update rate_limits set resets_at = now() - interval '1 second' where bucket = 'test:window'`;
    await pool`insert into rate_limits (bucket, key, hits, resets_at) select 'test:old', g::text, 1, now() - interval '1 hour' from generate_series(1, 50) g`;
    expect((await takeRateLimits([{ limit: l, key: 'k' }], db)).allowed).toBe(true);
    const { n } = (await pool<{ n: number }[]>`select count(*)::int as n from rate_limits where bucket = 'test:old'`)[0]!;
    expect(n).toBe(0);
  });

  it('stores keys hashed, never the address or email itself', async () => {
    await takeRateLimits([{ limit: limit('test:hashed', 3), key: 'shopper@example.com' }], db);
    const rows = await db
      .select()
      .from(rateLimits)
      .where(sql`${rateLimits.bucket} = 'test:hashed'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key).toMatch(/^[0-9a-f]{64}$/);
  });
});
