/**
 * Saving a card in the browser with no Stripe keys: the CardSetup component's test-mode form
 * against the offline Stripe emulator, mounted on the admin's Payments page (the emulator's dev
 * surface), through the same server actions as the checkout. Also the expired-card control.
 */
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { paymentCustomers, savedCards } from '../db/schema';
import { waitForAdminHydration } from './admin-fixtures';
import { signIn } from './admin-session';
import { closeTestDb, testDb } from './db';

const EXPIRY_YEAR = new Date().getUTCFullYear() + 3;
const newEmail = (tag: string) => `pay-${tag}-${randomBytes(4).toString('hex')}@e2e.test`;

test.beforeEach(async ({ page }) => {
  await signIn(page);
});
test.afterAll(async () => {
  await closeTestDb();
});

/** The Payments page, a test shopper's email, and the card form that follows. */
async function openCardForm(page: Page, email: string): Promise<Locator> {
  const response = await page.goto('/admin/payments');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Payments' })).toBeVisible();
  await waitForAdminHydration(page);
  await page.getByLabel('Shopper email').fill(email);
  await page.getByRole('button', { name: 'Continue to card details' }).click();
  const form = page.getByRole('region', { name: /Card details/ });
  await expect(form).toBeVisible();
  await expect(form.getByText('Test mode', { exact: true })).toBeVisible();
  return form;
}

async function enterCard(form: Locator, number: string): Promise<void> {
  await form.getByLabel('Card number').fill(number);
  await form.getByLabel('Expiry').fill(`12 / ${EXPIRY_YEAR % 100}`);
  await form.getByLabel('CVC').fill('123');
  await form.getByRole('button', { name: 'Save card' }).click();
}

/** The cards the app recorded (verified on the server) for a shopper's email. */
async function savedCardsOf(email: string) {
  return testDb()
    .db.select({ paymentMethodId: savedCards.stripePaymentMethodId, last4: savedCards.last4, expMonth: savedCards.expMonth, expYear: savedCards.expYear })
    .from(savedCards)
    .innerJoin(paymentCustomers, eq(paymentCustomers.stripeCustomerId, savedCards.stripeCustomerId))
    .where(eq(paymentCustomers.email, email));
}

const savedMessage = (email: string, last4: string) => `Saved Visa ending ${last4}, expires 12/${EXPIRY_YEAR}, for ${email}.`;

test('4242 saves: the page shows the card the server verified', async ({ page }) => {
  const email = newEmail('ok');
  const form = await openCardForm(page, email);
  // The hint lists the emulator's test cards.
  await expect(form.getByRole('list', { name: 'Test cards' }).getByRole('listitem')).toHaveCount(9);
  await expect(form.getByRole('list', { name: 'Test cards' })).toContainText('4000 0027 6000 3184');

  await enterCard(form, '4242 4242 4242 4242');
  await expect(page.getByRole('status').filter({ hasText: 'Saved Visa' })).toContainText(savedMessage(email, '4242'));
  expect(await savedCardsOf(email)).toMatchObject([{ last4: '4242', expMonth: 12, expYear: EXPIRY_YEAR }]);
  // The saved card appears in the emulator's state below, without a reload.
  await expect(page.getByRole('table', { name: /Saved cards/ }).getByRole('row', { name: new RegExp(email) })).toContainText('Visa ending 4242');
});

test('4000 0000 0000 9995 is declined: the decline is shown, nothing is saved, and another card can be tried', async ({ page }) => {
  const email = newEmail('declined');
  const form = await openCardForm(page, email);
  await enterCard(form, '4000000000009995');
  const alert = form.getByRole('alert');
  await expect(alert).toContainText('Card not saved');
  await expect(alert).toContainText('insufficient funds');
  await expect(page.getByText(/^Saved Visa/)).toHaveCount(0);
  expect(await savedCardsOf(email)).toEqual([]);

  // The same form takes another card.
  await expect(form.getByRole('button', { name: 'Save card' })).toBeEnabled();
  await enterCard(form, '4242424242424242');
  await expect(page.getByRole('status').filter({ hasText: 'Saved Visa' })).toContainText(savedMessage(email, '4242'));
  expect(await savedCardsOf(email)).toMatchObject([{ last4: '4242' }]);
});

