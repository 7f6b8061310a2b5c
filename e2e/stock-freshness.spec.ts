/**
 * Product pages are cached, and a stock change still reaches shoppers within about a second
 * (lib/cache: invalidation through PostgreSQL NOTIFY). This file is the only one that touches
 * wool-beanie, because it changes that product's stock while other specs run.
 */
import { expect, test } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { connect, type Connection } from '../db/connect';
import { products, variants } from '../db/schema';
import { adjustStock } from '../lib/inventory/adjust-stock';
import { IN_STOCK, SOLD_OUT, availabilityStatus, openProduct, pickOption } from './fixtures';

const SLUG = 'wool-beanie';
const PATH = `/products/${SLUG}`;

test.describe.configure({ mode: 'serial' });

let connection: Connection;
let rust: { id: string; onHand: number };

test.beforeAll(async () => {
  connection = connect(process.env.DATABASE_URL!, { max: 2 });
  const [row] = await connection.db
    .select({ id: variants.id, onHand: variants.onHand })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(products.slug, SLUG), eq(variants.title, 'Rust')));
  if (!row) throw new Error(`${SLUG} has no Rust variant`);
  expect(row.onHand).toBeGreaterThan(0);
  rust = row;
});

test.afterAll(async () => {
  if (!connection) return;
  // Leave the stock as seeded even if a test failed half-way.
  const [now] = await connection.db.select({ onHand: variants.onHand }).from(variants).where(eq(variants.id, rust.id));
  if (now && now.onHand !== rust.onHand) {
    await adjustStock({ variantId: rust.id, change: rust.onHand - now.onHand, reason: 'e2e: restore', actor: 'e2e' }, connection.db);
  }
  await connection.sql.end({ timeout: 5 });
});

test('product pages are served from the page cache', async ({ request }) => {
  const first = await request.get(PATH);
  expect(first.status()).toBe(200);
  const second = await request.get(PATH);
  expect(second.status()).toBe(200);
  expect(second.headers()['x-nextjs-cache']).toBe('HIT');
  expect(await second.text()).toContain('Ribbed Wool Beanie');
});

const FRESH_WITHIN = { timeout: 1500, intervals: [25, 50, 100] };

test('a stock change shows on the cached product page within about a second', async ({ page, request }) => {
  /** A fresh load of the page, with Rust chosen: what a shopper reads about it. */
  async function rustHeadline(): Promise<string> {
    await openProduct(page, SLUG);
    await pickOption(page, 'Colour', 'Rust');
    return (await availabilityStatus(page).textContent()) ?? '';
  }

  // The page is cached before the change, so the test proves invalidation, not a cold render.
  await request.get(PATH);
  expect((await request.get(PATH)).headers()['x-nextjs-cache']).toBe('HIT');
  expect(await rustHeadline()).toBe(IN_STOCK);

  await adjustStock({ variantId: rust.id, change: -rust.onHand, reason: 'e2e: sell out Rust', actor: 'e2e' }, connection.db);
  // The server drops the cached page within about a second of the commit (the margin is for a
  // loaded machine running two test workers; the notification itself takes milliseconds)...
  await expect.poll(async () => (await request.get(PATH)).headers()['x-nextjs-cache'], FRESH_WITHIN).not.toBe('HIT');
  // ...and a shopper loading it (a full browser load, slower under a parallel test run) sees the change.
  await expect.poll(rustHeadline, { timeout: 5000, message: 'Rust reads "Sold out" after its stock goes to 0' }).toBe(SOLD_OUT);

  // Let the page settle into the cache again, then restore the stock.
  await expect.poll(async () => (await request.get(PATH)).headers()['x-nextjs-cache'], { timeout: 5000 }).toBe('HIT');
  await adjustStock({ variantId: rust.id, change: rust.onHand, reason: 'e2e: restock Rust', actor: 'e2e' }, connection.db);
  await expect.poll(async () => (await request.get(PATH)).headers()['x-nextjs-cache'], FRESH_WITHIN).not.toBe('HIT');
  await expect.poll(rustHeadline, { timeout: 5000, message: 'Rust reads "In stock" after restocking' }).toBe(IN_STOCK);
});
