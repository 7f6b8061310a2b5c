/**
 * Client addresses, sign-in throttling, rate limits, body limits, the page cache and security
 * headers, checked over real HTTP against the production server (server.mjs). Requests come from
 * distinct loopback addresses (127.0.0.x), so "another client" is another socket, not a header,
 * and they carry forged X-Forwarded-For and forged private headers that must change nothing.
 */
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { eq, like, sql } from 'drizzle-orm';
import { products, signInFailures, variants } from '../db/schema';
import { createStaffAccount } from '../lib/auth/staff-accounts';
import { addToCart, createCart } from '../lib/cart/cart-store';
import { CLIENT_ADDRESS_HEADER } from '../lib/security/client-address-stamp.mjs';
import { CARD_STEP_PER_ADDRESS, CARD_STEP_PER_CART } from '../lib/checkout/card-step-limit';
import { MAX_FAILURES_PER_ADDRESS } from '../lib/auth/sign-in-limits';
import { pngImage } from './admin-fixtures';
import { closeTestDb, testDb } from './db';
import { mintSession } from './minted-session';
import { multipart, postFormAction, rawRequest } from './raw-http';

const SIGN_IN = 'components/admin/auth/sign-in-actions.ts#signIn';
const CARD_STEP = 'components/checkout/actions.ts#prepareCardAction';
const ADD_TO_CART = 'components/cart/actions.ts#addToCartAction';
const PASSWORD = 'a long and correct password';
const forged = (i: number) => ({ 'X-Forwarded-For': `203.0.113.${i}, 127.0.0.99`, [CLIENT_ADDRESS_HEADER]: '127.0.0.99' });

test.afterAll(() => closeTestDb());

async function staffAccount(): Promise<string> {
  const email = `sec-${randomBytes(4).toString('hex')}@e2e.test`;
  await createStaffAccount({ email, name: 'Security Test', password: PASSWORD, role: 'staff' }, testDb().db);
  return email;
}

const signIn = (email: string, password: string, from: string, headers: Record<string, string> = {}) =>
  postFormAction(SIGN_IN, '/admin/sign-in', { email, password }, { from, headers });
const signedIn = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie'] ?? '').includes('inbound.session_token=');

test.describe('security headers', () => {
  test('every page and route says nosniff, a referrer policy and no framing; no HSTS over http', async () => {
    for (const path of ['/', '/products/stoneware-mug', '/admin/sign-in', '/admin', '/cart', '/api/health', '/products/no-such-product']) {
      const res = await rawRequest('GET', path);
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(res.headers['strict-transport-security'], path).toBeUndefined();
    }
  });

  test('a browser refuses to show the admin in a frame', async ({ page }) => {
    await page.setContent(`<iframe src="${process.env.BASE_URL}/admin/sign-in" title="framed"></iframe>`);
    const frame = page.frameLocator('iframe[title="framed"]');
    await page.waitForTimeout(1000);
    await expect(frame.getByRole('heading', { name: 'Staff sign-in' })).toHaveCount(0);
  });
});

test.describe('client address and sign-in', () => {
  test('the address is the socket: forged X-Forwarded-For and private headers are ignored', async () => {
    const email = await staffAccount();
    await signIn(email, 'wrong password 1', '127.0.0.21', forged(1));
    await signIn(email, 'wrong password 2', '127.0.0.22', { 'X-Forwarded-For': '127.0.0.21' });
    const rows = await testDb().db.select({ ip: signInFailures.ip }).from(signInFailures).where(eq(signInFailures.email, email)).orderBy(signInFailures.id);
    expect(rows.map((r) => r.ip)).toEqual(['127.0.0.21', '127.0.0.22']);
  });

  test('six wrong guesses from other addresses do not lock the owner out', async () => {
    const email = await staffAccount();
    // Each guess claims, through both headers, to come from the owner's own address.
    for (let i = 0; i < 6; i++) {
      const res = await signIn(email, `wrong guess ${i}`, `127.0.0.${31 + i}`, { 'X-Forwarded-For': '127.0.0.40', [CLIENT_ADDRESS_HEADER]: '127.0.0.40' });
      expect(res.body).toContain('Email or password is incorrect.');
    }
    const owner = await signIn(email, PASSWORD, '127.0.0.40');
    expect(signedIn(owner), owner.body).toBe(true);
  });

  test('more than 20 failures from one address are refused there, whatever X-Forwarded-For claims', async () => {
    test.setTimeout(120_000);
    const email = await staffAccount();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await signIn(`nobody-${i}@e2e.test`, 'some password', '127.0.0.50', forged(i));
    }
    const locked = await signIn(email, PASSWORD, '127.0.0.50', forged(99));
    expect(signedIn(locked)).toBe(false);
    expect(locked.body).toContain('Too many failed sign-ins');
    expect(signedIn(await signIn(email, PASSWORD, '127.0.0.51'))).toBe(true);
  });
});

