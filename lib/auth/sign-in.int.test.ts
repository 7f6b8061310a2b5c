import { randomBytes } from 'node:crypto';
import { verifyPassword } from 'better-auth/crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authAccounts, authUsers, signInFailures } from '@/db/schema';
import { testConnection } from '@/test/database';
import { SIGN_IN_BUSY, SIGN_IN_ERROR, SIGN_IN_LOCKED, signInStaff } from './sign-in';
import { MAX_FAILURES_PER_ADDRESS, MAX_QUEUE_MS, SLOW_DOWN_AFTER, signInDelayMs } from './sign-in-limits';
import { createStaffAccount } from './staff-accounts';

const { sql: pool, db } = testConnection();
const PASSWORD = 'the right password, long enough';
const waits: number[] = [];

/** The real password check (scrypt hash in auth_accounts); only the session cookie is left out. */
async function verify(email: string, password: string): Promise<boolean> {
  const [row] = await db
    .select({ hash: authAccounts.password })
    .from(authAccounts)
    .innerJoin(authUsers, eq(authUsers.id, authAccounts.userId))
    .where(and(eq(authUsers.email, email), eq(authAccounts.providerId, 'credential')));
  return !!row?.hash && verifyPassword({ hash: row.hash, password });
}

const attempt = (email: string, password: string, ip: string) =>
  signInStaff({ email, password }, ip, { database: db, verify, wait: async (ms) => void waits.push(ms) });

async function newOwner(): Promise<string> {
  const email = `owner-${randomBytes(4).toString('hex')}@example.com`;
  await createStaffAccount({ email, name: 'Owner', password: PASSWORD, role: 'owner' }, db);
  return email;
}

beforeAll(() => {
  process.env.DATABASE_URL = inject('databaseUrl');
  process.env.BETTER_AUTH_SECRET ??= randomBytes(32).toString('hex');
});
afterAll(() => pool.end());

