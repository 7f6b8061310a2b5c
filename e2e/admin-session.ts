import { expect, type Page } from '@playwright/test';

export const OWNER_EMAIL = () => process.env.E2E_OWNER_EMAIL!;
export const STAFF_EMAIL = () => process.env.E2E_STAFF_EMAIL!;
export const SHOPPER_EMAIL = () => process.env.E2E_SHOPPER_EMAIL!;
export const PASSWORD = () => process.env.E2E_PASSWORD!;

/** Signs in through the real sign-in page and waits for the dashboard. */
export async function signIn(page: Page, email = OWNER_EMAIL(), password = PASSWORD()): Promise<void> {
  await page.goto('/admin/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}
