/**
 * The demo store as a new user finds it after `npm run dev`: the seeded catalog and its open
 * purchase orders, nothing made for the test. Two shoppers buy the Rain Shell Jacket in M: the
 * first gets the one unit in stock, the second backorders it with the date of Ridgeline
 * Outerwear's purchase order. The owner receives that purchase order with "Receive all" and the
 * waiting order becomes ready to ship; the first order is shipped with "Ship" and the second with
 * "Ship selected", each charging its card. Runs in the admin project, after the storefront specs
 * that read the demo catalog as seeded (no other spec touches this variant).
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { waitForAdminHydration } from './admin-fixtures';
import { signIn } from './admin-session';
import { closeTestDb } from './db';
import { availabilityStatus, backorderedUntil, checkOut, IN_STOCK, inOwnBrowser, openProduct, pickOption } from './fixtures';
import { openOrder, orderFact, shipmentFact, unique } from './order-specs';

test.afterAll(() => closeTestDb());

function onlyShipment(page: Page): Locator {
  return page.getByRole('region', { name: 'Shipments', exact: true }).getByRole('listitem', { name: 'Shipment 1 of 1' });
}

/** The demo's lead time for the jacket in M, which its purchase order (arriving earlier by the handling time) matches. */
const RAIN_SHELL_M_DAYS = 10;

/** A shopper in a browser of their own buys one Rain Shell Jacket in M, after reading what its page promises. */
async function buyRainShellM(browser: Browser, email: string, promise: string, consent: boolean): Promise<number> {
  return inOwnBrowser(browser, async (page) => {
    await openProduct(page, 'rain-shell-jacket');
    await pickOption(page, 'Size', 'M');
    await expect(availabilityStatus(page)).toContainText(promise);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByRole('main').getByRole('status').last()).toContainText('Added to your cart');
    return checkOut(page, email, { consent });
  });
}

test('on the demo: a backorder filled by receiving its purchase order, then shipped and charged one by one and in bulk', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const key = unique();
  const first = await buyRainShellM(browser, `demo-first-${key}@e2e.test`, IN_STOCK, false);
  const second = await buyRainShellM(browser, `demo-second-${key}@e2e.test`, backorderedUntil(RAIN_SHELL_M_DAYS), true);

  await signIn(page);
  await openOrder(page, second);
  await expect(shipmentFact(onlyShipment(page), 'Status')).toHaveText('Waiting for stock');

  // The demo's purchase order behind the jacket in M, found by its SKU among the other specs' purchase orders.
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Purchase orders', exact: true }).click();
  await waitForAdminHydration(page);
  const search = page.getByRole('search', { name: 'Search purchase orders' });
  await search.getByLabel('PO number, supplier or SKU').fill('RAIN-SHELL-M');
  await search.getByLabel('Status').selectOption({ label: 'Open' });
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/admin\/purchase-orders\?q=RAIN-SHELL-M&status=open$/);
  const found = page.getByRole('table', { name: 'Purchase orders, newest first' }).getByRole('row').filter({ hasText: 'Ridgeline Outerwear' });
  await expect(found).toHaveCount(1);
  await found.getByRole('link', { name: /^PO \d+$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Purchase order \d+$/ })).toBeVisible();
  await waitForAdminHydration(page);
  await page.getByRole('button', { name: 'Receive all' }).click();
  await expect(page.getByText('Received 5 units. 1 unit went to 1 waiting order; 1 shipment is ready to ship.')).toBeVisible();

  // "Ship" on the first order: its card is charged for the jacket and the flat shipping.
  await openOrder(page, first);
  const shipment = onlyShipment(page);
  await expect(shipmentFact(shipment, 'Status')).toHaveText('Ready to ship');
  await shipment.getByRole('button', { name: 'Ship', exact: true }).click();
  await expect(shipment.getByRole('status').filter({ hasText: 'shipped' })).toHaveText('Shipment 1 shipped. Charged $194.00 to Visa ending 4242.');

  // "Ship selected" on the second, now ready.
  await page.goto('/admin/orders?status=ready_to_ship');
  await waitForAdminHydration(page);
  const row = page.getByRole('row', { name: new RegExp(`#${second}(?!\\d)`) });
  await row.getByRole('checkbox', { name: 'Select' }).check();
  await page.getByRole('button', { name: 'Ship selected' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Shipping 1 shipment' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: ' shipped' })).toHaveText('1 of 1 shipped', { timeout: 60_000 });
  await expect(page.getByRole('heading', { level: 2, name: 'Done' })).toBeVisible();

  await openOrder(page, second);
  await expect(shipmentFact(onlyShipment(page), 'Status')).toHaveText('Shipped');
  await expect(orderFact(page, 'Status')).toHaveText('Shipped');
  await expect(orderFact(page, 'Charged so far')).toHaveText('$194.00');
});
