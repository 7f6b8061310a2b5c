/**
 * Shipping at /admin/orders/<number>, the way an owner does it: a shopper buys an in-stock item in
 * the browser with card 4242; the owner types the carrier and tracking number and presses "Ship":
 * the card is charged, the order page says so, the shopper's order page shows it shipped and what
 * was charged, and the "Shipped" email carries the amount, the card and the tracking link. A card
 * that saves but is declined when charged (4000 0000 0000 0341) leaves the shipment "Payment
 * failed", on the orders filter and the dashboard, with a "Payment needs action" email. And the
 * packing slip prints the items and the address without the admin around it. Every test makes its
 * own products and addresses.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { orders } from '../db/schema';
import { placeTestOrder } from '../lib/orders/testing/fixtures';
import { signIn } from './admin-session';
import { closeTestDb, testDb } from './db';
import { addToCart, checkOut, confirmationOrderPath, inOwnBrowser } from './fixtures';
import { expectNoAxeViolations, openEmail, openOrder, orderFact, productMaker, shipmentFact, unique } from './order-specs';

const TRACKING = '1Z999AA10123456784';
const UPS_LINK = `https://www.ups.com/track?tracknum=${TRACKING}`;
/** What lib/orders/status-copy.ts tells a shopper whose charge failed. */
const PAYMENT_FAILED_ACTION = "We couldn't charge your card for this shipment. Check your email for what to do.";

test.afterAll(() => closeTestDb());

const product = productMaker('Ship Test');

/**
 * A shopper in a browser of their own buys one of an in-stock product with `card` (all in stock,
 * so no consent is asked); returns the order's number and the path of its order page.
 */
async function buy(browser: Browser, slug: string, email: string, card: string): Promise<{ number: number; orderPath: string }> {
  return inOwnBrowser(browser, async (page) => {
    await addToCart(page, slug);
    const number = await checkOut(page, email, { consent: false, card });
    return { number, orderPath: await confirmationOrderPath(page) };
  });
}

function adminShipment(page: Page, sequence: number, of: number): Locator {
  return page.getByRole('region', { name: 'Shipments', exact: true }).getByRole('listitem', { name: `Shipment ${sequence} of ${of}` });
}