describe('staff sign-in throttling', () => {
  it('six wrong guesses from other addresses do not lock the owner out (they only slow down)', async () => {
    const email = await newOwner();
    for (let i = 1; i <= 6; i++) expect(await attempt(email, `wrong guess ${i}`, `198.51.100.${i}`)).toEqual({ ok: false, error: SIGN_IN_ERROR });
    waits.length = 0;
    expect(await attempt(email, PASSWORD, '203.0.113.10')).toEqual({ ok: true });
    expect(waits.length).toBe(1);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(2000);
  });

  it('five failures for an email from one address refuse that address, not another', async () => {
    const email = await newOwner();
    for (let i = 0; i < 5; i++) await attempt(email, `wrong ${i}`, '198.51.100.50');
    expect(await attempt(email, PASSWORD, '198.51.100.50')).toEqual({ ok: false, error: SIGN_IN_LOCKED });
    expect(await attempt(email, PASSWORD, '198.51.100.51')).toEqual({ ok: true });
    // Another account from the first address is still allowed (that address is under its own limit).
    const other = await newOwner();
    expect(await attempt(other, PASSWORD, '198.51.100.50')).toEqual({ ok: true });
  });

  it('more than 20 failures from one address refuse it for any email, even with the right password', async () => {
    const owner = await newOwner();
    const ip = '198.51.100.77';
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      expect(await attempt(`guess-${i}@example.com`, 'whatever password', ip)).toEqual({ ok: false, error: SIGN_IN_ERROR });
    }
    expect(await attempt(owner, PASSWORD, ip)).toEqual({ ok: false, error: SIGN_IN_LOCKED });
    expect(await attempt('yet-another@example.com', 'whatever password', ip)).toEqual({ ok: false, error: SIGN_IN_LOCKED });
    // Refused attempts are not recorded, so they do not extend the lock.
    const { n } = (await pool<{ n: number }[]>`select count(*)::int as n from sign_in_failures where ip = ${ip}`)[0]!;
    expect(n).toBe(MAX_FAILURES_PER_ADDRESS);
    expect(await attempt(owner, PASSWORD, '198.51.100.78')).toEqual({ ok: true });
  });

  it('concurrent guesses from one address cannot get past the limit', async () => {
    const ip = '198.51.100.90';
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`racer-${i}@example.com`, 'whatever password', ip)));
    expect(results.filter((r) => !r.ok && r.error === SIGN_IN_ERROR).length).toBeLessThanOrEqual(MAX_FAILURES_PER_ADDRESS);
  });

  it('counts two addresses of one IPv6 /64 as one address', async () => {
    const email = await newOwner();
    for (let i = 0; i < 5; i++) await attempt(email, `wrong ${i}`, `2001:db8:77:1::${i + 1}`);
    expect(await attempt(email, PASSWORD, '2001:0db8:0077:0001:ffff:0:0:9')).toEqual({ ok: false, error: SIGN_IN_LOCKED });
    expect(await attempt(email, PASSWORD, '2001:db8:77:2::1')).toEqual({ ok: true });
  });

  it("runs one email's concurrent attempts one after another, through their delays, not another email's", async () => {
    const target = `target-${randomBytes(4).toString('hex')}@example.com`;
    // Past the free failures (from many addresses, so none is refused), every attempt is delayed.
    for (let i = 0; i < SLOW_DOWN_AFTER + 1; i++) await attempt(target, 'wrong', `198.51.100.${120 + i}`);
    const slept: number[] = [];
    const timed = async (email: string, ip: string) => {
      const start = performance.now();
      const result = await signInStaff({ email, password: 'wrong' }, ip, {
        database: db,
        verify,
        wait: async (ms) => {
          slept.push(ms);
          await new Promise((resolve) => setTimeout(resolve, ms));
        },
      });
      return { result, ms: performance.now() - start };
    };
    const started = performance.now();
    const [parallel, other] = await Promise.all([
      Promise.all(Array.from({ length: 3 }, (_, i) => timed(target, `203.0.113.${30 + i}`))),
      new Promise((resolve) => setTimeout(resolve, 100)).then(() => timed(`bystander-${randomBytes(4).toString('hex')}@example.com`, '203.0.113.40')),
    ]);
    const total = performance.now() - started;
    for (const { result } of parallel) expect(result).toEqual({ ok: false, error: SIGN_IN_ERROR });
    const delays = slept.reduce((sum, ms) => sum + ms, 0);
    expect(delays).toBeGreaterThanOrEqual(3 * signInDelayMs(SLOW_DOWN_AFTER + 1));
    expect(total).toBeGreaterThanOrEqual(delays * 0.95);
    expect(total).toBeLessThan(MAX_QUEUE_MS);
    expect(other.ms).toBeLessThan(500);
    console.log(`sign-in queue: delays ${delays} ms, 3 parallel took ${Math.round(total)} ms, other email ${Math.round(other.ms)} ms`);
  });

  it("refuses as busy, recording nothing, an attempt that waited too long for its email's turn", async () => {
    const email = await newOwner();
    let clock = 0;
    const held = pool.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext(${'sign-in:' + email}))`;
      const result = await signInStaff({ email, password: PASSWORD }, '198.51.100.200', {
        database: db,
        verify,
        now: () => (clock += MAX_QUEUE_MS / 4),
      });
      expect(result).toEqual({ ok: false, error: SIGN_IN_BUSY });
    });
    await held;
    const { n } = (await pool<{ n: number }[]>`select count(*)::int as n from sign_in_failures where email = ${email}`)[0]!;
    expect(n).toBe(0);
    expect(await attempt(email, PASSWORD, '198.51.100.200')).toEqual({ ok: true });
  });

  it('prunes rows older than the window, a bounded batch per attempt', async () => {
    await db.delete(signInFailures).where(sql`true`);
    await pool`insert into sign_in_failures (email, ip, created_at) select 'old@example.com', '192.0.2.1', now() - interval '1 hour' from generate_series(1, 150)`;
    await attempt('someone@example.com', 'whatever password', '192.0.2.2');
    const count = async () => (await pool<{ n: number }[]>`select count(*)::int as n from sign_in_failures where email = 'old@example.com'`)[0]!.n;
    expect(await count()).toBe(50);
    await attempt('someone@example.com', 'whatever password', '192.0.2.2');
    expect(await count()).toBe(0);
  });
});
