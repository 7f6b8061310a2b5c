/**
 * Shipping many orders at once, and refunding, the way an owner does it. Four shoppers buy in
 * their own browsers (three with card 4242, one with 4000 0000 0000 0341, which saves but is
 * declined when charged); the owner ticks their rows on /admin/orders?status=ready_to_ship and
 * presses "Ship selected": the progress page follows the background batch to "3 of 4 shipped",
 * "1 payment failed", with a result per shipment, and a reload says the same. The same selection
 * sent again from a page that still lists them is refused: none of them is ready any more. And a
 * shipped order is refunded one unit first, then the whole rest with its shipping fee: both order
 * pages say what was refunded, and each refund emails the shopper. Every test makes its own products.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { orders } from '../db/schema';
import { createTestVariant } from '../lib/orders/testing/fixtures';
import { waitForAdminHydration } from './admin-fixtures';
import { signIn } from './admin-session';
import { closeTestDb, testDb } from './db';
import { addToCart, checkOut, orderInOwnBrowser } from './fixtures';

const unique = () => `${Math.random().toString(36).slice(2, 7)}${Date.now().toString(36)}`;
const IMAGE = '/products/cast-iron-skillet.svg';
/** Saves fine; declined (generic_decline) when charged off-session. */
const DECLINED_CARD = '4000 0000 0000 0341';
/** A batch can take a while on a busy machine: four charges, each with its webhooks and email. */
const BATCH_TIMEOUT = 60_000;

test.afterAll(() => closeTestDb());

async function product(stock: Parameters<typeof createTestVariant>[1]) {
  return createTestVariant(testDb().db, { imagePath: IMAGE, ...stock, title: `${stock.title ?? 'Bulk Test'} ${unique()}` });
}

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(
    results.violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) })),
    `axe violations on ${what}`,
  ).toEqual([]);
}

/**
 * checkOut (e2e/fixtures.ts) with another card: a shopper in a browser of their own buys one of
 * an in-stock product (so no consent is asked); returns the order's number.
 */
async function orderWithCard(browser: Browser, slug: string, email: string, card: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await addToCart(page, slug);
    await page.goto('/cart');
    await page.getByRole('link', { name: 'Check out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Full name').fill('Grace Hopper');
    await page.getByLabel('Country').selectOption({ label: 'United States' });
    await page.getByLabel('Address').fill('7 Compiler Lane');
    await page.getByLabel('City').fill('Arlington');
    await page.getByLabel('State').selectOption({ label: 'Virginia' });
    await page.getByLabel('Postal code').fill('22201');
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.getByLabel('Card number').fill(card);
    await page.getByLabel('Expiry').fill('12 / 34');
    await page.getByLabel('CVC').fill('123');
    await page.getByRole('button', { name: 'Save card' }).click();
    await expect(page.getByText('Card saved.')).toBeVisible();
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Thank you — your order is placed' })).toBeVisible();
    const numberText = await page
      .getByRole('main')
      .getByText(/^Order \d+$/)
      .innerText();
    return Number(numberText.replace('Order ', ''));
  } finally {
    await context.close();
  }
}

/** A row of an orders table or the batch's results, by its order number (#12 is not #123). */
function orderRow(scope: Page | Locator, number: number): Locator {
  return scope.getByRole('row', { name: new RegExp(`#${number}(?!\\d)`) });
}

/** The ready-to-ship list with its "Select" checkboxes and "Ship selected", hydrated. */
async function openReadyToShip(page: Page): Promise<void> {
  await page.goto('/admin/orders?status=ready_to_ship');
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  await waitForAdminHydration(page);
}

async function selectOrders(page: Page, numbers: number[]): Promise<void> {
  for (const number of numbers) {
    const box = orderRow(page, number).getByRole('checkbox', { name: 'Select' });
    await box.check();
    await expect(box).toBeChecked();
  }
}

