import { expect, test } from '@playwright/test';
import { PASSWORD, SHOPPER_EMAIL, signIn, STAFF_EMAIL } from './admin-session';

const GENERIC = 'Email or password is incorrect.';

test('staff sign in, see the admin with a Sign out control on every page, and sign out', async ({ page }) => {
  await signIn(page, STAFF_EMAIL());
  await expect(page.getByText(`${STAFF_EMAIL()} (staff)`)).toBeVisible();
  for (const name of ['Inventory', 'Products', 'Dashboard']) {
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  }
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith('session_token'));
  expect(session?.httpOnly).toBe(true);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await page.goto('/admin/inventory');
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
});

test('a wrong password, an unknown email and a shopper account all get the same message', async ({ page }) => {
  for (const [email, password] of [
    [STAFF_EMAIL(), 'not-the-password-1'],
    ['nobody@e2e.test', PASSWORD()],
    [SHOPPER_EMAIL(), PASSWORD()],
  ] as const) {
    await page.goto('/admin/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(GENERIC);
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
  }
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
});

test('repeated failed sign-ins for one account from one address are refused there for a while', async ({ page }) => {
  // A dedicated address, so the lock does not get in the way of the other specs.
  const email = 'locked@e2e.test';
  for (let i = 0; i < 5; i++) {
    await page.goto('/admin/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(`wrong-password-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(GENERIC);
  }
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('wrong-password-again');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(/Too many failed sign-ins/);
});

test('admin pages are refused when signed out', async ({ page }) => {
  for (const path of ['/admin', '/admin/inventory', '/admin/products']) {
    const response = await page.goto(path);
    await expect(page, path).toHaveURL(/\/admin\/sign-in$/);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Staff sign-in' })).toBeVisible();
  }
});

test('an owner adds a staff member, who can sign in with the one-time password but cannot manage staff', async ({ page, browser }) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Staff' }).click();
  await page.getByLabel('Email').fill('new.hire@e2e.test');
  await page.getByLabel('Name').fill('New Hire');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  const status = page.getByRole('main').getByRole('status');
  await expect(status).toContainText('Added new.hire@e2e.test');
  const password = (await status.textContent())!.match(/one-time password is (\S+)/)![1]!;
  await expect(page.getByRole('row', { name: /new\.hire@e2e\.test/ })).toContainText('staff');

  // The same email twice is refused next to the field.
  await page.getByLabel('Email').fill('new.hire@e2e.test');
  await page.getByLabel('Name').fill('Someone Else');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(page.getByText('Someone already has an account with that email.')).toBeVisible();

  const other = await browser.newContext();
  const staffPage = await other.newPage();
  await signIn(staffPage, 'new.hire@e2e.test', password);
  await expect(staffPage.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Staff' })).toHaveCount(0);
  await staffPage.goto('/admin/staff');
  await expect(staffPage).toHaveURL(/\/admin$/);
  await other.close();
});
