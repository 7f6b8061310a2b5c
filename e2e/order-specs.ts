/**
 * What the specs of an owner working on orders share (bulk shipping, shipping, cancelling,
 * purchase orders, emails): throwaway products of their own, an axe check, an order's page with
 * its facts, and an email as /admin/emails shows it. Each spec file still closes the test
 * database itself (test.afterAll(closeTestDb)), so that what a file opens it also closes.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { createTestVariant } from '../lib/orders/testing/fixtures';
import { waitForAdminHydration } from './admin-fixtures';
import { testDb } from './db';

/** A short suffix, unique enough that parallel workers and earlier runs never collide. */
export const unique = () => `${Math.random().toString(36).slice(2, 7)}${Date.now().toString(36)}`;

/** An image under public/, so the storefront and admin pages render the product. */
export const TEST_IMAGE = '/products/cast-iron-skillet.svg';

/** A maker of published one-variant products titled "<title or defaultTitle> <unique>". */
export function productMaker(defaultTitle: string) {
  return (stock: Parameters<typeof createTestVariant>[1]) =>
    createTestVariant(testDb().db, { imagePath: TEST_IMAGE, ...stock, title: `${stock.title ?? defaultTitle} ${unique()}` });
}

/** No WCAG 2 A/AA violations on the page (but for `exclude`, e.g. an email's iframe). */
export async function expectNoAxeViolations(page: Page, what: string, exclude?: string): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  if (exclude) builder.exclude(exclude);
  const results = await builder.analyze();
  expect(
    results.violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) })),
    `axe violations on ${what}`,
  ).toEqual([]);
}

/** An order's admin page, hydrated (its buttons work only then). */
export async function openOrder(page: Page, number: number): Promise<void> {
  await page.goto(`/admin/orders/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();
  await waitForAdminHydration(page);
}

/** What the order's page says for one of its top facts ("Status", "Total", ...). */
export function orderFact(page: Page, term: string): Locator {
  return page
    .getByRole('main')
    .locator('dl > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .first()
    .locator('dd');
}

/** What a shipment says for one of its facts ("Status", "Payment", ...). */
export function shipmentFact(shipment: Locator, term: string): Locator {
  return shipment
    .locator('dl > div')
    .filter({ has: shipment.page().locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd');
}

/** An email's page from /admin/emails, once the worker has rendered it; returns its plain text and its HTML frame. */
export async function openEmail(page: Page, to: string, kind: string, subject: string): Promise<{ text: string; frame: FrameLocator }> {
  await page.goto(`/admin/emails?to=${encodeURIComponent(to)}&kind=${kind}`);
  await page.getByRole('link', { name: subject, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  const text = page.getByRole('region', { name: 'Plain text' }).locator('pre');
  await expect(async () => {
    await page.reload();
    await expect(text).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  return { text: await text.innerText(), frame: page.frameLocator('iframe[title="Email HTML"]') };
}