test.describe('"Continue to payment" rate limits', () => {
  const contact = (email: string) => ({
    email,
    fullName: 'Rate Limit',
    addressLine: '1 Test Street',
    city: 'Berlin',
    region: '',
    postalCode: '10115',
    country: 'DE',
  });

  async function cartWithNotebook(): Promise<string> {
    const { db } = testDb();
    const [v] = await db
      .select({ id: variants.id })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .where(eq(products.slug, 'field-notebook'));
    const { cart, token } = await createCart(db);
    await addToCart(cart.id, { variantId: v!.id, quantity: 1 }, { database: db });
    return token;
  }

  const cardStep = (token: string, email: string, from: string) =>
    postFormAction(CARD_STEP, '/checkout', contact(email), { from, headers: { cookie: `inbound_cart=${token}`, ...forged(7) } });
  const refused = (body: string) => body.includes('Too many attempts to continue to payment');
  // The emulator's tables are its own (lib/payments/emulator-boundary.test.ts): ask its test helpers.
  const customersFor = async (pattern: string) => (await import('../lib/payments/emulator/testing')).emulatorCustomerCount(testDb().db, pattern);

  test('per cart: of many concurrent requests exactly the limit get through', async () => {
    const token = await cartWithNotebook();
    const tag = randomBytes(3).toString('hex');
    const results = await Promise.all(Array.from({ length: CARD_STEP_PER_CART.max + 6 }, (_, i) => cardStep(token, `cart-${tag}-${i}@e2e.test`, '127.0.0.60')));
    for (const r of results) expect(r.status).toBe(200);
    expect(results.filter((r) => !refused(r.body))).toHaveLength(CARD_STEP_PER_CART.max);
    expect(results.filter((r) => !refused(r.body)).every((r) => r.body.includes('needs_card'))).toBe(true);
    // A refused request created no payment Customer.
    expect(await customersFor(`cart-${tag}-%`)).toBe(CARD_STEP_PER_CART.max);
  });

  test('per address: of many concurrent requests from one address (new carts each) exactly the limit get through', async () => {
    test.setTimeout(120_000);
    const tokens = await Promise.all(Array.from({ length: CARD_STEP_PER_ADDRESS.max + 5 }, () => cartWithNotebook()));
    const tag = randomBytes(3).toString('hex');
    const results = await Promise.all(tokens.map((token, i) => cardStep(token, `addr-${tag}-${i}@e2e.test`, '127.0.0.61')));
    expect(results.filter((r) => !refused(r.body))).toHaveLength(CARD_STEP_PER_ADDRESS.max);
    expect(await customersFor(`addr-${tag}-%`)).toBe(CARD_STEP_PER_ADDRESS.max);
    // Another address is not held back by this one.
    expect(refused((await cardStep(tokens[0]!, `addr-${tag}-other@e2e.test`, '127.0.0.62')).body)).toBe(false);
  });
});

