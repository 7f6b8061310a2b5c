/**
 * Purchase orders in the admin, used the way an owner uses them: two shoppers backorder the same
 * item in the browser, the owner orders one unit from a supplier at /admin/purchase-orders/new and
 * receives it with "Receive all"; the unit goes to the first shopper, whose shipment is then ready
 * to ship, while the second keeps waiting, now first in the queue. Then the form's refusals, its
 * extra rows from the keyboard, moving the date and cancelling with a confirmation step. Every
 * test makes its own products and addresses.
 */
import { expect, test, type Page } from '@playwright/test';
import { formatCalendarDate } from '../lib/catalog/dates';
import { backorderTo } from '../lib/orders/testing/fixtures';
import { createPurchaseOrder as writePurchaseOrder } from '../lib/purchasing/purchase-orders';
import { waitForAdminHydration } from './admin-fixtures';
import { signIn } from './admin-session';
import { closeTestDb, testDb } from './db';
import { addToCart, availabilityStatus, backorderedUntil, checkOut, confirmationOrderPath, isoDaysFromToday, orderInOwnBrowser, shipByDate } from './fixtures';
import { expectNoAxeViolations, productMaker, unique } from './order-specs';

test.afterAll(() => closeTestDb());

const product = productMaker('PO Test');

/** What a purchase order's page says for one of its facts ("Status", "Supplier", ...). */
function fact(page: Page, term: string) {
  return page
    .getByRole('main')
    .locator('dl > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd');
}

function orderRow(page: Page, number: number) {
  return page
    .getByRole('table', { name: 'Orders, newest first' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: `#${number}`, exact: true }) });
}

/** The new-purchase-order form, filled with its first line; returns the new purchase order's number once its page shows. */
async function createPurchaseOrder(
  page: Page,
  { supplier, date, sku, quantity }: { supplier: string; date: string; sku: string; quantity: number },
): Promise<number> {
  await page.goto('/admin/purchase-orders/new');
  await waitForAdminHydration(page);
  await page.getByLabel('Supplier').fill(supplier);
  await page.getByLabel('Expected arrival').fill(date);
  await page.getByLabel('SKU').first().fill(sku);
  await page.getByLabel('Quantity').first().fill(String(quantity));
  await page.getByRole('button', { name: 'Create purchase order' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /^Purchase order \d+$/ });
  await expect(heading).toBeVisible();
  const number = Number((await heading.innerText()).replace('Purchase order ', ''));
  await expect(page).toHaveURL(new RegExp(`/admin/purchase-orders/${number}\\?notice=created$`));
  await expect(page.getByText(`Purchase order ${number} created.`)).toBeVisible();
  await waitForAdminHydration(page);
  return number;
}

