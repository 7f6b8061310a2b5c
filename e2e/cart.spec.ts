/**
 * The cart: add from the product page, the header count, the availability and shipment plan of
 * each line, optimistic quantity changes and removal, refusals of bad input, and what the cart
 * says when stock moves while an item sits in it. Every test makes its own products (other specs
 * assert exact stock on the demo catalog) and runs in a fresh browser context, so a fresh cart.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { adjustStock } from '../lib/inventory/adjust-stock';
import { backorderTo, createTestVariant } from '../lib/orders/testing/fixtures';
import { closeTestDb, testDb } from './db';
import { IN_STOCK, isoDaysFromToday, openProduct, shipByDate, SOLD_OUT } from './fixtures';

const unique = () => Math.random().toString(36).slice(2, 7);
const IMAGE = '/products/stoneware-mug.svg';

async function product(stock: Parameters<typeof createTestVariant>[1]) {
  return createTestVariant(testDb().db, { imagePath: IMAGE, ...stock, title: `${stock.title ?? 'Cart Test'} ${unique()}` });
}

async function addToCart(page: Page, slug: string, quantity: number): Promise<void> {
  await openProduct(page, slug);
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('main').getByRole('status').last()).toContainText('Added to your cart');
}

function cartLink(page: Page) {
  return page.getByRole('banner').getByRole('link', { name: /^Cart/ });
}

function cartLine(page: Page, title: string) {
  return page.getByRole('list', { name: 'Items in your cart' }).getByRole('listitem', { name: title });
}

function shipment(page: Page, heading: string) {
  return page.getByRole('region', { name: 'Shipment plan' }).getByRole('listitem', { name: heading });
}

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(
    results.violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) })),
    `axe violations on ${what}`,
  ).toEqual([]);
}

test.afterAll(() => closeTestDb());

test('add an in-stock item: the header counts it, the cart shows it with its plan, and it survives a reload', async ({ page }) => {
  const mug = await product({ onHand: 20, priceCents: 2800, title: 'Cart Mug' });
  await addToCart(page, mug.slug, 2);
  await expect(page.getByRole('main').getByRole('status').last()).toHaveText(`Added to your cart: 2 × ${mug.title}. View cart`);
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 2 items');

  await cartLink(page).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
  const line = cartLine(page, mug.title);
  await expect(line).toContainText(IN_STOCK);
  await expect(line).toContainText('$28.00 each');
  await expect(shipment(page, 'Ships now')).toContainText(`2 × ${mug.title}`);
  await expect(shipment(page, 'Ships now')).toContainText('Subtotal$56.00');
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Total$61.00'); // + $5.00 flat-rate shipping
  await expectNoAxeViolations(page, 'the cart');

  await page.reload();
  await expect(cartLine(page, mug.title).getByLabel('Quantity')).toHaveValue('2');
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 2 items');
});

test('a backordered item shows its date on the product page and in the cart, and a mixed cart splits into shipments', async ({ page }) => {
  const throwBlanket = await product({ onHand: 1, ...backorderTo(isoDaysFromToday(30)), priceCents: 10000, title: 'Cart Throw' });
  const lantern = await product({
    onHand: 0,
    inventoryPolicy: 'preorder',
    releaseDate: isoDaysFromToday(50),
    waitingLimit: 20,
    priceCents: 6400,
    title: 'Cart Lantern',
  });
  const mug = await product({ onHand: 10, priceCents: 2800, title: 'Cart Mug' });

  await openProduct(page, throwBlanket.slug);
  await page.getByLabel('Quantity').fill('3');
  await expect(page.getByRole('region', { name: 'Availability' })).toContainText(`1 ships now, 2 ship by ${shipByDate(30)}`);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('main').getByRole('status').last()).toContainText(`3 × ${throwBlanket.title} (1 ships now, 2 ship by ${shipByDate(30)})`);
  await addToCart(page, lantern.slug, 1);
  await addToCart(page, mug.slug, 1);
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 5 items');

  await page.goto('/cart');
  await expect(cartLine(page, throwBlanket.title)).toContainText(`1 ships now, 2 ship by ${shipByDate(30)}`);
  await expect(cartLine(page, lantern.title)).toContainText('Pre-order — releases');
  const now = shipment(page, 'Ships now');
  await expect(now).toContainText(`1 × ${throwBlanket.title}`);
  await expect(now).toContainText(`1 × ${mug.title}`);
  await expect(now).toContainText('Subtotal$128.00');
  const later = shipment(page, `Ships by ${shipByDate(30)}`);
  await expect(later).toContainText(`2 × ${throwBlanket.title}`);
  await expect(later).toContainText('Subtotal$200.00');
  await expect(page.getByRole('region', { name: 'Shipment plan' }).getByRole('heading', { name: /^Releases / })).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'Shipment plan' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading') }),
  ).toHaveCount(3);
});

test('change the quantity and remove a line: the cart and the header follow at once and after a reload', async ({ page }) => {
  const a = await product({ onHand: 10, priceCents: 1000, title: 'Cart Bowl' });
  const b = await product({ onHand: 10, priceCents: 500, title: 'Cart Spoon' });
  await addToCart(page, a.slug, 1);
  await addToCart(page, b.slug, 2);
  await page.goto('/cart');

  const line = cartLine(page, a.title);
  await line.getByLabel('Quantity').fill('4');
  await line.getByRole('button', { name: 'Update' }).click();
  await expect(line).toContainText('$40.00');
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 6 items');

  await cartLine(page, b.title)
    .getByRole('button', { name: `Remove ${b.title}` })
    .click();
  await expect(cartLine(page, b.title)).toHaveCount(0);
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 4 items');

  await page.reload();
  await expect(cartLine(page, a.title).getByLabel('Quantity')).toHaveValue('4');
  await expect(cartLine(page, b.title)).toHaveCount(0);
});

test('bad input gets a clear message and changes nothing', async ({ page }) => {
  const few = await product({ onHand: 3, priceCents: 1000, title: 'Cart Few' });
  const soldOut = await product({ onHand: 0, title: 'Cart Gone' });

  // A sold-out variant has no buy button.
  await openProduct(page, soldOut.slug);
  await expect(page.getByRole('region', { name: 'Availability' })).toContainText(SOLD_OUT);
  await expect(page.getByRole('button', { name: 'Add to cart' })).toHaveCount(0);

  await openProduct(page, few.slug);
  const status = page.getByRole('main').getByRole('status').last();
  // Not a whole number from 1 to 99: the button is off and the field says why.
  await page.getByLabel('Quantity').fill('0');
  await expect(page.getByText('Enter a whole number from 1 to 99.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add to cart' })).toBeDisabled();
  // More than can be sold.
  await page.getByLabel('Quantity').fill('5');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(status).toHaveText(`Only 3 of ${few.title} available.`);
  // A tampered form: an unknown variant, then a quantity past 99.
  await page.getByLabel('Quantity').fill('1');
  await page.locator('input[name="variantId"]').evaluate((el: HTMLInputElement) => (el.value = '00000000-0000-4000-8000-000000000000'));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(status).toHaveText('That item is not for sale.');
  await page.locator('input[name="variantId"]').evaluate((el: HTMLInputElement, id: string) => (el.value = id), few.variantId);
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('input[name="quantity"]')!;
    const tampered = input.cloneNode() as HTMLInputElement;
    tampered.removeAttribute('id');
    tampered.type = 'hidden';
    tampered.value = '1000';
    input.form!.appendChild(tampered);
    input.name = '';
  });
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(status).toHaveText('Enter a whole number from 1 to 99.');

  await page.goto('/cart');
  await expect(page.getByRole('main')).toContainText('Your cart is empty.');

  // In the cart: a quantity past 99 is refused and the line keeps its quantity.
  await addToCart(page, few.slug, 1);
  await page.goto('/cart');
  const line = cartLine(page, few.title);
  await line.getByLabel('Quantity').fill('100');
  await line.getByRole('button', { name: 'Update' }).click();
  await expect(line).toContainText('Enter a whole number from 1 to 99.');
  await page.reload();
  await expect(cartLine(page, few.title).getByLabel('Quantity')).toHaveValue('1');
});

test('when stock moves while an item sits in the cart, the next view shows the new plan and says what changed', async ({ page }) => {
  const shirt = await product({ onHand: 2, ...backorderTo(isoDaysFromToday(14)), priceCents: 8800, title: 'Cart Shirt' });
  await addToCart(page, shirt.slug, 2);
  await page.goto('/cart');
  await expect(shipment(page, 'Ships now')).toContainText(`2 × ${shirt.title}`);
  await expect(page.getByRole('region', { name: 'Since you last looked' })).toHaveCount(0);

  await adjustStock({ variantId: shirt.variantId, change: -1, reason: 'e2e: one sold at the market', actor: 'e2e' }, testDb().db);
  // The page reports the notice seen once it is on screen (a server action; a render never writes).
  const seen = page.waitForResponse((r) => r.request().method() === 'POST' && !!r.request().headers()['next-action']);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Since you last looked' })).toContainText(
    `${shirt.title}: was “2 ship now”, now “1 ships now, 1 ships by ${shipByDate(14)}”.`,
  );
  await expect(shipment(page, 'Ships now')).toContainText(`1 × ${shirt.title}`);
  await expect(shipment(page, `Ships by ${shipByDate(14)}`)).toContainText(`1 × ${shirt.title}`);

  // Said once: after the page reported it seen, the next view has nothing new to report.
  expect((await seen).ok()).toBe(true);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Since you last looked' })).toHaveCount(0);
});

test('product pages stay cached and shared: nothing from a cart is rendered into them', async ({ page }) => {
  const mug = await product({ onHand: 10, title: 'Cart Cached' });
  await addToCart(page, mug.slug, 1);
  const path = `/products/${mug.slug}`;
  // page.request shares the browser's cookies, cart cookie included.
  await expect.poll(async () => (await page.request.get(path)).headers()['x-nextjs-cache'], { timeout: 5000 }).toBe('HIT');
  const html = await (await page.request.get(path)).text();
  expect(html).not.toContain('Cart, 1 item');
  expect(html).not.toContain('data-testid="cart-count"');
  // The browser still shows this shopper's count, fetched per request.
  await openProduct(page, mug.slug);
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 1 item');
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'inbound_cart')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
});
