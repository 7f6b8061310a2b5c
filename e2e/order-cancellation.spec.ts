/**
 * Staff cancelling orders at /admin/orders/<number>, the way an owner does it: two shoppers
 * backorder the same item in the browser; the owner cancels the first one's line ("Cancel line",
 * then "Yes, cancel line"), which cancels that order, moves the second shopper up to first in the
 * queue and emails the first shopper. Then "Cancel order" on an in-stock order: "Keep order" changes
 * nothing, "Yes, cancel order" cancels it and its units are sellable again. Every test makes its own
 * products and addresses.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { backorderTo } from '../lib/orders/testing/fixtures';
import { signIn } from './admin-session';
import { closeTestDb } from './db';
import { addToCart, checkOut, inOwnBrowser, isoDaysFromToday, orderInOwnBrowser } from './fixtures';
import { expectNoAxeViolations, openEmail, openOrder, orderFact, productMaker, unique } from './order-specs';

const NOTHING_CHARGED = 'Nothing was charged for these items, so there is nothing to refund.';

test.afterAll(() => closeTestDb());

const product = productMaker('Cancel Test');

function itemRow(page: Page, title: string): Locator {
  return page
    .getByRole('table', { name: 'Items in this order' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: title, exact: true }) });
}

/** The "Sellable" count of a variant in /admin/inventory (the cells after its row header: SKU, on hand, committed, waiting, waiting value, sellable). */
async function sellable(page: Page, title: string): Promise<number> {
  await page.goto('/admin/inventory');
  const row = page
    .getByRole('table', { name: 'Stock by variant' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: title }) });
  const text = await row.getByRole('cell').nth(5).innerText();
  return Number(/^\d+/.exec(text.trim())![0]);
}

test("two shoppers backorder an item; the owner cancels the first one's line: that order is cancelled, the second moves up, the first shopper is emailed", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const skillet = await product({ onHand: 0, ...backorderTo(isoDaysFromToday(30)), priceCents: 7800, title: 'Cancel Skillet' });
  const firstEmail = `cancel-first-${unique()}@e2e.test`;
  const first = await orderInOwnBrowser(browser, skillet.slug, firstEmail);
  const second = await orderInOwnBrowser(browser, skillet.slug, `cancel-second-${unique()}@e2e.test`);

  await signIn(page);
  await openOrder(page, second);
  await expect(itemRow(page, skillet.title)).toContainText('Queue position 2 of 2');

  await openOrder(page, first);
  const line = itemRow(page, skillet.title);
  await expect(line).toContainText('Queue position 1 of 2');
  await expect(page.getByRole('button', { name: 'Cancel order' })).toBeVisible();
  // One "Cancel line" per row, told apart by the row (its header describes the button).
  const cancelLine = line.getByRole('button', { name: 'Cancel line', exact: true });
  await expect(cancelLine).toHaveAccessibleDescription(skillet.title);
  await cancelLine.click();
  await expect(line.getByRole('button', { name: 'Yes, cancel line' })).toBeFocused();
  await expect(line).toContainText(
    `Cancel 1 × ${skillet.title}? Its stock or queue place goes to the next waiting order and the shopper is emailed. Nothing was charged, so nothing is refunded.`,
  );
  await expect(line.getByRole('button', { name: 'Keep line' })).toBeVisible();
  await expectNoAxeViolations(page, 'an order asking to confirm a line cancellation');
  await line.getByRole('button', { name: 'Yes, cancel line' }).click();

  await expect(line.getByRole('status')).toHaveText(
    `Cancelled 1 unit of ${skillet.title}. Nothing is left on order ${first}, so it is cancelled. The shopper has been emailed.`,
  );
  // The button that had the focus is gone: the focus is on the answer.
  await expect(page.locator(':focus')).toContainText(`Cancelled 1 unit of ${skillet.title}.`);
  await expect(orderFact(page, 'Status')).toHaveText('Cancelled');
  await expect(line.getByRole('button', { name: 'Cancel line' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);
  // What the line lost (its last cell) and the queue place given up (the one before).
  await expect(line.getByRole('cell').last()).toContainText('1 cancelled');
  await expect(line.getByRole('cell').nth(-2)).toHaveText('Cancelled');
  await expect(orderFact(page, 'After cancellations')).toHaveText('$0.00');
  const shipment = page.getByRole('region', { name: 'Shipments', exact: true }).getByRole('listitem', { name: 'Shipment 1 of 1' });
  await expect(shipment).toContainText('Cancelled');
  await expect(shipment.locator('s', { hasText: `1 × ${skillet.title}` })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Order events, oldest first' })).toContainText('Order cancelled');
  await expectNoAxeViolations(page, 'a cancelled order');

  // The second shopper is first in line now.
  await openOrder(page, second);
  await expect(itemRow(page, skillet.title)).toContainText('Queue position 1 of 1');

  // The first shopper's "Cancelled" email.
  const { text } = await openEmail(page, firstEmail, 'order_cancelled', `Cancelled: Inbound order ${first}`);
  expect(text).toContain(NOTHING_CHARGED);
  expect(text).toContain(skillet.title);
});

test('"Cancel order" on an in-stock order: "Keep order" changes nothing; "Yes, cancel order" cancels it and its units are sellable again', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const mug = await product({ onHand: 5, inventoryPolicy: 'deny', priceCents: 2400, title: 'Cancel Mug' });
  const email = `cancel-stock-${unique()}@e2e.test`;
  const number = await inOwnBrowser(browser, async (shopperPage) => {
    await addToCart(shopperPage, mug.slug);
    await addToCart(shopperPage, mug.slug);
    return checkOut(shopperPage, email, { consent: false });
  });

  await signIn(page);
  expect(await sellable(page, mug.title)).toBe(3);
  await openOrder(page, number);
  await expect(orderFact(page, 'Status')).toHaveText('Placed');
  await expect(itemRow(page, mug.title).getByRole('cell').nth(1)).toHaveText('2'); // quantity, after the SKU

  // From the keyboard: "Keep order" goes back and changes nothing.
  const cancelOrder = page.getByRole('button', { name: 'Cancel order', exact: true });
  await cancelOrder.focus();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('button', { name: 'Yes, cancel order' });
  await expect(confirm).toBeFocused();
  await expect(page.getByRole('main')).toContainText(`Cancel order ${number}? Its 2 units not yet shipped are cancelled`);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Keep order' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cancelOrder).toBeFocused();
  await expect(confirm).toHaveCount(0);
  await page.reload();
  await expect(orderFact(page, 'Status')).toHaveText('Placed');
  expect(await sellable(page, mug.title)).toBe(3);

  await openOrder(page, number);
  await cancelOrder.click();
  await confirm.click();
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'is cancelled' })).toHaveText(
    `Order ${number} is cancelled (2 units). The shopper has been emailed.`,
  );
  await expect(orderFact(page, 'Status')).toHaveText('Cancelled');
  await expect(cancelOrder).toHaveCount(0);
  await expect(itemRow(page, mug.title).getByRole('cell').last()).toContainText('2 cancelled');
  await expect(page.getByRole('region', { name: 'Shipments', exact: true }).getByRole('listitem', { name: 'Shipment 1 of 1' })).toContainText('Cancelled');

  // The two units are back on sale.
  expect(await sellable(page, mug.title)).toBe(5);
});