test('two shoppers backorder an item; the owner orders and receives one unit: the first order is ready to ship, the second waits first in line', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const skillet = await product({ onHand: 0, ...backorderTo(isoDaysFromToday(30)), priceCents: 7800, title: 'PO Skillet' });
  const firstEmail = `po-first-${unique()}@e2e.test`;
  const secondEmail = `po-second-${unique()}@e2e.test`;
  const first = await orderInOwnBrowser(browser, skillet.slug, firstEmail);
  const second = await orderInOwnBrowser(browser, skillet.slug, secondEmail);

  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'Admin' });
  await nav.getByRole('link', { name: 'Purchase orders', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Purchase orders' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Purchase orders', exact: true })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('link', { name: 'New purchase order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New purchase order' })).toBeVisible();
  await expect(page.getByLabel('SKU')).toHaveCount(3);
  await expectNoAxeViolations(page, 'the new purchase order form');

  const arrival = isoDaysFromToday(20);
  const supplier = `Foundry ${unique()}`;
  const number = await createPurchaseOrder(page, { supplier, date: arrival, sku: skillet.sku.toLowerCase(), quantity: 1 });

  await expect(fact(page, 'Supplier')).toHaveText(supplier);
  await expect(fact(page, 'Expected arrival')).toHaveText(formatCalendarDate(arrival, { withWeekday: true }));
  await expect(fact(page, 'Status')).toHaveText('Open');
  await expect(fact(page, 'Units')).toHaveText('0 of 1 received (1 open)');
  const lines = page.getByRole('table', { name: `Lines of purchase order ${number}` });
  const line = lines.getByRole('row').filter({ has: page.getByRole('rowheader', { name: skillet.sku, exact: true }) });
  await expect(line).toContainText(skillet.title);
  // Ordered, received, open.
  await expect(line.getByRole('cell').nth(1)).toHaveText('1');
  await expect(line.getByRole('cell').nth(2)).toHaveText('0');
  await expect(line.getByRole('cell').nth(3)).toHaveText('1');
  await expect(line.getByLabel('Quantity to receive')).toBeVisible();
  await expectNoAxeViolations(page, 'an open purchase order');

  await page.getByRole('button', { name: 'Receive all' }).click();
  await expect(page.getByText('Received 1 unit. 1 unit went to 1 waiting order; 1 shipment is ready to ship.')).toBeVisible();
  await expect(fact(page, 'Status')).toHaveText('Received');
  await expect(line.getByRole('cell').nth(2)).toHaveText('1');
  await expect(line.getByRole('cell').nth(3)).toHaveText('0');
  await expect(page.getByRole('button', { name: 'Receive all' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel purchase order' })).toHaveCount(0);
  await expect(page.getByText('Every unit has been received.')).toBeVisible();

  // The list shows it received, and the status filter lives in the URL.
  await page.goto('/admin/purchase-orders?status=received');
  await expect(page.getByRole('search', { name: 'Search purchase orders' }).getByLabel('Status')).toHaveValue('received');
  const listed = page
    .getByRole('table', { name: 'Purchase orders, newest first' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: `PO ${number}`, exact: true }) });
  await expect(listed).toContainText(supplier);
  await expect(listed).toContainText('1 of 1 received');
  await page.goto('/admin/purchase-orders?status=open');
  await expect(page.getByRole('link', { name: `PO ${number}`, exact: true })).toHaveCount(0);

  // The first shopper's shipment is ready to ship; the second still waits, now first in the queue.
  await page.goto(`/admin/orders?status=ready_to_ship&q=${encodeURIComponent(firstEmail)}`);
  await expect(orderRow(page, first)).toBeVisible();
  await page.goto(`/admin/orders?status=ready_to_ship&q=${encodeURIComponent(secondEmail)}`);
  await expect(page.getByText('No orders match these filters.')).toBeVisible();
  await page.goto(`/admin/orders?status=waiting&q=${encodeURIComponent(secondEmail)}`);
  await expect(orderRow(page, second)).toBeVisible();
  await page.goto(`/admin/orders/${second}`);
  const items = page.getByRole('table', { name: 'Items in this order' });
  await expect(items.getByRole('row').filter({ has: page.getByRole('rowheader', { name: skillet.title, exact: true }) })).toContainText(
    'Queue position 1 of 1',
  );
  await page.goto(`/admin/orders/${first}`);
  await expect(page.getByRole('region', { name: 'Shipments', exact: true }).getByRole('listitem', { name: 'Shipment 1 of 1' })).toContainText('Ready to ship');

  // The next purchase order dates the second shopper's line: its arrival plus two days' handling.
  await createPurchaseOrder(page, { supplier: `${supplier} (next)`, date: isoDaysFromToday(25), sku: skillet.sku, quantity: 1 });
  await page.goto(`/admin/orders/${second}`);
  const secondLine = page
    .getByRole('table', { name: 'Items in this order' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: skillet.title, exact: true }) });
  await expect(secondLine).toContainText(`Now ${formatCalendarDate(isoDaysFromToday(27), { withWeekday: true })}`);
});

test('a purchase order dates a backorder on the product page, in the cart, at checkout and on the order', async ({ page }) => {
  test.setTimeout(120_000);
  // The variant's own date is 40 days out; 3 units arriving in 12 days, plus two days' handling, come sooner.
  const throwBlanket = await product({ onHand: 0, ...backorderTo(isoDaysFromToday(40)), priceCents: 5400, title: 'PO Dated Throw' });
  const written = await writePurchaseOrder(
    { supplier: `Mill ${unique()}`, expectedDate: isoDaysFromToday(12), lines: [{ sku: throwBlanket.sku, quantity: 3 }] },
    'po-dates@e2e.test',
    { database: testDb().db },
  );
  expect(written.ok).toBe(true);
  const fromPurchaseOrder = `Ships by ${shipByDate(14)}`;
  const ownDate = shipByDate(40);

  await addToCart(page, throwBlanket.slug);
  await expect(availabilityStatus(page)).toContainText(backorderedUntil(14));
  await page.goto('/cart');
  await expect(page.getByRole('main')).toContainText(fromPurchaseOrder);
  await expect(page.getByRole('main')).not.toContainText(ownDate);
  await page.goto('/checkout');
  await expect(page.getByRole('main')).toContainText(fromPurchaseOrder);
  await expect(page.getByRole('main')).not.toContainText(ownDate);

  await checkOut(page, `po-dates-${unique()}@e2e.test`);
  await expect(page.getByRole('main')).toContainText(fromPurchaseOrder);
  await page.goto(await confirmationOrderPath(page));
  await expect(page.getByRole('main')).toContainText(fromPurchaseOrder);
  await expect(page.getByRole('main')).not.toContainText(ownDate);
});

