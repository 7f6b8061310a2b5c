/**
 * The owner's product workflow, end to end: create a product with an image and a variant, see
 * it on the storefront, change a price and see it there within about a second, get a refusal
 * next to the field that caused it (and no change), archive the product and see the storefront
 * 404. This spec creates its own product and archives it at the end; demo products are only read.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import { products, variants } from '../db/schema';
import { archiveProduct } from '../lib/catalog/admin-products';
import { closeTestDb, testDb } from './db';
import { expect, openAdmin, pngImage, test, waitForAdminHydration } from './admin-fixtures';
import { openProduct } from './fixtures';
import type { Page } from '@playwright/test';

test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const TITLE = `E2E Desk Lamp ${run}`;
const SLUG = `e2e-desk-lamp-${run}`;
const SKU = `E2E-LAMP-${run}`.toUpperCase();
const ALT = 'A brass desk lamp with a green shade';
const STOREFRONT = `/products/${SLUG}`;

let productId = '';
let variantId = '';

async function storedProduct() {
  const [row] = await testDb().db.select().from(products).where(eq(products.slug, SLUG));
  return row;
}

async function storedPrice(): Promise<number> {
  const [row] = await testDb().db.select({ priceCents: variants.priceCents }).from(variants).where(eq(variants.id, variantId));
  return row!.priceCents;
}

/** The price line on a product page (labelled "Price", or read as "Price: $24.00"). */
function priceLine(page: Page) {
  const article = page.getByRole('article');
  return article
    .getByLabel('Price')
    .or(article.getByRole('paragraph').filter({ hasText: /^Price:\s/ }))
    .first();
}

/** What a shopper loading the product page now reads as its price. */
async function storefrontPrice(page: Page): Promise<string> {
  await openProduct(page, SLUG);
  return ((await priceLine(page).textContent()) ?? '').replace(/^Price:\s*/, '');
}

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const summary = results.violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) }));
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

test.afterAll(async () => {
  // Leave no live test product behind, even if a test failed half-way; remove its image.
  const product = await storedProduct();
  if (product) {
    if (!product.archivedAt) await archiveProduct({ id: product.id }, testDb().db);
    if (product.imagePath?.startsWith('/media/')) {
      await rm(path.resolve(process.env.UPLOAD_DIR ?? '.data/uploads', path.basename(product.imagePath)), { force: true });
    }
  }
  await closeTestDb();
});

test('create a product with an image and a variant, then publish it to the storefront', async ({ ownerPage: page }) => {
  await page.goto('/admin/products');
  await page.getByRole('link', { name: 'New product' }).click();
  await expect(page.getByRole('heading', { name: 'New product', level: 1 })).toBeVisible();
  await waitForAdminHydration(page);

  await page.getByLabel('Title').fill(TITLE);
  await expect(page.getByLabel('Slug')).toHaveAttribute('placeholder', SLUG); // the slug it will get
  await page.getByLabel('Description').fill('Solid brass, a linen-green shade and a weighted base.');
  await page.getByLabel('Image', { exact: true }).setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: pngImage(16, 16) });
  await page.getByLabel('Image alt text').fill(ALT);
  await expect(page.getByLabel('Published')).not.toBeChecked(); // new products start as drafts
  await page.getByRole('button', { name: 'Create product' }).click();

  await expect(page).toHaveURL(/\/admin\/products\/[0-9a-f-]{36}\?notice=created$/);
  await expect(page.getByRole('status').filter({ hasText: 'Product created' })).toBeVisible();
  productId = page.url().match(/products\/([0-9a-f-]{36})/)![1]!;
  const created = await storedProduct();
  expect(created).toMatchObject({ id: productId, title: TITLE, slug: SLUG, published: false, imageAlt: ALT });
  expect(created!.imagePath).toMatch(/^\/media\/[0-9a-f]{32}\.png$/);

  // Add the variant a shopper buys.
  await page.getByRole('link', { name: 'Add variant' }).click();
  await expect(page.getByRole('heading', { name: `New variant of ${TITLE}` })).toBeVisible();
  await waitForAdminHydration(page);
  await page.getByLabel('SKU').fill(SKU);
  await page.getByLabel('Price').fill('24.00');
  await page.getByLabel('Inventory policy').selectOption('backorder');
  await page.getByLabel('Ship date source').selectOption('lead_time');
  await page.getByLabel('Lead time (days)').fill('10');
  await page.getByRole('button', { name: 'Add variant' }).click();

  await expect(page).toHaveURL(new RegExp(`/admin/products/${productId}\\?notice=variant-added$`));
  const variantRow = page.getByRole('table', { name: 'Variants' }).getByRole('row', { name: new RegExp(SKU) });
  await expect(variantRow).toContainText('$24.00');
  await expect(variantRow).toContainText('Backorder');
  const [variant] = await testDb().db.select().from(variants).where(eq(variants.sku, SKU));
  expect(variant).toMatchObject({ productId, priceCents: 2400, onHand: 0, inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: 10 });
  variantId = variant!.id;

  // Drafts are not on the storefront; publishing puts it there.
  expect((await page.request.get(STOREFRONT)).status()).toBe(404);
  await waitForAdminHydration(page);
  await page.getByLabel('Published').check();
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Product saved.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'View in store' })).toBeVisible();

  await expect.poll(async () => (await page.request.get(STOREFRONT)).status(), { timeout: 2000 }).toBe(200);
  await openProduct(page, SLUG);
  await expect(page.getByRole('heading', { name: TITLE, level: 1 })).toBeVisible();
  await expect(priceLine(page)).toHaveText(/\$24\.00$/);
  const image = page.getByRole('img', { name: ALT });
  await expect(image).toHaveAttribute('src', created!.imagePath!);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(16);

  const served = await page.request.get(created!.imagePath!);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('image/png');
  expect(served.headers()['x-content-type-options']).toBe('nosniff');
  expect(served.headers()['cache-control']).toContain('immutable');
});

