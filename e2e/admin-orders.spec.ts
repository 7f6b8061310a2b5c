/**
 * The admin's orders, read the way staff read them: an order placed in the browser (one unit in
 * stock, one backordered behind an earlier shopper) found in /admin/orders by its email and by
 * its number, filtered by status through the URL, and opened: its shipments, the backordered
 * line's place in the queue, the customer, the card and consent, the timeline, and its "Order
 * received" email linked both ways. Every test makes its own products and addresses.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { placeOrder as placeOrderDirectly } from '../lib/orders/place-order';
import { backorderTo, cartWith, CONTACT, createTestVariant, quoteFor, SHIPPING_CENTS, TODAY, verifiedPayment } from '../lib/orders/testing/fixtures';
import { signIn } from './admin-session';
import { closeTestDb, testDb } from './db';
import { addToCart, checkOut, isoDaysFromToday, shipByDate } from './fixtures';

const unique = () => `${Math.random().toString(36).slice(2, 7)}${Date.now().toString(36)}`;
const IMAGE = '/products/cast-iron-skillet.svg';
const BACKORDER_DAYS = 30;

test.afterAll(() => closeTestDb());

async function product(stock: Parameters<typeof createTestVariant>[1]) {
  return createTestVariant(testDb().db, { imagePath: IMAGE, ...stock, title: `${stock.title ?? 'Orders Test'} ${unique()}` });
}

/** Another shopper's order, placed directly (a backorder placed first holds queue position 1). */
async function placeDirectly(variantId: string): Promise<void> {
  const { db } = testDb();
  const cart = await cartWith(db, [{ variantId, quantity: 1 }]);
  const { fingerprint } = await quoteFor(db, cart.id);
  const result = await placeOrderDirectly(
    {
      cartId: cart.id,
      idempotencyKey: cart.checkoutKey,
      quoteFingerprint: fingerprint,
      contact: { ...CONTACT, email: `ahead-${unique()}@e2e.test` },
      consent: { at: new Date(), ip: '203.0.113.9' },
      payment: verifiedPayment(),
    },
    { database: db, today: TODAY, shippingCents: SHIPPING_CENTS },
  );
  expect(result.status).toBe('placed');
}

function ordersTable(page: Page) {
  return page.getByRole('table', { name: 'Orders, newest first' });
}

function orderRow(page: Page, number: number) {
  return ordersTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: `#${number}`, exact: true }) });
}

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(
    results.violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) })),
    `axe violations on ${what}`,
  ).toEqual([]);
}

