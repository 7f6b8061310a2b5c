import { verifyPassword } from 'better-auth/crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { authAccounts, authSessions, authUsers } from '@/db/schema';
import { testConnection } from '@/test/database';
import { createStaffAccount, resetStaffPassword } from './staff-accounts';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

async function storedHash(email: string): Promise<string> {
  const [row] = await db
    .select({ password: authAccounts.password })
    .from(authAccounts)
    .innerJoin(authUsers, eq(authUsers.id, authAccounts.userId))
    .where(and(eq(authUsers.email, email), eq(authAccounts.providerId, 'credential')));
  return row!.password!;
}

describe('staff accounts', () => {
  it('stores a modern password hash, never the password', async () => {
    expect(await createStaffAccount({ email: 'Owner@Example.com', name: 'Owner', password: 'correct horse battery', role: 'owner' }, db)).toBe(true);
    const hash = await storedHash('owner@example.com');
    expect(hash).not.toContain('correct horse battery');
    expect(await verifyPassword({ hash, password: 'correct horse battery' })).toBe(true);
    expect(await verifyPassword({ hash, password: 'wrong horse battery' })).toBe(false);
    const [user] = await db.select().from(authUsers).where(eq(authUsers.email, 'owner@example.com'));
    expect(user!.role).toBe('owner');
  });

  it('leaves an existing account alone, even when two creations race', async () => {
    const results = await Promise.all(
      [1, 2, 3].map((i) => createStaffAccount({ email: 'race@example.com', name: `Racer ${i}`, password: `password-number-${i}`, role: 'staff' }, db)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.select().from(authUsers).where(eq(authUsers.email, 'race@example.com'))).toHaveLength(1);
  });

  it('rejects a bad email or a short password', async () => {
    await expect(createStaffAccount({ email: 'not-an-email', name: 'X', password: 'long enough password', role: 'staff' }, db)).rejects.toThrow(/valid email/);
    await expect(createStaffAccount({ email: 'short@example.com', name: 'X', password: 'short', role: 'staff' }, db)).rejects.toThrow(/12 characters/);
    expect(await db.select().from(authUsers).where(eq(authUsers.email, 'short@example.com'))).toHaveLength(0);
  });

  it('a password reset replaces the hash and ends every session of that account', async () => {
    const [user] = await db.select().from(authUsers).where(eq(authUsers.email, 'owner@example.com'));
    await db.insert(authSessions).values({ id: 's1', token: 'token-1', userId: user!.id, expiresAt: new Date(Date.now() + 3600_000) });
    expect(await resetStaffPassword('owner@example.com', 'a brand new password', db)).toBe(true);
    expect(await verifyPassword({ hash: await storedHash('owner@example.com'), password: 'a brand new password' })).toBe(true);
    expect(await db.select().from(authSessions).where(eq(authSessions.userId, user!.id))).toHaveLength(0);
    expect(await resetStaffPassword('nobody@example.com', 'a brand new password', db)).toBe(false);
  });
});
