import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { backInStockSignups, products, variants } from '@/db/schema';
import { backorderTo, createTestVariant, inDays, TODAY } from '@/lib/orders/testing/fixtures';
import { testConnection } from '@/test/database';
import { RESTOCK_SIGNUP_PER_ADDRESS, RESTOCK_SIGNUP_PER_EMAIL, signUpForRestock } from './signup';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

/** A client key and an email no other test uses, so the rate limits of one never touch another. */
const fresh = () => {
  const suffix = randomBytes(4).toString('hex');
  return { clientKey: `client-${suffix}`, email: `shopper-${suffix}@example.com` };
};
const soldOut = () => createTestVariant(db, { onHand: 0 });
const signUp = (variantId: string, email: string, clientKey: string) => signUpForRestock({ variantId, email }, { clientKey, database: db, today: TODAY });

async function signupsOf(variantId: string) {
  return db.select().from(backInStockSignups).where(eq(backInStockSignups.variantId, variantId));
}

describe('signUpForRestock', () => {
  it('stores a waiting signup for a sold-out variant, with its own long random unsubscribe token', async () => {
    const { variantId, title } = await soldOut();
    const { clientKey, email } = fresh();
    expect(await signUp(variantId, email, clientKey)).toEqual({ status: 'added', email, title });
    const [row, ...more] = await signupsOf(variantId);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ email, status: 'waiting', notifiedAt: null, unsubscribedAt: null });
    expect(row!.unsubscribeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row!.createdAt).toBeInstanceOf(Date);
  });

  it('stores the address trimmed and lower-cased, so the same address typed differently is already on the list', async () => {
    const { variantId } = await soldOut();
    const { clientKey } = fresh();
    const suffix = randomBytes(4).toString('hex');
    expect(await signUp(variantId, `  Jane.Doe+${suffix}@Example.COM `, clientKey)).toMatchObject({ status: 'added', email: `jane.doe+${suffix}@example.com` });
    expect(await signUp(variantId, `jane.doe+${suffix}@example.com`, clientKey)).toMatchObject({ status: 'already' });
    expect((await signupsOf(variantId)).map((s) => s.email)).toEqual([`jane.doe+${suffix}@example.com`]);
  });

  it('says "already" for a second signup of the same address and changes nothing', async () => {
    const { variantId } = await soldOut();
    const { clientKey, email } = fresh();
    await signUp(variantId, email, clientKey);
    const before = await signupsOf(variantId);
    expect(await signUp(variantId, email, clientKey)).toMatchObject({ status: 'already', email });
    expect(await signupsOf(variantId)).toEqual(before);
  });

  it('takes a new signup from an address that was already emailed (a new waiting row beside the notified one)', async () => {
    const { variantId } = await soldOut();
    const { clientKey, email } = fresh();
    await signUp(variantId, email, clientKey);
    await db
      .update(backInStockSignups)
      .set({ status: 'notified', notifiedAt: sql`now()` })
      .where(eq(backInStockSignups.variantId, variantId));
    expect(await signUp(variantId, email, clientKey)).toMatchObject({ status: 'added' });
    expect((await signupsOf(variantId)).map((s) => s.status).sort()).toEqual(['notified', 'waiting']);
  });

  it('stores nothing for a variant that can be bought now: in stock, backordered with a date, or on pre-order', async () => {
    const { clientKey, email } = fresh();
    for (const stock of [
      { onHand: 3 },
      { onHand: 0, ...backorderTo(inDays(10)) },
      { onHand: 0, inventoryPolicy: 'preorder' as const, releaseDate: inDays(20) },
    ]) {
      const { variantId, title } = await createTestVariant(db, stock);
      expect(await signUp(variantId, email, clientKey)).toEqual({ status: 'available', title });
      expect(await signupsOf(variantId)).toEqual([]);
    }
  });

  it('says "unknown", storing nothing, for no such variant, an archived variant, and an unpublished or archived product', async () => {
    const { clientKey, email } = fresh();
    expect(await signUp(randomUUID(), email, clientKey)).toEqual({ status: 'unknown' });

    const archivedVariant = await soldOut();
    await db
      .update(variants)
      .set({ archivedAt: sql`now()` })
      .where(eq(variants.id, archivedVariant.variantId));
    const unpublished = await soldOut();
    await db.update(products).set({ published: false }).where(eq(products.id, unpublished.productId));
    const archivedProduct = await soldOut();
    await db
      .update(products)
      .set({ archivedAt: sql`now()` })
      .where(eq(products.id, archivedProduct.productId));
    for (const { variantId } of [archivedVariant, unpublished, archivedProduct]) {
      expect(await signUp(variantId, email, clientKey)).toEqual({ status: 'unknown' });
      expect(await signupsOf(variantId)).toEqual([]);
    }
  });

  it('refuses invalid input with a ZodError and stores nothing', async () => {
    const { variantId } = await soldOut();
    const { clientKey } = fresh();
    await expect(signUp(variantId, 'not-an-email', clientKey)).rejects.toMatchObject({ name: 'ZodError' });
    await expect(signUp('not-a-uuid', 'a@example.com', clientKey)).rejects.toMatchObject({ name: 'ZodError' });
    expect(await signupsOf(variantId)).toEqual([]);
  });

  it(`refuses an address after ${RESTOCK_SIGNUP_PER_EMAIL.max} signups an hour, from any client, and stores nothing more`, async () => {
    const { email } = fresh();
    const variantIds: string[] = [];
    for (let i = 0; i <= RESTOCK_SIGNUP_PER_EMAIL.max; i++) variantIds.push((await soldOut()).variantId);
    for (const variantId of variantIds.slice(0, -1)) expect(await signUp(variantId, email, fresh().clientKey)).toMatchObject({ status: 'added' });
    const refused = await signUp(variantIds.at(-1)!, email, fresh().clientKey);
    expect(refused).toMatchObject({ status: 'rate_limited' });
    expect(refused.status === 'rate_limited' && refused.retryAfterSeconds).toBeGreaterThan(3500);
    expect(await signupsOf(variantIds.at(-1)!)).toEqual([]);
    // The email's limit is spent, not the new client's: another address from that client still gets in.
    expect(await signUp(variantIds.at(-1)!, fresh().email, fresh().clientKey)).toMatchObject({ status: 'added' });
  });

  it(`refuses a client after ${RESTOCK_SIGNUP_PER_ADDRESS.max} signups an hour, whatever the email, and stores nothing more`, async () => {
    const { variantId } = await soldOut();
    const { clientKey } = fresh();
    for (let i = 0; i < RESTOCK_SIGNUP_PER_ADDRESS.max; i++) expect(await signUp(variantId, fresh().email, clientKey)).toMatchObject({ status: 'added' });
    const { email } = fresh();
    expect(await signUp(variantId, email, clientKey)).toMatchObject({ status: 'rate_limited' });
    expect(await signUp(randomUUID(), email, clientKey)).toMatchObject({ status: 'rate_limited' });
    expect(await signupsOf(variantId)).toHaveLength(RESTOCK_SIGNUP_PER_ADDRESS.max);
    // The refusals took no hit from the email's own limit.
    expect(await signUp(variantId, email, fresh().clientKey)).toMatchObject({ status: 'added' });
  });

  it('makes one row of concurrent identical signups', async () => {
    for (let round = 0; round < 3; round++) {
      const { variantId } = await soldOut();
      const { email } = fresh();
      const results = await Promise.all([signUp(variantId, email, fresh().clientKey), signUp(variantId, email, fresh().clientKey)]);
      expect(results.map((r) => r.status).sort()).toEqual(['added', 'already']);
      expect(await signupsOf(variantId)).toHaveLength(1);
    }
  });

  it('waits for a restock in progress and then answers "available", storing nothing', async () => {
    const { variantId } = await soldOut();
    const { clientKey, email } = fresh();
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let locked!: () => void;
    const updated = new Promise<void>((resolve) => (locked = resolve));
    const restock = db.transaction(async (tx) => {
      await tx.update(variants).set({ onHand: 5 }).where(eq(variants.id, variantId));
      locked();
      await held;
    });
    await updated;
    const signup = signUp(variantId, email, clientKey);
    try {
      // The signup is blocked on the variant row (not merely slow) before the restock commits.
      await expect
        .poll(
          async () => {
            const [row] = await db.execute<{ n: number }>(
              sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%for share%' and datname = current_database()`,
            );
            return row!.n;
          },
          { timeout: 10_000 },
        )
        .toBe(1);
    } finally {
      commit();
      await restock;
    }
    expect(await signup).toMatchObject({ status: 'available' });
    expect(await signupsOf(variantId)).toEqual([]);
  });
});