test('a card asking for 3D Secure saves after "Complete authentication"', async ({ page }) => {
  const email = newEmail('3ds');
  const form = await openCardForm(page, email);
  await enterCard(form, '4000 0027 6000 3184');
  const dialog = page.getByRole('dialog', { name: 'Confirm your card with your bank' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Test mode', { exact: true })).toBeVisible();
  // Focus is inside the dialog, on its first answer.
  await expect(dialog.getByRole('button', { name: 'Complete authentication' })).toBeFocused();
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations).toEqual([]);
  expect(await savedCardsOf(email)).toEqual([]);

  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Saved Visa' })).toContainText(savedMessage(email, '3184'));
  expect(await savedCardsOf(email)).toMatchObject([{ last4: '3184' }]);
});

test('"Fail authentication" saves nothing and says why', async ({ page }) => {
  const email = newEmail('3ds-fail');
  const form = await openCardForm(page, email);
  await enterCard(form, '4000002500003155');
  const dialog = page.getByRole('dialog', { name: 'Confirm your card with your bank' });
  await dialog.getByRole('button', { name: 'Fail authentication' }).click();
  await expect(dialog).toBeHidden();
  await expect(form.getByRole('alert')).toContainText('unable to authenticate');
  await expect(page.getByText(/^Saved Visa/)).toHaveCount(0);
  expect(await savedCardsOf(email)).toEqual([]);
  // The SetupIntent waits for another card.
  await expect(
    page
      .getByRole('table', { name: /SetupIntents/ })
      .getByRole('row', { name: new RegExp(email) })
      .first(),
  ).toContainText('requires_payment_method');
});

test('the card form is labelled, keyboard usable and passes axe', async ({ page }) => {
  const form = await openCardForm(page, newEmail('a11y'));
  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations).toEqual([]);
  // Missing fields are named, marked invalid and focused, without a request.
  await form.getByRole('button', { name: 'Save card' }).click();
  await expect(form.getByLabel('Card number')).toBeFocused();
  await expect(form.getByLabel('Card number')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Enter the expiry date.')).toBeVisible();
  // Only the keyboard from here: number, expiry, CVC, then Enter submits.
  await page.keyboard.type('4242424242424242');
  await page.keyboard.press('Tab');
  await page.keyboard.type(`12/${EXPIRY_YEAR % 100}`);
  await page.keyboard.press('Tab');
  await page.keyboard.type('123');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved Visa' })).toBeVisible();
});

test('the expired-card control makes a saved card expire', async ({ page }) => {
  const email = newEmail('expire');
  const form = await openCardForm(page, email);
  await enterCard(form, '4242424242424242');
  await expect(page.getByRole('status').filter({ hasText: 'Saved Visa' })).toBeVisible();
  const [card] = await savedCardsOf(email);

  const row = page.getByRole('table', { name: /Saved cards/ }).getByRole('row', { name: new RegExp(email) });
  await expect(row).not.toContainText('Expired');
  await row.getByRole('button', { name: `Make expire Visa ending 4242 for ${email}` }).click();
  await expect(row.getByRole('status')).toContainText('Expired: Visa ending 4242');
  await expect(row).toContainText('Expired');

  // The emulator's card now expired last month, so its next charge fails with expired_card.
  const now = new Date();
  const lastMonth =
    now.getUTCMonth() === 0 ? { exp_month: 12, exp_year: now.getUTCFullYear() - 1 } : { exp_month: now.getUTCMonth(), exp_year: now.getUTCFullYear() };
  const { emulatorObject } = await import('../lib/payments/emulator/testing');
  const pm = await emulatorObject(testDb().db, card!.paymentMethodId);
  expect((pm as { card: object }).card).toMatchObject(lastMonth);
  await expect(row.getByRole('button', { name: /Make expire/ })).toHaveCount(0);
});
