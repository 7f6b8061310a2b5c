/**
 * Status emails end to end, read the way staff read them: in the dev mailbox at /admin/emails
 * (the e2e server has no SMTP_URL, so its email worker delivers there). An order placed in the
 * browser gets "Order received" with each shipment's date and charge, the card and the order link;
 * a sold-out variant's "Notify me" list gets "Back in stock" when staff restock it in the admin,
 * and its unsubscribe link works. Every test makes its own products and addresses.
 */
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { backInStockSignups, devMailboxMessages, orders } from '../db/schema';
import { ALREADY_SIGNED_UP, NOTIFY_HEADING, signedUpText, UNSUBSCRIBED_HEADING } from '../lib/back-in-stock/copy';
import { IN_STOCK_PROMISE, shipByText } from '../lib/catalog/availability-copy';
import { todayUtc } from '../lib/catalog/dates';
import { backorderTo } from '../lib/orders/testing/fixtures';
import { signIn } from './admin-session';
import { closeTestDb, testDb } from './db';
import { addToCart, checkOut, isoDaysFromToday, openProduct } from './fixtures';
import { expectNoAxeViolations, productMaker, unique } from './order-specs';

/** Where the server's links point: e2e/run.ts sets APP_URL to the address it serves on. */
const APP_URL = () => (process.env.APP_URL ?? process.env.BASE_URL ?? 'http://127.0.0.1:3100').replace(/\/$/, '');
/** The worker delivers within seconds; this leaves room for a busy machine. */
const DELIVERY_TIMEOUT = 30_000;

test.afterAll(() => closeTestDb());

const product = productMaker('Email Test');

function emailRow(page: Page, subject: string) {
  return page
    .getByRole('table', { name: 'Emails, newest first' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: subject, exact: true }) });
}

/**
 * /admin/emails searched by recipient, as staff use it: the one message there has this subject,
 * and the list shows it "Sent" once the worker has handed it over (reloading until then).
 */