test('an order in the admin: found by email and number, filtered by status, opened with its shipments, queue place, card, timeline and email', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const mug = await product({ onHand: 5, priceCents: 2400, title: 'Orders Mug' });
  const skillet = await product({ onHand: 0, ...backorderTo(isoDaysFromToday(BACKORDER_DAYS)), priceCents: 7800, title: 'Orders Skillet' });
  await placeDirectly(skillet.variantId);
  const email = `orders-${unique()}@e2e.test`;

  await addToCart(page, mug.slug);
  await addToCart(page, skillet.slug);
  const number = await checkOut(page, email);

  await signIn(page);
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Orders', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Orders', exact: true })).toHaveAttribute('aria-current', 'page');

  // Search by the customer's email.
  const search = page.getByRole('search', { name: 'Search orders' });
  await search.getByLabel('Order number or email').fill(email);
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(email).replace(/\./g, '\\.')}(&|$)`));
  await expect(ordersTable(page).getByRole('row')).toHaveCount(2); // the header and this one order
  const row = orderRow(page, number);
  await expect(row.getByRole('link', { name: `#${number}`, exact: true })).toHaveAttribute('href', `/admin/orders/${number}`);
  // Cells after the order number (a row header): placed, customer, total, status.
  await expect(row.getByRole('cell').nth(1)).toContainText('Grace Hopper');
  await expect(row.getByRole('cell').nth(1)).toContainText(email);
  await expect(row.getByRole('cell').nth(2)).toHaveText('$107.00');
  await expect(row.getByRole('cell').nth(3)).toContainText('Placed');
  await expect(row.getByRole('cell').nth(3)).toContainText('1 waiting for stock, 1 ready to ship');
  await expectNoAxeViolations(page, 'the order list');

  // By its number, with or without "#".
  for (const q of [String(number), `#${number}`]) {
    await page.goto(`/admin/orders?q=${encodeURIComponent(q)}`);
    await expect(ordersTable(page).getByRole('row')).toHaveCount(2);
    await expect(orderRow(page, number)).toBeVisible();
  }

  // Filtered by status through the URL: its in-stock shipment is ready, its backorder waits.
  const q = encodeURIComponent(email);
  await page.goto(`/admin/orders?status=ready_to_ship&q=${q}`);
  await expect(page.getByRole('search', { name: 'Search orders' }).getByLabel('Status')).toHaveValue('ready_to_ship');
  await expect(orderRow(page, number)).toBeVisible();
  await page.goto(`/admin/orders?status=waiting&q=${q}`);
  await expect(orderRow(page, number)).toBeVisible();
  for (const status of ['payment_failed', 'shipped', 'cancelled']) {
    await page.goto(`/admin/orders?status=${status}&q=${q}`);
    await expect(page.getByText('No orders match these filters.'), status).toBeVisible();
    await expect(ordersTable(page)).toHaveCount(0);
  }
  // The same filter from the form; an unknown one is no filter at all.
  await page.goto(`/admin/orders?q=${q}`);
  await page.getByRole('search', { name: 'Search orders' }).getByLabel('Status').selectOption({ label: 'Ready to ship' });
  await page.getByRole('search', { name: 'Search orders' }).getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/[?&]status=ready_to_ship(&|$)/);
  await expect(orderRow(page, number)).toBeVisible();
  await page.goto(`/admin/orders?status=bogus&q=${q}&page=junk`);
  await expect(page.getByRole('search', { name: 'Search orders' }).getByLabel('Status')).toHaveValue('');
  await expect(orderRow(page, number)).toBeVisible();

  // The order itself.
  await orderRow(page, number)
    .getByRole('link', { name: `#${number}`, exact: true })
    .click();
  await expect(page).toHaveURL(new RegExp(`/admin/orders/${number}$`));
  await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();

  const shipmentsRegion = page.getByRole('region', { name: 'Shipments', exact: true });
  const first = shipmentsRegion.getByRole('listitem', { name: 'Shipment 1 of 2' });
  await expect(first).toContainText('In stock');
  await expect(first).toContainText('Ready to ship');
  await expect(first).toContainText('$29.00'); // the mug and the flat shipping rate
  await expect(first).toContainText(mug.title);
  await expect(first).not.toContainText(skillet.title);
  const second = shipmentsRegion.getByRole('listitem', { name: 'Shipment 2 of 2' });
  await expect(second).toContainText('Backorder');
  await expect(second).toContainText('Waiting for stock');
  await expect(second).toContainText(`Ships by ${shipByDate(BACKORDER_DAYS)}`);
  await expect(second).toContainText('$78.00');
  await expect(second).toContainText(skillet.title);

  const items = page.getByRole('table', { name: 'Items in this order' });
  const itemRow = (title: string) => items.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title, exact: true }) });
  await expect(itemRow(skillet.title)).toContainText('Queue position 2 of 2'); // behind the earlier shopper
  await expect(itemRow(mug.title)).toContainText('Not queued');

  const customer = page.getByRole('region', { name: 'Customer', exact: true });
  await expect(customer).toContainText('Grace Hopper');
  await expect(customer.getByRole('link', { name: email })).toHaveAttribute('href', `mailto:${email}`);
  await expect(customer).toContainText('7 Compiler Lane');

  const payment = page.getByRole('region', { name: 'Payment', exact: true });
  await expect(payment).toContainText('Visa ending 4242');
  await expect(payment).toContainText('Expires 12/2034');
  await expect(payment.getByRole('heading', { name: 'Consent' })).toBeVisible();
  await expect(payment).toContainText('I agree that part of my order ships later');

  const timeline = page.getByRole('list', { name: 'Order events, oldest first' });
  await expect(timeline.getByRole('listitem')).toHaveCount(3);
  await expect(timeline.getByRole('listitem').nth(0)).toContainText('Order placed');
  await expect(timeline.getByRole('listitem').nth(1)).toContainText('Shipment planned · Shipment 1');
  await expect(timeline.getByRole('listitem').nth(2)).toContainText('Shipment planned · Shipment 2');
  await expect(timeline.getByRole('listitem').nth(0).locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
  await expectNoAxeViolations(page, 'an order in the admin');

  // Its "Order received" email, linked to its page in /admin/emails, which links back.
  const subject = `Order received: Inbound order ${number}`;
  const emailLink = page.getByRole('region', { name: 'Emails', exact: true }).getByRole('link', { name: subject, exact: true });
  await expect(emailLink).toHaveAttribute('href', /^\/admin\/emails\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('region', { name: 'Emails', exact: true })).toContainText('Order received');
  await emailLink.click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await page.getByRole('link', { name: `Order ${number}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();

  await page.getByRole('link', { name: 'All orders' }).click();
  await expect(page).toHaveURL(/\/admin\/orders$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
});

test('the dashboard\'s "Ready to ship" rows open their orders; unknown order numbers are not found', async ({ page }) => {
  // An in-stock order, so the table has at least one row.
  const lamp = await product({ onHand: 3, priceCents: 1900, title: 'Orders Lamp' });
  await placeDirectly(lamp.variantId);

  await signIn(page);
  const ready = page.getByRole('table', { name: 'Shipments ready to ship' });
  const link = ready.getByRole('rowheader').first().getByRole('link');
  const text = await link.innerText();
  expect(text).toMatch(/^#\d+$/);
  await expect(link).toHaveAttribute('href', `/admin/orders/${text.slice(1)}`);
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${text.slice(1)}` })).toBeVisible();

  for (const path of ['/admin/orders/2147483647', '/admin/orders/abc', '/admin/orders/0', '/admin/orders/1.5']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});