test('the owner ships an order with a carrier and tracking number: the card is charged, both order pages say so, and the shopper gets "Shipped"', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const mug = await product({ onHand: 5, inventoryPolicy: 'deny', priceCents: 2400, title: 'Ship Mug' });
  const email = `ship-${unique()}@e2e.test`;
  const { number, orderPath } = await buy(browser, mug.slug, email, '4242 4242 4242 4242');

  await signIn(page);
  await openOrder(page, number);
  const shipment = adminShipment(page, 1, 1);
  await expect(shipmentFact(shipment, 'Status')).toHaveText('Ready to ship');
  await expect(shipment.getByRole('link', { name: 'Packing slip for shipment 1' })).toHaveAttribute('href', `/admin/orders/${number}/packing-slip/1`);
  await expectNoAxeViolations(page, 'an order ready to ship');

  await shipment.getByLabel('Carrier').fill('UPS');
  await shipment.getByLabel('Tracking number').fill(TRACKING);
  await shipment.getByRole('button', { name: 'Ship', exact: true }).click();

  // $24.00 and the $5.00 flat shipping rate.
  await expect(shipment.getByRole('status').filter({ hasText: 'shipped' })).toHaveText('Shipment 1 shipped. Charged $29.00 to Visa ending 4242.');
  // The button that had the focus went with the form: the focus is on the answer.
  await expect(page.locator(':focus')).toContainText('Shipment 1 shipped.');
  await expect(shipment.getByRole('button', { name: 'Ship', exact: true })).toHaveCount(0);
  await expect(shipment.getByLabel('Carrier')).toHaveCount(0);
  await expect(shipmentFact(shipment, 'Status')).toHaveText('Shipped');
  await expect(shipmentFact(shipment, 'Payment')).toHaveText('Charged $29.00 to Visa ending 4242');
  await expect(shipmentFact(shipment, 'Shipped')).toContainText(`by ${process.env.E2E_OWNER_EMAIL}`);
  await expect(shipmentFact(shipment, 'Tracking')).toHaveText(`UPS ${TRACKING}`);
  await expect(shipment.getByRole('link', { name: TRACKING })).toHaveAttribute('href', UPS_LINK);
  await expect(orderFact(page, 'Status')).toHaveText('Shipped');
  await expect(orderFact(page, 'Charged so far')).toHaveText('$29.00');
  await expect(page.getByRole('list', { name: 'Order events, oldest first' })).toContainText('Shipment shipped');
  await expectNoAxeViolations(page, 'a shipped order');

  // The shopper's order page (the order link).
  await page.goto(orderPath);
  await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();
  const shopperShipment = page.getByRole('region', { name: 'Shipments' }).getByRole('listitem', { name: 'Ships now' });
  await expect(shopperShipment).toContainText('Shipped on');
  await expect(shopperShipment.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
  await expect(shopperShipment).toContainText('Charged $29.00 to Visa ending 4242.');
  await expect(shopperShipment).toContainText(`Tracking: UPS ${TRACKING}`);
  await expect(shopperShipment.getByRole('link', { name: TRACKING })).toHaveAttribute('href', UPS_LINK);
  await expect(page.getByRole('list', { name: 'Items in this order' })).toContainText('1 × Shipped');
  await expectNoAxeViolations(page, "the shopper's shipped order");

  // The "Shipped" email.
  const { text, frame } = await openEmail(page, email, 'shipment_shipped', `Shipped: Inbound order ${number}`);
  expect(text).toContain('We charged $29.00 to your Visa ending in 4242.');
  expect(text).toContain(`UPS · ${TRACKING}`);
  expect(text).toContain(UPS_LINK);
  expect(text).toContain(mug.title);
  await expect(frame.getByRole('link', { name: 'Track your package' })).toHaveAttribute('href', UPS_LINK);
});