test.describe('limits', () => {
  const cartCount = async () => (await testDb().sql<{ n: number }[]>`select count(*)::int as n from carts`)[0]!.n;

  test('a server action takes at most 1 MB, and a refused add-to-cart leaves no cart', async () => {
    const before = await cartCount();
    const big = await postFormAction(ADD_TO_CART, '/products/stoneware-mug', { variantId: 'x'.repeat(1_100_000), quantity: '1' }, { from: '127.0.0.70' });
    expect(big.status).toBe(413);
    const under = await postFormAction(ADD_TO_CART, '/products/stoneware-mug', { variantId: 'x'.repeat(900_000), quantity: '1' }, { from: '127.0.0.70' });
    expect(under.status).toBe(200);
    expect(under.body).toContain('Choose an item to add.');
    const soldOut = await testDb()
      .db.select({ id: variants.id })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .where(eq(products.slug, 'folding-camp-chair'));
    const refused = await postFormAction(ADD_TO_CART, '/products/folding-camp-chair', { variantId: soldOut[0]!.id, quantity: '99' }, { from: '127.0.0.70' });
    expect(refused.status).toBe(200);
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect(await cartCount()).toBe(before);
  });

  test('unknown product slugs add nothing to the page cache and leave cached products cached', async () => {
    test.setTimeout(120_000);
    const cacheState = async (path: string) => (await rawRequest('GET', path)).headers['x-nextjs-cache'];
    await expect.poll(() => cacheState('/products/stoneware-mug'), { timeout: 5000 }).toBe('HIT');
    const unknown = Array.from({ length: 80 }, (_, i) => `/products/made-up-${randomBytes(3).toString('hex')}-${i}`);
    for (let i = 0; i < unknown.length; i += 10) {
      const answers = await Promise.all(unknown.slice(i, i + 10).map((p) => rawRequest('GET', p)));
      for (const a of answers) expect(a.status).toBe(404);
    }
    // Asked again, a made-up slug is rendered again (it was never stored), and the real page is still a hit.
    for (const p of unknown.slice(0, 5)) expect(await cacheState(p)).not.toBe('HIT');
    expect(await cacheState('/products/stoneware-mug')).toBe('HIT');
  });
});

test.describe('the product form route (images up to 2 MB)', () => {
  const SAVE = '/admin/products/save';
  const base = () => new URL(process.env.BASE_URL!).origin;
  const productCount = async () =>
    (
      await testDb()
        .db.select({ n: sql<number>`count(*)::int` })
        .from(products)
    )[0]!.n;

  async function save(fields: Record<string, string | Blob>, headers: Record<string, string>) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const { body, contentType } = await multipart(form);
    return rawRequest('POST', SAVE, { body, headers: { 'Content-Type': contentType, Origin: base(), ...headers } });
  }

  test('is refused signed out, to a shopper and from another site; too large a body is refused before parsing', async () => {
    const before = await productCount();
    const title = `Route test ${randomBytes(3).toString('hex')}`;
    const shopper = await mintSession(process.env.E2E_SHOPPER_EMAIL!);
    const owner = await mintSession(process.env.E2E_OWNER_EMAIL!);
    expect((await save({ title }, {})).status).toBe(403);
    expect((await save({ title }, { cookie: shopper })).status).toBe(403);
    expect((await save({ title }, { cookie: owner, Origin: 'https://evil.example' })).status).toBe(403);
    const huge = new Blob([new Uint8Array(pngImage()), new Uint8Array(randomBytes(2_300_000))], { type: 'image/png' });
    const tooLarge = await save({ title, image: huge, imageAlt: 'x' }, { cookie: owner });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body)).toMatchObject({ ok: false, fieldErrors: { image: ['The image must be 2 MB or smaller.'] } });
    expect(await productCount()).toBe(before);

    // An image over the 1 MB server actions take, under 2 MB: saved.
    const image = new Blob([new Uint8Array(pngImage()), new Uint8Array(randomBytes(1_500_000))], { type: 'image/png' });
    const ok = await save({ title, image, imageAlt: 'A test image' }, { cookie: owner });
    expect(ok.status, ok.body).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, location: expect.stringMatching(/^\/admin\/products\/[0-9a-f-]{36}\?notice=created$/) });
    const [created] = await testDb().db.select().from(products).where(like(products.title, title));
    expect(created!.imagePath).toMatch(/^\/media\/[0-9a-f]{32}\.png$/);
    await testDb().db.update(products).set({ archivedAt: new Date() }).where(eq(products.id, created!.id));
  });
});
