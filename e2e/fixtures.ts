/**
 * Shared expectations and page helpers for the browser tests. Dates are computed the way the
 * demo catalog is seeded (db/seed-catalog.ts): relative to today's UTC date.
 */
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import type { AvailabilityState } from '../lib/catalog/availability';
import { addDays, formatCalendarDate, todayUtc } from '../lib/catalog/dates';

/** YYYY-MM-DD, `days` after today (UTC). */
export function isoDaysFromToday(days: number): string {
  return addDays(todayUtc(), days);
}

/** "Tue, Jan 13": how ship-by dates read (always with the weekday). */
export function shipByDate(days: number): string {
  return formatCalendarDate(isoDaysFromToday(days), { withWeekday: true });
}

/** "Feb 2": how release dates read. */
export function releaseDate(days: number): string {
  return formatCalendarDate(isoDaysFromToday(days));
}

export const IN_STOCK = 'In stock — ships in 1–2 business days';
export const SOLD_OUT = 'Sold out';
export const backorderedUntil = (days: number) => `Backordered — ships by ${shipByDate(days)}`;
export const preorderUntil = (days: number) => `Pre-order — releases ${releaseDate(days)}`;

/** Seed facts the specs rely on (see the comments in db/seed-catalog.ts). */
export const SKILLET_SHIP_DAYS = 45;
export const LANTERN_RELEASE_DAYS = 60;
export const MERINO_LEAD_DAYS = 21;
export const LINEN_NAVY_LEAD_DAYS = 14;

/** Every published demo product and the state its listing badge shows. */
export const EXPECTED_STATE: Record<string, AvailabilityState> = {
  'stoneware-mug': 'in_stock',
  'enamel-camp-mug': 'in_stock',
  'merino-throw': 'in_stock',
  'cast-iron-skillet': 'backorder',
  'trail-lantern': 'preorder',
  'folding-camp-chair': 'sold_out',
  'canvas-backpack': 'sold_out',
  'linen-shirt': 'in_stock',
  'rain-shell-jacket': 'in_stock',
  'wool-beanie': 'in_stock',
  'ceramic-pour-over': 'sold_out',
  'field-notebook': 'in_stock',
  'copper-tea-kettle': 'in_stock',
  'linen-napkins': 'in_stock',
  'insulated-bottle': 'in_stock',
  'hardwood-cutting-board': 'in_stock',
};

export const PUBLISHED_SLUGS = Object.keys(EXPECTED_STATE).sort();
export const UNPUBLISHED_SLUG = 'prototype-stove';
export const FEATURED_SLUGS = ['cast-iron-skillet', 'linen-shirt', 'merino-throw', 'rain-shell-jacket', 'stoneware-mug', 'trail-lantern'];

export function slugsIn(state: AvailabilityState): string[] {
  return PUBLISHED_SLUGS.filter((slug) => EXPECTED_STATE[slug] === state);
}

/** The headline a product's listing badge shows, for the products whose state has a date. */
export function expectedBadge(slug: string): string {
  switch (EXPECTED_STATE[slug]) {
    case 'in_stock':
      return IN_STOCK;
    case 'backorder':
      return backorderedUntil(SKILLET_SHIP_DAYS); // only the skillet
    case 'preorder':
      return preorderUntil(LANTERN_RELEASE_DAYS); // only the lantern
    case 'sold_out':
      return SOLD_OUT;
    default:
      throw new Error(`no expected state for ${slug}`);
  }
}

/** The cards of a product list: each card's slug (from its link) and its list item. */
export async function listedProducts(list: Locator): Promise<{ slug: string; item: Locator }[]> {
  const items = await list.getByRole('listitem').all();
  return Promise.all(
    items.map(async (item) => {
      const href = await item.getByRole('link').getAttribute('href');
      const slug = href?.match(/^\/products\/([^/?#]+)$/)?.[1];
      if (!slug) throw new Error(`a product card links to ${href}`);
      return { slug, item };
    }),
  );
}

/** The live availability line on a product page. */
export function availabilityStatus(page: Page): Locator {
  return page.getByRole('region', { name: 'Availability' }).getByRole('status');
}

export function optionRadio(page: Page, option: string, value: string): Locator {
  return page.getByRole('group', { name: option }).getByRole('radio', { name: value, exact: true });
}

/** Picks a variant option the way a shopper does: by clicking its visible label. */
export async function pickOption(page: Page, option: string, value: string): Promise<void> {
  await page.getByRole('group', { name: option }).getByText(value, { exact: true }).click();
  await expect(optionRadio(page, option, value)).toBeChecked();
}

/** A product page, loaded and hydrated (the picker and quantity react only after hydration). */
export async function openProduct(page: Page, slug: string): Promise<void> {
  const response = await page.goto(`/products/${slug}`);
  expect(response?.status(), `status of /products/${slug}`).toBe(200);
  await page.waitForLoadState('load');
  await waitForHydration(page);
}

/**
 * React attaches its props to DOM nodes when it hydrates; until then, clicks and typing on the
 * purchase panel change the DOM but not the component's state.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    // Not the hidden inputs React writes into an action form for before hydration (it never
    // hydrates those); a sold-out page has no other input, so its availability panel instead.
    const element = document.querySelector('main input:not([type="hidden"])') ?? document.querySelector('main section[aria-label="Availability"]');
    return !element || Object.keys(element).some((key) => key.startsWith('__reactProps'));
  });
}

/** Adds one of a product to the cart from its page, the way a shopper does. */
export async function addToCart(page: Page, slug: string): Promise<void> {
  await openProduct(page, slug);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('main').getByRole('status').last()).toContainText('Added to your cart');
}

/** The test card checkOut saves unless told otherwise: a Visa that pays. */
export const PAYING_CARD = '4242 4242 4242 4242';

export interface CheckOutOptions {
  /** Ticks the consent, which is asked only when something ships later: false for a cart that is all in stock. */
  consent?: boolean;
  /** The test card number typed into the card form (PAYING_CARD by default). */
  card?: string;
}

/**
 * Cart → checkout → a US address → `card` saved → consent → "Place order"; returns the order's
 * number (the confirmation page stays open: see confirmationOrderPath).
 */
export async function checkOut(page: Page, email: string, { consent = true, card = PAYING_CARD }: CheckOutOptions = {}): Promise<number> {
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
  if (consent) await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you — your order is placed' })).toBeVisible();
  const numberText = await page
    .getByRole('main')
    .getByText(/^Order \d+$/)
    .innerText();
  return Number(numberText.replace('Order ', ''));
}

/** On the confirmation page: the order link's path, /orders/<token>. */
export async function confirmationOrderPath(page: Page): Promise<string> {
  const orderPath = await page
    .getByRole('main')
    .getByRole('link', { name: /\/orders\/[A-Za-z0-9_-]{43}$/ })
    .getAttribute('href');
  expect(orderPath).toMatch(/^\/orders\/[A-Za-z0-9_-]{43}$/);
  return orderPath!;
}

/** Runs `shop` in a browser context of its own (a shopper apart from the signed-in owner), closed afterwards. */
export async function inOwnBrowser<T>(browser: Browser, shop: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await shop(await context.newPage());
  } finally {
    await context.close();
  }
}

/** A shopper in a browser of their own buys one of a product (addToCart, then checkOut); returns the order's number. */
export async function orderInOwnBrowser(browser: Browser, slug: string, email: string, options: CheckOutOptions = {}): Promise<number> {
  return inOwnBrowser(browser, async (page) => {
    await addToCart(page, slug);
    return checkOut(page, email, options);
  });
}
