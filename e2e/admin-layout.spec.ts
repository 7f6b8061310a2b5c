/**
 * The admin's own chrome: its header (store name, sections, who is signed in, "Sign out",
 * "View store") on every admin page and never on the storefront, the shop's header never under
 * /admin, and every admin page usable on a 390 px wide phone without the page scrolling sideways
 * (wide tables scroll in their own box).
 */
import { expect, test, type Page } from '@playwright/test';
import { desc, eq } from 'drizzle-orm';
import { outboxMessages, products, variants } from '../db/schema';
import { placeOrder } from '../lib/orders/place-order';
import { cartWith, CONTACT, createTestVariant, inDays, quoteFor, SHIPPING_CENTS, TODAY, verifiedPayment } from '../lib/orders/testing/fixtures';
import { createPurchaseOrder } from '../lib/purchasing/purchase-orders';
import { OWNER_EMAIL, signIn } from './admin-session';
import { closeTestDb, testDb } from './db';

test.use({ viewport: { width: 390, height: 844 } });
test.afterAll(() => closeTestDb());

const ADMIN_LINKS = ['Dashboard', 'Orders', 'Products', 'Inventory', 'Purchase orders', 'Payments', 'Emails', 'Staff'];

/** The page's own width against the window's: more means the page scrolls sideways. */
async function pageWidth(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), innerWidth: window.innerWidth }));
}

async function expectNoSidewaysScroll(page: Page, path: string) {
  const { scrollWidth, innerWidth } = await pageWidth(page);
  expect(scrollWidth, `${path} is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
}

async function expectAdminHeader(page: Page) {
  const header = page.getByRole('banner');
  await expect(header).toHaveCount(1);
  const nav = header.getByRole('navigation', { name: 'Admin' });
  for (const name of ADMIN_LINKS) await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(header.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(header.getByRole('link', { name: 'View store' })).toHaveAttribute('href', '/');
  await expect(header.getByText(`${OWNER_EMAIL()} (owner)`)).toBeVisible();
  await expect(header.getByRole('link', { name: /Inbound/ })).toBeVisible();
  // None of the shop's chrome.
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^Cart/ })).toHaveCount(0);
}

/**
 * An order with a long address, so the dashboard's "Ready to ship" table is there and wide; its
 * "Order received" email gives the email page a long subject, address and Message-ID, and the
 * order's own page a long name and address. A purchase order for the same item, from a supplier
 * with a long name, gives the purchase order pages a wide row.
 */
async function placeWideOrder(): Promise<{ emailId: string; orderNumber: number; purchaseOrderNumber: number }> {
  const { db } = testDb();
  const item = await createTestVariant(db, { onHand: 3, priceCents: 1500, title: 'Layout Test Lamp' });
  const cart = await cartWith(db, [{ variantId: item.variantId, quantity: 1 }]);
  const { fingerprint } = await quoteFor(db, cart.id);
  const contact = {
    ...CONTACT,
    fullName: 'Bartholomew Featherstonehaugh-Cholmondeley',
    addressLine: '1234 Extraordinarily Long Boulevard Name, Apartment 56B',
  };
  const result = await placeOrder(
    { cartId: cart.id, idempotencyKey: cart.checkoutKey, quoteFingerprint: fingerprint, contact, consent: null, payment: verifiedPayment() },
    { database: db, today: TODAY, shippingCents: SHIPPING_CENTS },
  );
  expect(result.status).toBe('placed');
  if (result.status !== 'placed') throw new Error('the order was not placed');
  const [email] = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(eq(outboxMessages.orderId, result.order.id))
    .orderBy(desc(outboxMessages.createdAt));
  const po = await createPurchaseOrder(
    {
      supplier: 'Featherstonehaugh-Cholmondeley Cast Iron Foundry and Enamelware Company',
      expectedDate: inDays(30),
      lines: [{ sku: item.sku, quantity: 120 }],
    },
    'layout@e2e.test',
    { database: db },
  );
  if (!po.ok) throw new Error(`the purchase order was refused: ${po.error}`);
  return { emailId: email!.id, orderNumber: result.order.number, purchaseOrderNumber: po.number };
}

test('every admin page at 390 px: the admin header, no shop header, and no sideways scrolling', async ({ page }) => {
  test.setTimeout(90_000);
  const { emailId, orderNumber, purchaseOrderNumber } = await placeWideOrder();
  const { db } = testDb();
  const [skillet] = await db
    .select({ productId: products.id, variantId: variants.id })
    .from(products)
    .innerJoin(variants, eq(variants.productId, products.id))
    .where(eq(products.slug, 'cast-iron-skillet'));

  await signIn(page);
  const paths = [
    '/admin',
    '/admin/orders',
    `/admin/orders/${orderNumber}`,
    '/admin/products',
    '/admin/products/new',
    `/admin/products/${skillet!.productId}`,
    `/admin/products/${skillet!.productId}/variants/new`,
    `/admin/products/${skillet!.productId}/variants/${skillet!.variantId}`,
    '/admin/inventory',
    `/admin/inventory/${skillet!.variantId}`,
    '/admin/purchase-orders',
    '/admin/purchase-orders/new',
    `/admin/purchase-orders/${purchaseOrderNumber}`,
    '/admin/payments',
    '/admin/emails',
    `/admin/emails/${emailId}`,
    '/admin/staff',
  ];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAdminHeader(page);
    await expectNoSidewaysScroll(page, path);
  }

  // The wide tables scroll inside their own box instead.
  await page.goto('/admin/inventory');
  const scroller = page.getByRole('region', { name: 'Stock by variant table' });
  const box = await scroller.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
  await page.goto('/admin');
  await expect(page.getByRole('table', { name: 'Shipments ready to ship' })).toBeVisible();
});

test('the sign-in page has the admin header without the console, and no shop header', async ({ page }) => {
  await page.goto('/admin/sign-in');
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: 'View store' })).toBeVisible();
  await expect(header.getByRole('navigation', { name: 'Admin' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expectNoSidewaysScroll(page, '/admin/sign-in');
});

test('the storefront never shows the admin header, even to signed-in staff; "View store" leads there', async ({ page }) => {
  await signIn(page);
  await page.getByRole('banner').getByRole('link', { name: 'View store' }).click();
  await expect(page).toHaveURL(/\/$/);
  for (const path of ['/', '/products', '/products/cast-iron-skillet', '/cart']) {
    await page.goto(path);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Admin' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'View store' })).toHaveCount(0);
    await expectNoSidewaysScroll(page, path);
  }
});