async function findSentEmail(page: Page, recipient: string, subject: string): Promise<void> {
  await page.goto('/admin/emails');
  await expect(page.getByRole('heading', { level: 1, name: 'Emails' })).toBeVisible();
  await expect(page.getByText('Dev mailbox: emails are stored here and not sent.')).toBeVisible();
  const search = page.getByRole('search', { name: 'Search emails' });
  await search.getByLabel('Recipient').fill(recipient);
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]to=${encodeURIComponent(recipient).replace(/\./g, '\\.')}(&|$)`));

  const table = page.getByRole('table', { name: 'Emails, newest first' });
  const row = emailRow(page, subject);
  await expect(table.getByRole('row')).toHaveCount(2); // the header and this one message: nothing else was written to this address
  await expect(row.getByRole('cell').first()).toHaveText(recipient);
  await expect(async () => {
    await page.reload();
    // Cells after the subject (a row header): recipient, kind, status, attempts, time.
    await expect(row.getByRole('cell').nth(2)).toHaveText('Sent', { timeout: 1_000 });
  }).toPass({ timeout: DELIVERY_TIMEOUT, intervals: [250, 500, 1_000] });
  await expect(row.getByRole('cell').nth(3)).toHaveText('1'); // one attempt: accepted the first time
  await expectNoAxeViolations(page, 'the email list');

  await row.getByRole('link', { name: subject, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
}

/** A fact on an email's page ("To", "Status", ...). */
function fact(page: Page, term: string) {
  return page
    .locator('dl > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd');
}

/** The email's HTML as the sandboxed iframe shows it, and its plain-text part. */
async function emailBodies(page: Page): Promise<{ frame: FrameLocator; html: string; text: string }> {
  const frame = page.frameLocator('iframe[title="Email HTML"]');
  await expect(frame.getByRole('heading', { level: 1 })).toBeVisible();
  const html = await frame.locator('body').innerText();
  const text = await page.getByRole('region', { name: 'Plain text' }).locator('pre').innerText();
  return { frame, html, text };
}

/** The part of a text from one marker up to the next (or the end). */
function between(text: string, start: string, end?: string): string {
  const from = text.indexOf(start);
  expect(from, `"${start}" is missing from:\n${text}`).toBeGreaterThanOrEqual(0);
  const to = end ? text.indexOf(end, from + start.length) : -1;
  return text.slice(from, to === -1 ? undefined : to);
}

test('an order placed in the browser gets "Order received": each shipment with its date and charge, the card and the order link', async ({ page }) => {
  test.setTimeout(120_000);
  const backorderDate = isoDaysFromToday(30);
  const mug = await product({ onHand: 5, priceCents: 2400, title: 'Email Mug' });
  const skillet = await product({ onHand: 0, ...backorderTo(backorderDate), priceCents: 7800, title: 'Email Skillet' });
  const email = `order-${unique()}@e2e.test`;

  await addToCart(page, mug.slug);
  await addToCart(page, skillet.slug);
  // What the shopper is told to keep: the order number and the long link, written out in full.
  const orderNumber = await checkOut(page, email);
  const orderLink = page.getByRole('main').getByRole('link', { name: /\/orders\/[A-Za-z0-9_-]{43}$/ });
  const orderUrl = (await orderLink.innerText()).trim();
  expect(orderUrl).toBe(`${APP_URL()}${await orderLink.getAttribute('href')}`);
  const [order] = await testDb().db.select().from(orders).where(eq(orders.email, email));
  expect(order).toMatchObject({ number: orderNumber, cardLast4: '4242' });

  await signIn(page);
  const subject = `Order received: Inbound order ${orderNumber}`;
  await findSentEmail(page, email, subject);
  await expect(fact(page, 'To')).toHaveText(email);
  await expect(fact(page, 'Kind')).toHaveText('Order received');
  await expect(fact(page, 'Status')).toHaveText('Sent');
  await expect(fact(page, 'Order')).toHaveText(`Order ${orderNumber}`);
  await expect(fact(page, 'Last error')).toHaveText('None');
  await expect(fact(page, 'Delivered to the dev mailbox')).not.toHaveText(/Not yet|—/);
  await expectNoAxeViolations(page, 'an email in the admin', 'iframe');

  // The dates as written on the day of the order (UTC), with the copy the storefront uses.
  const shipBy = shipByText(backorderDate, { today: todayUtc() });
  const { frame, html, text } = await emailBodies(page);
  for (const [part, body] of [
    ['HTML', html],
    ['plain text', text],
  ] as const) {
    expect(body, part).toContain('Order received');
    expect(body, part).toContain('Hi Grace Hopper,');
    expect(body, part).toContain(`We have order ${orderNumber}`);
    expect(body, part).toContain('Nothing has been charged yet. Each shipment is charged to your Visa ending in 4242 when it ships.');

    const first = between(body, 'Shipment 1 of 2', 'Shipment 2 of 2');
    expect(first, `${part}: the in-stock shipment`).toContain('In stock — ships now');
    expect(first, part).toContain(`${mug.title} × 1`);
    expect(first, part).toContain('$24.00');
    expect(first, `${part}: the flat shipping rate goes with the first shipment`).toContain('$5.00');
    expect(first, part).toContain('Charged when it ships: $29.00');
    expect(first, part).not.toContain(skillet.title);

    const second = between(body, 'Shipment 2 of 2', 'Order total');
    expect(second, `${part}: the backordered shipment`).toContain(`Backordered — ${shipBy}`);
    expect(second, part).toContain(`${skillet.title} × 1`);
    expect(second, part).toContain('Charged when it ships: $78.00');
    expect(second, part).not.toContain(mug.title);

    const totals = between(body, 'Order total', 'Payment');
    expect(totals, part).toContain('$102.00'); // items
    expect(totals, part).toContain('$107.00'); // total
    expect(between(body, 'Payment', 'Ship to'), part).toContain('Visa ending in 4242');
    expect(between(body, 'Ship to'), part).toContain('7 Compiler Lane');
  }
  expect(text, 'the plain text carries the order link').toContain(orderUrl);
  const viewOrder = frame.getByRole('link', { name: 'View your order', exact: true });
  await expect(viewOrder).toHaveAttribute('href', orderUrl);

  // The link leads to the order (a link in the sandboxed frame cannot navigate: open it as a mail client would).
  await page.goto(orderUrl);
  await expect(page.getByRole('heading', { level: 1, name: `Order ${orderNumber}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Shipments' }).getByRole('heading', { name: `Ships by ${shipBy.replace('ships by ', '')}` })).toBeVisible();

  // What the worker handed to the transport is what the admin showed.
  const [delivered] = await testDb().db.select().from(devMailboxMessages).where(eq(devMailboxMessages.toAddress, email));
  expect(delivered).toMatchObject({ subject, deliveries: 1 });
  expect(delivered!.text).toBe(text);
});