/** What the batch page says once it is done, and one row per shipment with what it came to. */
async function expectBatchDone(page: Page, shipped: number[], declined: number): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: ' shipped' })).toHaveText('3 of 4 shipped · 1 payment failed', { timeout: BATCH_TIMEOUT });
  await expect(page.getByRole('heading', { level: 2, name: 'Done' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Shipping progress' })).toHaveAttribute('value', '4');
  const results = page.getByRole('table', { name: 'One result per shipment, in the order they ship' });
  await expect(results.getByRole('row')).toHaveCount(5); // the header and the four shipments
  // Cells after the order (a row header): shipment, result, details.
  for (const number of shipped) await expect(orderRow(results, number).getByRole('cell')).toHaveText(['1', 'Shipped', '']);
  await expect(orderRow(results, declined).getByRole('cell')).toHaveText(['1', 'Payment failed', 'Your card was declined.']);
}

test('"Ship selected" ships the chosen orders in the background: the progress page counts them to "3 of 4 shipped", and the same selection again is refused', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const mug = await product({ onHand: 10, inventoryPolicy: 'deny', priceCents: 1800, title: 'Bulk Mug' });
  const key = unique();
  const paid: number[] = [];
  for (const n of [1, 2, 3]) paid.push(await orderInOwnBrowser(browser, mug.slug, `bulk-${key}-${n}@e2e.test`, { consent: false }));
  const declined = await orderWithCard(browser, mug.slug, `bulk-${key}-declined@e2e.test`, DECLINED_CARD);
  const chosen = [...paid, declined];

  await signIn(page);
  await openReadyToShip(page);
  // The same list in a second tab, opened before shipping (its form has a key of its own).
  const earlier = await page.context().newPage();
  await openReadyToShip(earlier);
  await selectOrders(earlier, chosen);

  await selectOrders(page, chosen);
  await expectNoAxeViolations(page, 'the ready-to-ship list with rows selected');
  await page.getByRole('button', { name: 'Ship selected' }).click();
  await expect(page).toHaveURL(/\/admin\/orders\/ship-batches\/[0-9a-f-]{36}$/);
  const batchUrl = page.url();
  await expect(page.getByRole('heading', { level: 1, name: 'Shipping 4 shipments' })).toBeVisible();
  await expectBatchDone(page, paid, declined);
  await expectNoAxeViolations(page, 'a finished batch');

  // The page reads the batch from the database: a reload says the same.
  await page.reload();
  await expect(page).toHaveURL(batchUrl);
  await expectBatchDone(page, paid, declined);

  // From the result to the order.
  await orderRow(page.getByRole('table', { name: 'One result per shipment, in the order they ship' }), declined)
    .getByRole('link', { name: `#${declined}`, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${declined}` })).toBeVisible();

  // The same selection again, from the tab still listing them: nothing of it is ready any more.
  await earlier.bringToFront();
  await earlier.getByRole('button', { name: 'Ship selected' }).click();
  await expect(earlier.getByRole('form', { name: 'Ship orders' }).getByRole('alert')).toHaveText('None of the selected orders has a shipment ready to ship.');
  await expect(earlier).toHaveURL(/\/admin\/orders\?status=ready_to_ship$/);
  // A fresh list no longer has them to select.
  await openReadyToShip(earlier);
  for (const number of chosen) await expect(orderRow(earlier, number)).toHaveCount(0);
  await earlier.close();
});

/** An order's page, hydrated (its buttons work only then). */
async function openOrder(page: Page, number: number): Promise<void> {
  await page.goto(`/admin/orders/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();
  await waitForAdminHydration(page);
}

/** What a shipment says for one of its facts ("Status", "Payment", ...). */
function shipmentFact(shipment: Locator, term: string): Locator {
  return shipment
    .locator('dl > div')
    .filter({ has: shipment.page().locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd');
}

test('the owner refunds one unit of a shipped line, then the whole rest: both order pages say what was refunded, and each refund is a "Refunded" email', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const cups = await product({ onHand: 5, inventoryPolicy: 'deny', priceCents: 1200, title: 'Refund Cups' });
  const email = `refund-${unique()}@e2e.test`;
  // Two of them, bought in the shopper's own browser with card 4242.
  const context = await browser.newContext();
  const shopperPage = await context.newPage();
  await addToCart(shopperPage, cups.slug);
  await addToCart(shopperPage, cups.slug);
  const number = await checkOut(shopperPage, email, { consent: false });
  await context.close();

  // Shipped the way e2e/shipping.spec.ts does: $24.00 and the $5.00 flat shipping rate.
  await signIn(page);
  await openOrder(page, number);
  const shipment = page.getByRole('region', { name: 'Shipments', exact: true }).getByRole('listitem', { name: 'Shipment 1 of 1' });
  await expect(shipment.getByRole('region', { name: 'Refund' })).toHaveCount(0); // nothing charged yet
  await shipment.getByRole('button', { name: 'Ship', exact: true }).click();
  await expect(shipment.getByRole('status').first()).toHaveText('Shipment 1 shipped. Charged $29.00 to Visa ending 4242.');

  // One of the two units.
  const refund = shipment.getByRole('region', { name: 'Refund' });
  const units = refund.getByLabel('Units to refund');
  await expect(units).toHaveAttribute('max', '2');
  await units.fill('1');
  await refund.getByRole('button', { name: 'Refund selected units' }).click();
  await expect(refund.getByText(`Refund $12.00 for 1 × ${cups.title} to Visa ending 4242? The shopper is emailed.`)).toBeVisible();
  await expect(page.locator(':focus')).toHaveText('Yes, refund');
  await expectNoAxeViolations(page, 'a refund waiting for its confirmation');
  await refund.getByRole('button', { name: 'Yes, refund' }).click();
  await expect(refund.getByRole('status')).toHaveText('Refunded $12.00 to Visa ending 4242. The shopper has been emailed.');
  await expect(page.locator(':focus')).toContainText('Refunded $12.00');
  await expect(shipmentFact(shipment, 'Payment')).toHaveText('Charged $29.00 to Visa ending 4242Refunded $12.00');
  await expect(refund).toContainText('1 of 2 refunded');
  await expect(units).toHaveValue('0');
  await expect(units).toHaveAttribute('max', '1');

  // "Keep" goes back without refunding.
  await refund.getByRole('button', { name: 'Refund whole shipment' }).click();
  await expect(
    refund.getByText('Refund everything left on shipment 1, $17.00 (its shipping included), to Visa ending 4242? The shopper is emailed.'),
  ).toBeVisible();
  await refund.getByRole('button', { name: 'Keep' }).click();
  await expect(page.locator(':focus')).toHaveText('Refund whole shipment');

  // The rest: the other unit and the shipping fee.
  await refund.getByRole('button', { name: 'Refund whole shipment' }).click();
  await refund.getByRole('button', { name: 'Yes, refund' }).click();
  await expect(refund.getByRole('status')).toHaveText('Refunded $17.00 to Visa ending 4242. The shopper has been emailed.');
  await expect(shipmentFact(shipment, 'Payment')).toHaveText('Charged $29.00 to Visa ending 4242Refunded $29.00');
  // Nothing is left to refund: the buttons went, the answer stayed.
  await expect(refund.getByRole('button')).toHaveCount(0);
  await expect(units).toHaveCount(0);
  const timeline = page.getByRole('list', { name: 'Order events, oldest first' });
  await expect(timeline.getByText('Shipment refunded', { exact: true })).toHaveCount(2);
  await expectNoAxeViolations(page, 'a refunded shipment');
  await page.reload();
  await expect(shipmentFact(shipment, 'Payment')).toContainText('Refunded $29.00');
  await expect(shipment.getByRole('region', { name: 'Refund' })).toHaveCount(0);

  // The shopper's order page.
  const [row] = await testDb().db.select({ token: orders.publicToken }).from(orders).where(eq(orders.number, number));
  await page.goto(`/orders/${row!.token}`);
  const shopperShipment = page.getByRole('region', { name: 'Shipments' }).getByRole('listitem', { name: 'Ships now' });
  await expect(shopperShipment).toContainText('Charged $29.00 to Visa ending 4242.');
  await expect(shopperShipment).toContainText('Refunded $29.00 to Visa ending 4242.');

  // Two "Refunded" emails, one per refund.
  await page.goto(`/admin/emails?to=${encodeURIComponent(email)}&kind=shipment_refunded`);
  const mails = page
    .getByRole('table', { name: 'Emails, newest first' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: `Refund for Inbound order ${number}`, exact: true }) });
  await expect(mails).toHaveCount(2);
  // Cells after the subject (a row header): recipient, kind, status, attempts, time.
  for (const mail of await mails.all()) await expect(mail.getByRole('cell').nth(1)).toHaveText('Refunded');
});
