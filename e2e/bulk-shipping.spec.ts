/**
 * Shipping many orders at once, and refunding, the way an owner does it. Four orders are placed
 * without a browser, the way checkout places them (placePaidOrder: three paid with card 4242, one
 * with 4000 0000 0000 0341, which saves but is declined when charged; checking out in a browser is
 * checkout.spec.ts's and shipping.spec.ts's). The owner ticks their rows on
 * /admin/orders?status=ready_to_ship and presses "Ship selected": the progress page follows the
 * background batch (one order held locked shows it mid-way, "2 of 4 shipped") to "3 of 4 shipped",
 * "1 payment failed", with a result per shipment, and a reload says the same. The same selection
 * sent again from a page that still lists them is refused: none of them is ready any more. And a
 * shipped order is refunded one unit first, then the whole rest with its shipping fee: both order
 * pages say what was refunded, and each refund emails the shopper. Every test makes its own products.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { orders } from '../db/schema';
import { placePaidOrder } from '../test/paid-orders';
import { waitForAdminHydration } from './admin-fixtures';
import { signIn } from './admin-session';
import { closeTestDb, testDb } from './db';
import { addToCart, checkOut, inOwnBrowser } from './fixtures';
import { expectNoAxeViolations, openOrder, productMaker, shipmentFact, unique } from './order-specs';

/** Saves fine; declined (generic_decline) when charged off-session. */
const DECLINED_CARD = '4000000000000341';
/** A batch can take a while on a busy machine: four charges, each with its webhooks and email. */
const BATCH_TIMEOUT = 60_000;

test.afterAll(() => closeTestDb());

const product = productMaker('Bulk Test');

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

/**
 * Holds an order's row locked, as a change to the order does, so shipping it waits; the returned
 * function lets it go.
 */
async function holdOrder(number: number): Promise<() => Promise<void>> {
  const { sql } = testDb();
  let letGo!: () => void;
  const released = new Promise<void>((resolve) => (letGo = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const held = sql.begin(async (t) => {
    await t`select id from orders where number = ${number} for update`;
    locked();
    await released;
  });
  await Promise.race([isLocked, held]);
  return async () => {
    letGo();
    await held;
  };
}

test('"Ship selected" ships the chosen orders in the background: the progress page counts them to "3 of 4 shipped", and the same selection again is refused', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const mug = await product({ onHand: 10, inventoryPolicy: 'deny', priceCents: 1800, title: 'Bulk Mug' });
  const key = unique();
  const { db } = testDb();
  const line = [{ variantId: mug.variantId, quantity: 1 }];
  const paid: number[] = [];
  for (const n of [1, 2, 3]) paid.push((await placePaidOrder(db, line, { email: `bulk-${key}-${n}@e2e.test` })).number);
  const declined = (await placePaidOrder(db, line, { card: DECLINED_CARD, email: `bulk-${key}-declined@e2e.test` })).number;
  const chosen = [...paid, declined];

  await signIn(page);
  await openReadyToShip(page);
  // The same list in a second tab, opened before shipping (its form has a key of its own).
  const earlier = await page.context().newPage();
  await openReadyToShip(earlier);
  await selectOrders(earlier, chosen);

  await selectOrders(page, chosen);
  await expectNoAxeViolations(page, 'the ready-to-ship list with rows selected');
  // The last paid order is held, so the page is seen counting while the batch is still going.
  const release = await holdOrder(paid[2]!);
  await page.getByRole('button', { name: 'Ship selected' }).click();
  await expect(page).toHaveURL(/\/admin\/orders\/ship-batches\/[0-9a-f-]{36}$/);
  const batchUrl = page.url();
  await expect(page.getByRole('heading', { level: 1, name: 'Shipping 4 shipments' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: ' shipped' })).toHaveText('2 of 4 shipped · 1 payment failed', { timeout: BATCH_TIMEOUT });
  await expect(page.getByRole('heading', { level: 2, name: 'Shipping…' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Shipping progress' })).toHaveAttribute('value', '3');
  await expect(orderRow(page.getByRole('table', { name: 'One result per shipment, in the order they ship' }), paid[2]!).getByRole('cell')).toHaveText([
    '1',
    'Waiting',
    '',
  ]);
  await release();
  // No reload: the page follows the batch to its end.
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

test('the owner refunds one unit of a shipped line, then the whole rest: both order pages say what was refunded, and each refund is a "Refunded" email', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const cups = await product({ onHand: 5, inventoryPolicy: 'deny', priceCents: 1200, title: 'Refund Cups' });
  const email = `refund-${unique()}@e2e.test`;
  // Two of them, bought in the shopper's own browser with card 4242.
  const number = await inOwnBrowser(browser, async (shopperPage) => {
    await addToCart(shopperPage, cups.slug);
    await addToCart(shopperPage, cups.slug);
    return checkOut(shopperPage, email, { consent: false });
  });

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