test('the new purchase order form: refusals on the line at fault, rows added from the keyboard, nothing created until it is right', async ({ page }) => {
  test.setTimeout(90_000);
  const mug = await product({ onHand: 2, title: 'PO Mug' });
  await signIn(page);
  await page.goto('/admin/purchase-orders/new');
  await waitForAdminHydration(page);

  // Nothing filled in.
  await page.getByRole('button', { name: 'Create purchase order' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Check the highlighted fields.');
  await expect(page.getByLabel('Supplier')).toHaveAccessibleDescription('Enter the supplier.');
  await expect(page.getByText('Add at least one line: a SKU and a quantity.')).toBeVisible();

  // "Add line" from the keyboard: a fourth row, focused on its SKU.
  await page.getByRole('button', { name: 'Add line' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('SKU')).toHaveCount(4);
  await expect(page.getByLabel('SKU, line 4')).toBeFocused();

  // An unknown SKU on line 2, the same SKU twice, a quantity of zero; line 1 left empty is ignored.
  await page.getByLabel('Supplier').fill('Mugworks');
  await page.getByLabel('Expected arrival').fill(isoDaysFromToday(10));
  await page.getByLabel('SKU, line 2').fill('NO-SUCH-SKU-1');
  await page.getByLabel('Quantity, line 2').fill('3');
  await page.getByLabel('SKU, line 3').fill(mug.sku);
  await page.getByLabel('Quantity, line 3').fill('0');
  await page.getByLabel('SKU, line 4').fill(mug.sku);
  await page.getByLabel('Quantity, line 4').fill('2');
  await page.getByRole('button', { name: 'Create purchase order' }).click();
  await expect(page.getByLabel('Quantity, line 3')).toHaveAccessibleDescription('Enter a whole number from 1 to 1,000,000.');
  await expect(page.getByLabel('SKU, line 4')).toHaveAccessibleDescription('This SKU is already on this purchase order.');
  await expect(page.getByLabel('Quantity, line 3')).toBeFocused();
  // What was typed stays.
  await expect(page.getByLabel('SKU, line 2')).toHaveValue('NO-SUCH-SKU-1');

  // Fixed but for the unknown SKU, which is named on its own line.
  await page.getByLabel('Quantity, line 3').fill('6');
  await page.getByLabel('SKU, line 4').fill('');
  await page.getByLabel('Quantity, line 4').fill('');
  await page.getByRole('button', { name: 'Create purchase order' }).click();
  await expect(page.getByLabel('SKU, line 2')).toHaveAccessibleDescription('No active variant has the SKU “NO-SUCH-SKU-1”.');
  await expect(page.getByLabel('SKU, line 2')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { level: 1, name: 'New purchase order' })).toBeVisible();

  await page.getByLabel('SKU, line 2').fill('');
  await page.getByLabel('Quantity, line 2').fill('');
  await page.getByRole('button', { name: 'Create purchase order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Purchase order \d+$/ })).toBeVisible();
  const lines = page.getByRole('table', { name: /^Lines of purchase order/ });
  await expect(lines.getByRole('row')).toHaveCount(2); // the header and the mug
  await expect(lines.getByRole('rowheader', { name: mug.sku, exact: true })).toBeVisible();
});

test('receiving part of a line, refusing more than is open, moving the date and cancelling with a confirmation', async ({ page }) => {
  test.setTimeout(90_000);
  const lamp = await product({ onHand: 0, title: 'PO Lamp' });
  await signIn(page);
  const number = await createPurchaseOrder(page, { supplier: 'Lampworks', date: isoDaysFromToday(15), sku: lamp.sku, quantity: 5 });
  const line = page
    .getByRole('table', { name: `Lines of purchase order ${number}` })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: lamp.sku, exact: true }) });

  await line.getByLabel('Quantity to receive').fill('6');
  await line.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page.getByText(`Only 5 units of ${lamp.sku} are still expected.`)).toBeVisible();
  await expect(line.getByLabel('Quantity to receive')).toHaveAttribute('aria-invalid', 'true');
  await expect(line.getByRole('cell').nth(2)).toHaveText('0');

  await line.getByLabel('Quantity to receive').fill('2');
  await line.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page.getByText('Received 2 units.', { exact: true })).toBeVisible();
  await expect(line.getByRole('cell').nth(2)).toHaveText('2');
  await expect(line.getByRole('cell').nth(3)).toHaveText('3');
  await expect(fact(page, 'Status')).toHaveText('Partly received');

  // A date in the past is refused; a later one is shown.
  const move = page.getByRole('region', { name: 'Move expected arrival' });
  await move.getByLabel('Expected arrival').fill(isoDaysFromToday(-1));
  await move.getByRole('button', { name: 'Move date' }).click();
  await expect(move.getByRole('alert')).toHaveText('Check the highlighted fields.');
  await expect(move.getByLabel('Expected arrival')).toHaveAccessibleDescription('The expected arrival cannot be in the past.');
  const later = isoDaysFromToday(40);
  await move.getByLabel('Expected arrival').fill(later);
  await move.getByRole('button', { name: 'Move date' }).click();
  const laterText = formatCalendarDate(later, { withWeekday: true });
  await expect(move.getByRole('status')).toHaveText(`Expected arrival moved to ${laterText}.`);
  await expect(fact(page, 'Expected arrival')).toHaveText(laterText);

  // Cancelling asks first, from the keyboard: "Keep it" goes back, "Yes, cancel it" cancels.
  const cancel = page.getByRole('region', { name: 'Cancel purchase order' });
  await cancel.getByRole('button', { name: 'Cancel purchase order' }).focus();
  await page.keyboard.press('Enter');
  await expect(cancel.getByRole('button', { name: 'Yes, cancel it' })).toBeFocused();
  await expect(cancel).toContainText(`Cancel purchase order ${number}? Its 3 open units are no longer expected`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(cancel.getByRole('button', { name: 'Cancel purchase order' })).toBeFocused();
  await expect(fact(page, 'Status')).toHaveText('Partly received');
  await page.keyboard.press('Enter');
  await expect(cancel.getByRole('button', { name: 'Yes, cancel it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Purchase order ${number} cancelled. What was received stays in stock.`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/admin/purchase-orders/${number}\\?notice=cancelled$`));
  await expect(fact(page, 'Status')).toHaveText('Cancelled');
  await expect(line.getByRole('cell').nth(2)).toHaveText('2');
  await expect(line.getByRole('cell').nth(3)).toHaveText('0');
  await expect(page.getByRole('button', { name: 'Receive all' })).toHaveCount(0);

  // What was received stays in stock.
  await page.goto(`/admin/inventory/${lamp.variantId}`);
  await expect(page.getByRole('main')).toContainText(`Received: PO ${number} from Lampworks`);

  for (const path of ['/admin/purchase-orders/2147483647', '/admin/purchase-orders/abc', '/admin/purchase-orders/0']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});

test('a purchase order moved past the promise re-dates the waiting order and the shopper gets a "new date" email', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const kettle = await product({ onHand: 0, ...backorderTo(isoDaysFromToday(30)), priceCents: 4200, title: 'PO Kettle' });
  const email = `po-delay-${unique()}@e2e.test`;
  const orderNumber = await orderInOwnBrowser(browser, kettle.slug, email);

  await signIn(page);
  const number = await createPurchaseOrder(page, { supplier: `Kettle Works ${unique()}`, date: isoDaysFromToday(10), sku: kettle.sku, quantity: 1 });
  // Sooner than promised: the order moves up quietly.
  await page.goto(`/admin/orders/${orderNumber}`);
  const line = page
    .getByRole('table', { name: 'Items in this order' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: kettle.title, exact: true }) });
  await expect(line).toContainText(`Now ${formatCalendarDate(isoDaysFromToday(12), { withWeekday: true })}`);

  // Twenty days past the promise: a first delay of under 30 days, which stands unless the shopper cancels.
  await page.goto(`/admin/purchase-orders/${number}`);
  await waitForAdminHydration(page);
  const move = page.getByRole('region', { name: 'Move expected arrival' });
  await move.getByLabel('Expected arrival').fill(isoDaysFromToday(48));
  await move.getByRole('button', { name: 'Move date' }).click();
  await expect(move.getByRole('status')).toContainText('Expected arrival moved to');

  const newDate = formatCalendarDate(isoDaysFromToday(50), { withWeekday: true });
  await page.goto(`/admin/orders/${orderNumber}`);
  await expect(line).toContainText(`Now ${newDate}`);
  await expect(line).toContainText('1 delay');

  await page.goto(`/admin/emails?to=${encodeURIComponent(email)}&kind=date_changed`);
  const subject = `New date for Inbound order ${orderNumber}`;
  await page.getByRole('link', { name: subject, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  const text = await page.getByRole('region', { name: 'Plain text' }).locator('pre').innerText();
  expect(text).toContain(`Was: ${formatCalendarDate(isoDaysFromToday(12), { withWeekday: true })}`);
  expect(text).toContain(`Now: ${newDate}`);
  expect(text).toContain('Nothing has been charged');
  expect(text).toMatch(/Cancel these items\s+http:\/\/[^\s]+\/orders\/[A-Za-z0-9_-]{43}\?delay=cancel/);
});