test('a card declined when the shipment is charged: "Payment failed" on the order, the orders filter and the dashboard, and "Payment needs action" for the shopper', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const lamp = await product({ onHand: 5, inventoryPolicy: 'deny', priceCents: 3100, title: 'Ship Lamp' });
  const email = `ship-declined-${unique()}@e2e.test`;
  // Saves fine; declined (generic_decline) when charged off-session.
  const { number, orderPath } = await buy(browser, lamp.slug, email, '4000 0000 0000 0341');

  await signIn(page);
  await openOrder(page, number);
  const shipment = adminShipment(page, 1, 1);
  await shipment.getByRole('button', { name: 'Ship', exact: true }).click();
  await expect(shipment.getByRole('alert')).toHaveText('The payment failed: Your card was declined. Shipment 1 did not ship; the shopper has been emailed.');
  await expect(page.locator(':focus')).toContainText('The payment failed');
  await expect(shipment.getByRole('button', { name: 'Ship', exact: true })).toHaveCount(0);
  await expect(shipmentFact(shipment, 'Status')).toHaveText('Payment failed');
  await expect(shipmentFact(shipment, 'Payment')).toContainText('Payment failed: card declined');
  await page.reload();
  await expect(shipmentFact(shipment, 'Payment')).toContainText('Payment failed: card declined');
  await expect(shipment.getByRole('button', { name: 'Ship', exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page, 'an order whose payment failed');

  // The orders list's "Payment failed" filter.
  await page.goto('/admin/orders?status=payment_failed');
  await expect(page.getByRole('table', { name: 'Orders, newest first' }).getByRole('link', { name: `#${number}`, exact: true })).toBeVisible();

  // The dashboard's "Payment failed" section.
  await page.goto('/admin');
  const failed = page.getByRole('region', { name: 'Payment failed', exact: true });
  const row = failed.getByRole('row').filter({ has: page.getByRole('link', { name: `#${number}`, exact: true }) });
  await expect(row).toContainText('Grace Hopper');
  await expect(row).toContainText(email);
  await expect(row).toContainText('$36.00');
  await expect(row).toContainText('card declined');
  await expectNoAxeViolations(page, 'the dashboard with a failed payment');
  await row.getByRole('link', { name: `#${number}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();

  // The shopper's order page.
  await page.goto(orderPath);
  const shopperShipment = page.getByRole('region', { name: 'Shipments' }).getByRole('listitem', { name: 'Ships now' });
  await expect(shopperShipment).toContainText('Payment failed');
  await expect(shopperShipment).toContainText(PAYMENT_FAILED_ACTION);
  await expect(shopperShipment).not.toContainText('Shipped');

  // The "Payment needs action" email.
  const { text } = await openEmail(page, email, 'payment_action_needed', `Action needed: payment for Inbound order ${number}`);
  await expect(
    page
      .locator('dl > div')
      .filter({ has: page.locator('dt', { hasText: /^Kind$/ }) })
      .locator('dd'),
  ).toHaveText('Payment needs action');
  expect(text).toContain("we couldn't charge $36.00");
  expect(text).toContain('Your bank declined the payment on your Visa ending in 0341.');
});

test('the packing slip shows what to pack and where it goes, without prices, and prints without the admin around it', async ({ page }) => {
  const kettle = await product({ onHand: 5, inventoryPolicy: 'deny', priceCents: 5200, title: 'Slip Kettle' });
  const cups = await product({ onHand: 5, inventoryPolicy: 'deny', priceCents: 800, title: 'Slip Cups' });
  const { db } = testDb();
  const placed = await placeTestOrder(
    db,
    [
      { variantId: kettle.variantId, quantity: 1 },
      { variantId: cups.variantId, quantity: 3 },
    ],
    { contact: { email: `slip-${unique()}@e2e.test`, fullName: 'Ada Lovelace' } },
  );
  const [row] = await db.select({ number: orders.number }).from(orders).where(eq(orders.id, placed.id));
  const number = row!.number;

  await signIn(page);
  await openOrder(page, number);
  await adminShipment(page, 1, 1).getByRole('link', { name: 'Packing slip for shipment 1' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/orders/${number}/packing-slip/1$`));
  const slip = page.getByRole('article', { name: 'Packing slip' });
  await expect(page.getByRole('heading', { level: 1, name: 'Packing slip' })).toBeVisible();
  await expect(slip).toContainText('Inbound');
  await expect(slip).toContainText(`Order ${number}`);
  await expect(slip).toContainText('Shipment 1 of 1');
  const address = (await slip.getByRole('region', { name: 'Ship to' }).locator('address').innerText()).split('\n');
  expect(address[0]).toBe('Ada Lovelace');
  expect(address.length).toBeGreaterThanOrEqual(3);

  const items = slip.getByRole('table', { name: 'Items to pack' });
  const rowOf = (title: string) => items.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title, exact: true }) });
  await expect(rowOf(kettle.title).getByRole('cell')).toHaveText([kettle.sku, '1']);
  await expect(rowOf(cups.title).getByRole('cell')).toHaveText([cups.sku, '3']);
  await expect(items.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Total units' }) })).toContainText('4');
  await expect(slip).not.toContainText('$');
  await expectNoAxeViolations(page, 'a packing slip');

  // "Print" opens the browser's print dialog (stubbed here: a headless browser has none).
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // On paper: the slip alone, without the admin's header, the way back or the button.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeHidden();
  await expect(page.getByRole('link', { name: `Order ${number}` })).toBeHidden();
  await expect(slip.getByRole('heading', { level: 1, name: 'Packing slip' })).toBeVisible();
  await expect(items).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('banner')).toBeVisible();

  // A shipment that does not exist has no slip.
  expect((await page.goto(`/admin/orders/${number}/packing-slip/2`))?.status()).toBe(404);
});