test('"Notify me" on a sold-out variant, a restock in the admin, the back-in-stock email and its unsubscribe link', async ({ page }) => {
  test.setTimeout(120_000);
  const lamp = await product({ onHand: 0, inventoryPolicy: 'deny', priceCents: 4500, title: 'Restock Lamp' });
  const email = `restock-${unique()}@e2e.test`;

  await openProduct(page, lamp.slug);
  await expect(page.getByRole('region', { name: 'Availability' })).toContainText('Sold out');
  await expect(page.getByRole('button', { name: 'Add to cart' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: NOTIFY_HEADING })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Notify me' }).click();
  await expect(page.getByRole('status').filter({ hasText: signedUpText(email) })).toBeVisible();
  await expectNoAxeViolations(page, 'a sold-out product with the notify form');

  // Signing up again is harmless, and says so.
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Notify me' }).click();
  await expect(page.getByRole('status').filter({ hasText: ALREADY_SIGNED_UP })).toBeVisible();
  const signups = await testDb().db.select().from(backInStockSignups).where(eq(backInStockSignups.email, email));
  expect(signups.map((s) => [s.variantId, s.status])).toEqual([[lamp.variantId, 'waiting']]);
  const token = signups[0]!.unsubscribeToken;

  // Staff record a delivery, the way the inventory page records any received stock.
  await signIn(page);
  await page.goto('/admin/inventory');
  await page
    .getByRole('row', { name: new RegExp(lamp.title) })
    .getByRole('link', { name: /Adjust/ })
    .click();
  await expect(page.getByTestId('on-hand')).toHaveText('0');
  await page.getByLabel('Change').fill('6');
  await page.getByLabel('Reason').selectOption({ label: 'Received' });
  await page.getByLabel('Note').fill('Restock delivery');
  await page.getByRole('button', { name: 'Record adjustment' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Recorded +6. On hand is now 6.');

  const subject = `Back in stock: ${lamp.title}`;
  await findSentEmail(page, email, subject);
  await expect(fact(page, 'Kind')).toHaveText('Back in stock');
  await expect(fact(page, 'Status')).toHaveText('Sent');
  // RFC 8058: one-click unsubscribe headers on list mail.
  const headers = page.getByRole('region', { name: 'Headers' });
  await expect(fact(page, 'List-Unsubscribe')).toHaveText(`<${APP_URL()}/api/unsubscribe/${token}>`);
  await expect(headers).toContainText('List-Unsubscribe=One-Click');

  const productUrl = `${APP_URL()}/products/${lamp.slug}`;
  const unsubscribeUrl = `${APP_URL()}/unsubscribe/${token}`;
  const { frame, html, text } = await emailBodies(page);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(`${lamp.title} is back`);
  for (const [part, body] of [
    ['HTML', html],
    ['plain text', text],
  ] as const) {
    expect(body, part).toContain(`You asked us to tell you when ${lamp.title} could be ordered again.`);
    expect(body, part).toContain(`In stock — ${IN_STOCK_PROMISE}`);
    expect(body, part).toContain('Price: $45.00');
  }
  await expect(frame.getByRole('link', { name: 'Shop now', exact: true })).toHaveAttribute('href', productUrl);
  const unsubscribeLink = frame.getByRole('link', { name: 'Unsubscribe', exact: true });
  await expect(unsubscribeLink).toHaveAttribute('href', unsubscribeUrl);
  const linkInEmail = (await unsubscribeLink.getAttribute('href'))!;
  expect(text, 'the plain text carries the product link').toContain(productUrl);
  expect(text, 'the plain text carries the unsubscribe link').toContain(unsubscribeUrl);
  const [signup] = await testDb().db.select().from(backInStockSignups).where(eq(backInStockSignups.unsubscribeToken, token));
  expect(signup).toMatchObject({ status: 'notified', unsubscribedAt: null });
  expect(signup!.notifiedAt).toBeInstanceOf(Date);

  // "Shop now" leads to the product, which can be bought now.
  await page.goto(productUrl);
  await expect(page.getByRole('region', { name: 'Availability' })).toContainText(`In stock — ${IN_STOCK_PROMISE}`);
  await expect(page.getByRole('button', { name: 'Add to cart' })).toBeVisible();

  // The link from the email: opening it changes nothing; the button unsubscribes.
  await page.goto(linkInEmail);
  await expect(page).toHaveURL(unsubscribeUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Restock emails' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(`Restock emails for ${lamp.title} to r•••@e2e.test`);
  expect((await testDb().db.select().from(backInStockSignups).where(eq(backInStockSignups.unsubscribeToken, token)))[0]!.unsubscribedAt).toBeNull();
  await expectNoAxeViolations(page, 'the unsubscribe page');
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByRole('status').getByRole('heading', { name: UNSUBSCRIBED_HEADING })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unsubscribe' })).toHaveCount(0);
  const [unsubscribed] = await testDb().db.select().from(backInStockSignups).where(eq(backInStockSignups.unsubscribeToken, token));
  expect(unsubscribed!.unsubscribedAt).toBeInstanceOf(Date);
  expect(unsubscribed!.status).toBe('notified'); // it was emailed; unsubscribing keeps that on record

  // Opened again, the link says so and offers nothing more to press.
  await page.reload();
  await expect(page.getByRole('status').getByRole('heading', { name: UNSUBSCRIBED_HEADING })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unsubscribe' })).toHaveCount(0);

  // The one-click endpoint (what the List-Unsubscribe header names) answers 200 for an address already unsubscribed.
  const oneClick = await page.request.post(`/api/unsubscribe/${token}`, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(oneClick.status()).toBe(200);
  expect(await oneClick.text()).toContain(UNSUBSCRIBED_HEADING);
  const [after] = await testDb().db.select().from(backInStockSignups).where(eq(backInStockSignups.unsubscribeToken, token));
  expect(after!.unsubscribedAt!.getTime(), 'the first unsubscribe time is kept').toBe(unsubscribed!.unsubscribedAt!.getTime());
});

test('the one-click endpoint unsubscribes a waiting signup, so it is never emailed', async ({ page }) => {
  const kettle = await product({ onHand: 0, inventoryPolicy: 'deny', priceCents: 3900, title: 'Restock Kettle' });
  const email = `oneclick-${unique()}@e2e.test`;
  await openProduct(page, kettle.slug);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Notify me' }).click();
  await expect(page.getByRole('status').filter({ hasText: signedUpText(email) })).toBeVisible();
  const [signup] = await testDb().db.select().from(backInStockSignups).where(eq(backInStockSignups.email, email));

  // A mail provider's POST: no cookies, no Origin.
  const oneClick = await page.request.post(`/api/unsubscribe/${signup!.unsubscribeToken}`, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(oneClick.status()).toBe(200);
  const [after] = await testDb().db.select().from(backInStockSignups).where(eq(backInStockSignups.id, signup!.id));
  expect(after).toMatchObject({ status: 'unsubscribed' });
  expect(after!.unsubscribedAt).toBeInstanceOf(Date);

  // A GET of the same URL (a person, or a link scanner) only leads to the page with the button.
  const opened = await page.request.get(`/api/unsubscribe/${signup!.unsubscribeToken}`, { maxRedirects: 0 });
  expect(opened.status()).toBe(303);
  expect(opened.headers()['location']).toBe(`/unsubscribe/${signup!.unsubscribeToken}`);

  // Restocked: nobody is left to email.
  await signIn(page);
  await page.goto(`/admin/inventory/${kettle.variantId}`);
  await page.getByLabel('Change').fill('2');
  await page.getByRole('button', { name: 'Record adjustment' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Recorded +2. On hand is now 2.');
  await page.goto(`/admin/emails?to=${encodeURIComponent(email)}`);
  await expect(page.getByText('No emails match these filters.')).toBeVisible();
  const rows = await testDb()
    .db.select()
    .from(backInStockSignups)
    .where(and(eq(backInStockSignups.email, email), eq(backInStockSignups.status, 'notified')));
  expect(rows).toEqual([]);
});

test('the notify form works from the keyboard: Tab to the field, type, Enter', async ({ page }) => {
  const stove = await product({ onHand: 0, inventoryPolicy: 'deny', priceCents: 12000, title: 'Restock Stove' });
  const email = `keyboard-${unique()}@e2e.test`;
  await openProduct(page, stove.slug);
  const field = page.getByLabel('Email');

  // From the top of the page, Tab reaches the field (and nothing traps focus on the way).
  let reached = false;
  for (let presses = 0; presses < 40 && !reached; presses++) {
    await page.keyboard.press('Tab');
    reached = await field.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Tab reaches the Email field').toBe(true);
  await page.keyboard.type(email);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: signedUpText(email) })).toBeVisible();

  // The button is the next stop after the field, and Enter on it works too.
  await field.focus();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Notify me' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: ALREADY_SIGNED_UP })).toBeVisible();

  const signups = await testDb().db.select().from(backInStockSignups).where(eq(backInStockSignups.email, email));
  expect(signups.map((s) => [s.variantId, s.status])).toEqual([[stove.variantId, 'waiting']]);
});