test('a price edit shows on the storefront within about a second', async ({ ownerPage: page }) => {
  test.skip(!variantId, 'needs the product from the first test');
  // The page is in the page cache first, so this proves invalidation, not a cold render.
  await expect.poll(async () => (await page.request.get(STOREFRONT)).headers()['x-nextjs-cache'], { timeout: 5000 }).toBe('HIT');

  await openAdmin(page, `/admin/products/${productId}`);
  await page.getByRole('table', { name: 'Variants' }).getByRole('link', { name: 'Default' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Default');
  await expect(page).toHaveURL(`/admin/products/${productId}/variants/${variantId}`);
  await waitForAdminHydration(page);
  await expect(page.getByText('On hand', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Adjust stock' })).toHaveAttribute('href', `/admin/inventory/${variantId}`);

  await page.getByLabel('Price').fill('26.50');
  await page.getByRole('button', { name: 'Save variant' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Variant saved.' })).toBeVisible();
  expect(await storedPrice()).toBe(2650);

  const shopper = await page.context().newPage();
  await expect.poll(() => storefrontPrice(shopper), { timeout: 2000, message: 'the storefront shows the new price' }).toBe('$26.50');
  await shopper.close();
});

test('a refused save shows the reason next to the field and changes nothing', async ({ ownerPage: page }) => {
  test.skip(!variantId, 'needs the product from the first test');

  // A slug another product uses.
  await openAdmin(page, `/admin/products/${productId}`);
  const slug = page.getByLabel('Slug');
  await slug.fill('stoneware-mug');
  await page.getByLabel('Title').fill('This title must not be saved');
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(slug).toHaveAttribute('aria-invalid', 'true');
  await expect(slug).toHaveAccessibleDescription(/That slug is already used\./);
  await expect(page.getByRole('alert').filter({ hasText: 'Check the highlighted fields.' })).toBeVisible();
  await expect(slug).toBeFocused();
  await expect(slug).toHaveValue('stoneware-mug'); // what was typed stays, to be corrected
  expect(await storedProduct()).toMatchObject({ title: TITLE, slug: SLUG });

  // A price with too many decimals.
  await openAdmin(page, `/admin/products/${productId}/variants/${variantId}`);
  const price = page.getByLabel('Price');
  await price.fill('26.505');
  await page.getByRole('button', { name: 'Save variant' }).click();
  await expect(price).toHaveAttribute('aria-invalid', 'true');
  await expect(price).toHaveAccessibleDescription(/Use at most 2 decimal places, e\.g\. 24\.00\./);
  await expect(page.getByText('Variant saved.')).toHaveCount(0);

  // Cross-field rules: a pre-order needs its release date.
  await price.fill('26.50');
  await page.getByLabel('Inventory policy').selectOption('preorder');
  await page.getByRole('button', { name: 'Save variant' }).click();
  await expect(page.getByLabel('Release date')).toHaveAccessibleDescription(/Enter the release date for the pre-order\./);
  await expect(price).not.toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'the variant form with an error');

  expect(await storedPrice()).toBe(2650);
  const [variant] = await testDb().db.select({ policy: variants.inventoryPolicy }).from(variants).where(eq(variants.id, variantId));
  expect(variant!.policy).toBe('backorder');
  expect(await storefrontPrice(page)).toBe('$26.50');
});

test('archiving the product takes it off the storefront', async ({ ownerPage: page }) => {
  test.skip(!variantId, 'needs the product from the first test');
  expect((await page.request.get(STOREFRONT)).status()).toBe(200);

  await openAdmin(page, `/admin/products/${productId}`);
  await expectNoAxeViolations(page, 'the product page');
  await page.getByRole('button', { name: 'Archive product' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Product archived.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unarchive product' })).toBeVisible();
  expect((await storedProduct())!.archivedAt).toBeInstanceOf(Date);

  await expect.poll(async () => (await page.request.get(STOREFRONT)).status(), { timeout: 2000 }).toBe(404);
  const response = await page.goto(STOREFRONT);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();

  // Still listed for the owner, marked archived.
  await page.goto('/admin/products');
  const row = page.getByRole('row', { name: new RegExp(TITLE) });
  await expect(row).toContainText('Archived');
  await expect(row).toContainText(SLUG);
});
