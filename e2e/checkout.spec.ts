/**
 * Checkout end to end on the embedded defaults (the offline Stripe emulator): in-stock,
 * backordered and mixed purchases with their dates on every page, the shipment plan and what
 * each shipment costs, a card declined at setup, a 3D Secure card, the consent for later
 * shipments, and stock selling out between the cart and "Place order". Every test makes its
 * own products and uses a fresh browser context (so a fresh cart).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { orderLines, orders, shipments } from '../db/schema';
import { adjustStock } from '../lib/inventory/adjust-stock';
import { backorderTo, createTestVariant } from '../lib/orders/testing/fixtures';
import { signIn } from './admin-session';
import { closeTestDb, testDb } from './db';
import { backorderedUntil, isoDaysFromToday, openProduct, shipByDate } from './fixtures';

const unique = () => Math.random().toString(36).slice(2, 7);
const IMAGE = '/products/cast-iron-skillet.svg';
const CHARGE_STATEMENT = 'Nothing is charged now. Your saved card is charged for each shipment when it ships.';

async function product(stock: Parameters<typeof createTestVariant>[1]) {
  return createTestVariant(testDb().db, { imagePath: IMAGE, ...stock, title: `${stock.title ?? 'Checkout Test'} ${unique()}` });
}

async function addToCart(page: Page, slug: string, quantity = 1): Promise<void> {
  await openProduct(page, slug);
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('main').getByRole('status').last()).toContainText('Added to your cart');
}

function shopperEmail(): string {
  return `shopper-${unique()}-${Date.now()}@e2e.test`;
}

/** A US address: the form starts on the United States, which needs a state. */
async function fillDetails(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Country').selectOption({ label: 'United States' });
  await page.getByLabel('Address').fill('12 Analytical Row');
  await page.getByLabel('City').fill('Portland');
  await page.getByLabel('State').selectOption({ label: 'Oregon' });
  await page.getByLabel('Postal code').fill('97201');
}

/** The "Shipping to" address on the confirmation or order page, line by line. */
async function printedAddress(page: Page): Promise<string[]> {
  return (await page.getByRole('region', { name: 'Shipping to' }).locator('address').innerText()).split('\n');
}

async function saveCard(page: Page, number: string): Promise<void> {
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiry').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: 'Save card' }).click();
}

/** Cart → checkout → details → card 4242 saved. */
async function checkoutWithSavedCard(page: Page, email: string): Promise<void> {
  await page.goto('/cart');
  await page.getByRole('link', { name: 'Check out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
  await fillDetails(page, email);
  await saveCard(page, '4242 4242 4242 4242');
  await expect(page.getByText('Card saved.')).toBeVisible();
}

function summaryShipment(page: Page, heading: string) {
  return page.getByRole('region', { name: 'Order summary' }).getByRole('listitem', { name: heading });
}

function orderLine(page: Page, title: string) {
  return page.getByRole('list', { name: 'Items in this order' }).getByRole('listitem', { name: title });
}

async function ordersFor(email: string) {
  return testDb().db.select().from(orders).where(eq(orders.email, email));
}

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(
    results.violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) })),
    `axe violations on ${what}`,
  ).toEqual([]);
}

test.afterAll(() => closeTestDb());

