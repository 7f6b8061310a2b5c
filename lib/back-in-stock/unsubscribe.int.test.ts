import { randomBytes } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { backInStockSignups } from '@/db/schema';
import { createTestVariant, TODAY } from '@/lib/orders/testing/fixtures';
import { testConnection } from '@/test/database';
import { signUpForRestock } from './signup';
import { signupForToken, unsubscribeByToken } from './unsubscribe';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

const soldOut = () => createTestVariant(db, { onHand: 0 });
const freshEmail = () => `jo-${randomBytes(4).toString('hex')}@example.com`;

/** Signs the address up for the variant; the new signup's row. */
async function signUp(variantId: string, email: string) {
  const result = await signUpForRestock({ variantId, email }, { clientKey: `client-${randomBytes(4).toString('hex')}`, database: db, today: TODAY });
  expect(result.status).toBe('added');
  const [row] = await db
    .select()
    .from(backInStockSignups)
    .where(sql`${backInStockSignups.variantId} = ${variantId} and ${backInStockSignups.email} = ${email} and ${backInStockSignups.status} = 'waiting'`);
  return row!;
}

const rowsById = async (ids: string[]) =>
  new Map((await db.select().from(backInStockSignups).where(inArray(backInStockSignups.id, ids))).map((r) => [r.id, r] as const));

describe('unsubscribeByToken', () => {
  it("stops the token's signup and every other live signup of that address, and leaves other addresses alone", async () => {
    const [a, b, c] = [await soldOut(), await soldOut(), await soldOut()];
    const email = freshEmail();
    const other = freshEmail();
    const first = await signUp(a.variantId, email);
    const second = await signUp(b.variantId, email);
    const emailed = await signUp(c.variantId, email);
    await db
      .update(backInStockSignups)
      .set({ status: 'notified', notifiedAt: sql`now()` })
      .where(eq(backInStockSignups.id, emailed.id));
    const someoneElse = await signUp(a.variantId, other);

    // The link in the email is usually a notified signup's: it stops the address's waiting ones too.
    expect(await unsubscribeByToken(emailed.unsubscribeToken, db)).toEqual({ status: 'unsubscribed', signups: 3 });
    const rows = await rowsById([first.id, second.id, emailed.id, someoneElse.id]);
    expect(rows.get(first.id)).toMatchObject({ status: 'unsubscribed', unsubscribedAt: expect.any(Date), notifiedAt: null });
    expect(rows.get(second.id)).toMatchObject({ status: 'unsubscribed', unsubscribedAt: expect.any(Date) });
    expect(rows.get(emailed.id)).toMatchObject({ status: 'notified', unsubscribedAt: expect.any(Date), notifiedAt: expect.any(Date) });
    expect(rows.get(someoneElse.id)).toMatchObject({ status: 'waiting', unsubscribedAt: null });
  });

  it('is idempotent: the same link again, or another link of the address, says "already" and changes nothing', async () => {
    const email = freshEmail();
    const first = await signUp((await soldOut()).variantId, email);
    const second = await signUp((await soldOut()).variantId, email);
    expect(await unsubscribeByToken(first.unsubscribeToken, db)).toEqual({ status: 'unsubscribed', signups: 2 });
    const before = await rowsById([first.id, second.id]);
    expect(await unsubscribeByToken(first.unsubscribeToken, db)).toEqual({ status: 'already' });
    expect(await unsubscribeByToken(second.unsubscribeToken, db)).toEqual({ status: 'already' });
    expect(await rowsById([first.id, second.id])).toEqual(before);
  });

  it('does the work once when the link is used twice at the same moment', async () => {
    const signup = await signUp((await soldOut()).variantId, freshEmail());
    const results = await Promise.all([unsubscribeByToken(signup.unsubscribeToken, db), unsubscribeByToken(signup.unsubscribeToken, db)]);
    expect(results.map((r) => r.status).sort()).toEqual(['already', 'unsubscribed']);
  });

  it('keeps a signup made after unsubscribing (a new consent), which its own link can stop again', async () => {
    const { variantId } = await soldOut();
    const email = freshEmail();
    const old = await signUp(variantId, email);
    await unsubscribeByToken(old.unsubscribeToken, db);
    const renewed = await signUp(variantId, email);
    expect(renewed.id).not.toBe(old.id);
    expect(renewed.unsubscribeToken).not.toBe(old.unsubscribeToken);
    // The old link does not reach the new consent.
    expect(await unsubscribeByToken(old.unsubscribeToken, db)).toEqual({ status: 'already' });
    expect((await rowsById([renewed.id])).get(renewed.id)).toMatchObject({ status: 'waiting', unsubscribedAt: null });
    expect(await unsubscribeByToken(renewed.unsubscribeToken, db)).toEqual({ status: 'unsubscribed', signups: 1 });
  });

  it('says "unknown" for anything that is not a token, and for a token no signup has, never throwing', async () => {
    const signup = await signUp((await soldOut()).variantId, freshEmail());
    const malformed: unknown[] = [
      '',
      'short',
      signup.unsubscribeToken.slice(1),
      `${signup.unsubscribeToken}A`,
      `${signup.unsubscribeToken.slice(1)}+`,
      `${signup.unsubscribeToken.slice(1)}=`,
      ` ${signup.unsubscribeToken.slice(1)}`,
      'a\u0000'.repeat(21) + 'a',
      'x'.repeat(1_000_000),
      null,
      undefined,
      43,
      ['x'],
      { token: signup.unsubscribeToken },
    ];
    for (const token of malformed) {
      expect(await unsubscribeByToken(token, db)).toEqual({ status: 'unknown' });
      expect(await signupForToken(token, db)).toBeNull();
    }
    const unknown = randomBytes(32).toString('base64url');
    expect(await unsubscribeByToken(unknown, db)).toEqual({ status: 'unknown' });
    expect(await signupForToken(unknown, db)).toBeNull();
    expect((await rowsById([signup.id])).get(signup.id)).toMatchObject({ status: 'waiting', unsubscribedAt: null });
  });
});

describe('signupForToken', () => {
  it('tells the page the item, the masked address and whether the link was used', async () => {
    const { variantId, title } = await soldOut();
    const signup = await signUp(variantId, `jane-${randomBytes(4).toString('hex')}@example.com`);
    expect(await signupForToken(signup.unsubscribeToken, db)).toEqual({
      productTitle: title,
      variantTitle: 'Default',
      title,
      maskedEmail: 'j•••@example.com',
      unsubscribed: false,
    });
    await unsubscribeByToken(signup.unsubscribeToken, db);
    expect(await signupForToken(signup.unsubscribeToken, db)).toMatchObject({ unsubscribed: true });
  });
});