test('buy an in-stock item: confirmation, then the order page by its long link', async ({ page }) => {
  const mug = await product({ onHand: 10, priceCents: 2800, title: 'Checkout Mug' });
  const email = shopperEmail();
  await addToCart(page, mug.slug, 2);
  await page.goto('/cart');
  await page.getByRole('link', { name: 'Check out' }).click();

  const summary = page.getByRole('region', { name: 'Order summary' });
  await expect(summary).toContainText(CHARGE_STATEMENT);
  await expect(summaryShipment(page, 'Ships now')).toContainText('Charged when it ships$61.00');
  await expect(page.getByRole('checkbox')).toHaveCount(0); // nothing ships later: no consent to ask
  await expectNoAxeViolations(page, 'the checkout');

  await fillDetails(page, email);
  await saveCard(page, '4242 4242 4242 4242');
  await expect(page.getByText('Card saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Place order' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Thank you — your order is placed' })).toBeVisible();
  await expect(orderLine(page, mug.title)).toContainText('2 × Preparing to ship — ships in 1–2 business days');
  await expect(page.getByRole('main')).toContainText('Visa ending 4242');
  await expectNoAxeViolations(page, 'the confirmation page');
  const [order] = await ordersFor(email);
  expect(order).toMatchObject({
    totalCents: 6100,
    shippingCents: 500,
    cardLast4: '4242',
    fullName: 'Ada Lovelace',
    region: 'OR',
    country: 'US',
    consentText: null,
  });
  expect(await printedAddress(page)).toEqual(['Ada Lovelace', '12 Analytical Row', 'Portland, OR 97201', 'United States']);
  expect(order!.stripePaymentMethodId).toMatch(/^pm_/);

  await page.getByRole('link', { name: new RegExp(`/orders/${order!.publicToken}$`) }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${order!.publicToken}$`));
  await expect(page.getByRole('heading', { level: 1, name: `Order ${order!.number}` })).toBeVisible();
  await expect(orderLine(page, mug.title)).toContainText('2 × Preparing to ship');
  // The cart is empty again, and the header says so.
  await expect(page.getByRole('banner').getByRole('link', { name: /^Cart/ })).toHaveAccessibleName('Cart, 0 items');
  // Anyone without the link gets nothing.
  expect((await page.request.get(`/orders/${'x'.repeat(43)}`)).status()).toBe(404);

  // The store owner's dashboard lists the shipment as ready to ship.
  await signIn(page);
  const ready = page.getByRole('table', { name: 'Shipments ready to ship' });
  await expect(ready.getByRole('row', { name: new RegExp(`#${order!.number}\\b`) })).toContainText('Ada Lovelace');
  await expect(ready.getByRole('row', { name: new RegExp(`#${order!.number}\\b`) })).toContainText('$61.00');
  await expect(ready.getByRole('row', { name: new RegExp(`#${order!.number}\\b`) })).toContainText('Portland, OR 97201');
});

test('a Canadian address asks for a province, and the order page prints it the way Canada Post reads it', async ({ page }) => {
  test.setTimeout(60_000);
  const mug = await product({ onHand: 5, priceCents: 2400, title: 'Checkout Maple Mug' });
  const email = shopperEmail();
  await addToCart(page, mug.slug);
  await page.goto('/checkout');

  // The field follows the country: a state for the US, none for the UK, a province for Canada.
  await expect(page.getByLabel('State')).toBeVisible();
  await page.getByLabel('Country').selectOption({ label: 'United Kingdom' });
  await expect(page.getByLabel(/State|Province|County/)).toHaveCount(0);
  await page.getByLabel('Country').selectOption({ label: 'Canada' });
  const province = page.getByLabel('Province');
  await expect(province).toBeVisible();
  await expect(page.getByLabel('State')).toHaveCount(0);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Full name').fill('Lucy Maud Montgomery');
  await page.getByLabel('Address').fill('8 Cavendish Rd');
  await page.getByLabel('City').fill('Toronto');
  await page.getByLabel('Postal code').fill('m5v 2t6');
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  // The server asks for it, next to the field, and takes the shopper there.
  await expect(province).toHaveAccessibleDescription('Choose a province.');
  await expect(province).toBeFocused();
  await expect(page.getByLabel('Card number')).toHaveCount(0);

  // Reached by keyboard from the city, like every field.
  await page.getByLabel('City').focus();
  await page.keyboard.press('Tab');
  await expect(province).toBeFocused();
  await province.selectOption({ label: 'Ontario' });
  await expectNoAxeViolations(page, 'the checkout with a province');
  await saveCard(page, '4242 4242 4242 4242');
  await expect(page.getByText('Card saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Place order' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Thank you — your order is placed' })).toBeVisible();
  const lines = ['Lucy Maud Montgomery', '8 Cavendish Rd', 'Toronto ON M5V 2T6', 'Canada'];
  expect(await printedAddress(page)).toEqual(lines);
  const [order] = await ordersFor(email);
  expect(order).toMatchObject({ city: 'Toronto', region: 'ON', postalCode: 'M5V 2T6', country: 'CA' });
  await page.goto(`/orders/${order!.publicToken}`);
  expect(await printedAddress(page)).toEqual(lines);
});

test('buy a backordered item: its date on the product page, cart, checkout, confirmation and order page', async ({ page }) => {
  const skillet = await product({ onHand: 0, ...backorderTo(isoDaysFromToday(45)), priceCents: 8500, title: 'Checkout Skillet' });
  const email = shopperEmail();
  const date = shipByDate(45);

  await openProduct(page, skillet.slug);
  await expect(page.getByRole('region', { name: 'Availability' })).toContainText(backorderedUntil(45));
  await addToCart(page, skillet.slug, 1);
  await page.goto('/cart');
  await expect(page.getByRole('listitem', { name: skillet.title })).toContainText(backorderedUntil(45));
  await expect(page.getByRole('region', { name: 'Shipment plan' }).getByRole('heading', { name: `Ships by ${date}` })).toBeVisible();

  await page.getByRole('link', { name: 'Check out' }).click();
  await expect(summaryShipment(page, `Ships by ${date}`)).toContainText('Charged when it ships$90.00'); // the flat rate goes with the first shipment
  const consent = page.getByRole('checkbox', { name: /I agree/ });
  await expect(consent).toHaveAccessibleName(
    `I agree that my order ships later (Ships by ${date}) and that my saved card is charged for each shipment when it ships.`,
  );
  await fillDetails(page, email);
  await saveCard(page, '4242 4242 4242 4242');
  await expect(page.getByText('Card saved.')).toBeVisible();
  await consent.check();
  await page.getByRole('button', { name: 'Place order' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Thank you — your order is placed' })).toBeVisible();
  await expect(orderLine(page, skillet.title)).toContainText(`1 × ${backorderedUntil(45)}`);
  const [order] = await ordersFor(email);
  await page.goto(`/orders/${order!.publicToken}`);
  await expect(orderLine(page, skillet.title)).toContainText(`1 × ${backorderedUntil(45)}`);
  await expect(page.getByRole('region', { name: 'Shipments' }).getByRole('heading', { name: `Ships by ${date}` })).toBeVisible();
});

test('a mixed cart is split into shipments, each with what it will cost, on the checkout and the order', async ({ page }) => {
  const throwBlanket = await product({ onHand: 1, ...backorderTo(isoDaysFromToday(21)), priceCents: 16500, title: 'Checkout Throw' });
  const lantern = await product({
    onHand: 0,
    inventoryPolicy: 'preorder',
    releaseDate: isoDaysFromToday(60),
    waitingLimit: 50,
    priceCents: 6400,
    title: 'Checkout Lantern',
  });
  const email = shopperEmail();
  await addToCart(page, throwBlanket.slug, 3);
  await addToCart(page, lantern.slug, 1);
  await page.goto('/checkout');

  const now = summaryShipment(page, 'Ships now');
  await expect(now).toContainText(`1 × ${throwBlanket.title}`);
  await expect(now).toContainText('Shipping$5.00');
  await expect(now).toContainText('Charged when it ships$170.00');
  const later = summaryShipment(page, `Ships by ${shipByDate(21)}`);
  await expect(later).toContainText(`2 × ${throwBlanket.title}`);
  await expect(later).toContainText('Charged when it ships$330.00');
  const release = page
    .getByRole('region', { name: 'Order summary' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: /^Releases / }) });
  await expect(release).toContainText('Charged when it ships$64.00');
  await expect(page.getByRole('region', { name: 'Order summary' })).toContainText('Total$564.00');

  await fillDetails(page, email);
  await saveCard(page, '4242 4242 4242 4242');
  await expect(page.getByText('Card saved.')).toBeVisible();
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you — your order is placed' })).toBeVisible();
  await expect(orderLine(page, throwBlanket.title)).toContainText('1 × Preparing to ship');
  await expect(orderLine(page, throwBlanket.title)).toContainText(`2 × Backordered — ships by ${shipByDate(21)}`);
  await expect(orderLine(page, lantern.title)).toContainText('1 × Pre-order — releases');

  const [order] = await ordersFor(email);
  const planned = await testDb().db.select().from(shipments).where(eq(shipments.orderId, order!.id));
  expect(planned.map((s) => [s.kind, s.amountCents, s.status]).sort()).toEqual([
    ['backorder', 33000, 'planned'],
    ['now', 17000, 'ready_to_ship'],
    ['preorder', 6400, 'planned'],
  ]);
});

test('a card declined at setup shows the decline and creates no order', async ({ page }) => {
  const mug = await product({ onHand: 10, title: 'Checkout Declined' });
  const email = shopperEmail();
  await addToCart(page, mug.slug);
  await page.goto('/checkout');
  await fillDetails(page, email);
  await saveCard(page, '4000 0000 0000 9995');
  await expect(page.getByRole('alert').filter({ hasText: 'Card not saved' })).toContainText('insufficient funds');

  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByText('Save your card first.')).toBeVisible();
  expect(await ordersFor(email)).toEqual([]);
  await expect(page).toHaveURL(/\/checkout$/);
});

test('a 3D Secure card is saved after "Complete authentication" and the order goes through', async ({ page }) => {
  const mug = await product({ onHand: 10, title: 'Checkout 3DS' });
  const email = shopperEmail();
  await addToCart(page, mug.slug);
  await page.goto('/checkout');
  await fillDetails(page, email);
  await saveCard(page, '4000 0027 6000 3184');
  const dialog = page.getByRole('dialog', { name: 'Confirm your card with your bank' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Complete authentication' }).click();
  await expect(page.getByText('Card saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you — your order is placed' })).toBeVisible();
  expect(await ordersFor(email)).toHaveLength(1);
});

test('the consent box is required when lines ship later, and its text, time and address are kept', async ({ page }) => {
  const shirt = await product({ onHand: 0, ...backorderTo(isoDaysFromToday(14)), priceCents: 8800, title: 'Checkout Shirt' });
  const email = shopperEmail();
  await addToCart(page, shirt.slug, 2);
  await checkoutWithSavedCard(page, email);

  await page.getByRole('button', { name: 'Place order' }).click();
  const consent = page.getByRole('checkbox', { name: /I agree/ });
  await expect(page.getByText('Tick the box to agree to the later ship dates and to each shipment being charged when it ships.')).toBeVisible();
  await expect(consent).toHaveAttribute('aria-invalid', 'true');
  await expect(consent).toBeFocused();
  expect(await ordersFor(email)).toEqual([]);

  await consent.check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you — your order is placed' })).toBeVisible();
  const [order] = await ordersFor(email);
  expect(order!.consentText).toBe(
    `I agree that my order ships later (Ships by ${shipByDate(14)}) and that my saved card is charged for each shipment when it ships.`,
  );
  expect(order!.consentAt).toBeInstanceOf(Date);
  expect(order!.consentIp).toBeTruthy();
});

test('details are checked on the server and errors show next to their fields', async ({ page }) => {
  const mug = await product({ onHand: 10, title: 'Checkout Fields' });
  await addToCart(page, mug.slug);
  await page.goto('/checkout');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Postal code').fill('!!');
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Enter a valid email address, like name@example.com.');
  await expect(page.getByLabel('Full name')).toHaveAccessibleDescription('Enter your full name.');
  await expect(page.getByLabel('Address')).toHaveAccessibleDescription('Enter your street address.');
  await expect(page.getByLabel('City')).toHaveAccessibleDescription('Enter your city.');
  await expect(page.getByLabel('Postal code')).toHaveAccessibleDescription('Enter a valid postal code.');
  await expect(page.getByLabel('State')).toHaveAccessibleDescription('Choose a state.');
  await expect(page.getByLabel('Email')).toBeFocused();
  await expect(page.getByLabel('Card number')).toHaveCount(0);
});

test('stock sold out between the cart and "Place order": the checkout shows the change and no order is created', async ({ page }) => {
  const lamp = await product({ onHand: 1, priceCents: 4000, title: 'Checkout Last Lamp' });
  const email = shopperEmail();
  await addToCart(page, lamp.slug);
  await checkoutWithSavedCard(page, email);

  // Someone else buys the last one (here: it is counted out of stock) while this shopper is on the checkout.
  await adjustStock({ variantId: lamp.variantId, change: -1, reason: 'e2e: sold elsewhere', actor: 'e2e' }, testDb().db);
  await page.getByRole('button', { name: 'Place order' }).click();

  const alert = page.getByRole('alert').filter({ hasText: 'Part of your order sold out' });
  await expect(alert).toContainText('Nothing was ordered or charged.');
  await expect(alert).toContainText(`${lamp.title} is sold out. Remove it from your cart to continue.`);
  await expect(page.getByRole('button', { name: 'Place order' })).toBeDisabled();
  await expect(page.getByRole('link', { name: 'Change them in your cart' })).toBeVisible();
  expect(await ordersFor(email)).toEqual([]);
  const lines = await testDb()
    .db.select()
    .from(orderLines)
    .where(and(eq(orderLines.variantId, lamp.variantId)));
  expect(lines).toEqual([]);
});

test('a split that changed after the checkout loaded is shown, and the shopper places the new plan', async ({ page }) => {
  const kettle = await product({ onHand: 2, ...backorderTo(isoDaysFromToday(10)), priceCents: 5000, title: 'Checkout Kettle' });
  const email = shopperEmail();
  await addToCart(page, kettle.slug, 2);
  await checkoutWithSavedCard(page, email);
  await expect(page.getByRole('checkbox')).toHaveCount(0);

  await adjustStock({ variantId: kettle.variantId, change: -1, reason: 'e2e: one damaged', actor: 'e2e' }, testDb().db);
  await page.getByRole('button', { name: 'Place order' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Your order changed' });
  await expect(alert).toContainText(`${kettle.title}: was “2 ship now”, now “1 ships now, 1 ships by ${shipByDate(10)}”.`);
  expect(await ordersFor(email)).toEqual([]);

  // The page now shows the new plan, and asks for the consent it now needs.
  await expect(summaryShipment(page, `Ships by ${shipByDate(10)}`)).toContainText(`1 × ${kettle.title}`);
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you — your order is placed' })).toBeVisible();
  expect(await ordersFor(email)).toHaveLength(1);
});

test("another shopper typing the same email gets a card form of their own and cannot pay with the first shopper's card", async ({ page }) => {
  const mug = await product({ onHand: 10, title: 'Checkout Own Card' });
  const email = shopperEmail();
  await addToCart(page, mug.slug);
  await checkoutWithSavedCard(page, email);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you — your order is placed' })).toBeVisible();
  const [first] = await ordersFor(email);

  // A new browser (no cookies: a cart of its own) types the same email.
  await page.context().clearCookies();
  await addToCart(page, mug.slug);
  await page.goto('/checkout');
  await fillDetails(page, email);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByLabel('Card number')).toBeVisible();
  await expect(page.getByText('Card saved')).toHaveCount(0);

  // Posting the first shopper's SetupIntent id as this checkout's is refused; nothing is ordered.
  await page.locator('input[name="setupIntentId"]').evaluate((input, id) => ((input as HTMLInputElement).value = id), first!.stripeSetupIntentId!);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByText('That card was not saved in this checkout.', { exact: false })).toBeVisible();
  expect(await ordersFor(email)).toHaveLength(1);
  await expect(page).toHaveURL(/\/checkout$/);
});
