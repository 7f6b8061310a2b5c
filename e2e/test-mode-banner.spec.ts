/**
 * With no Stripe keys (the browser tests' server runs the emulator, STRIPE_EMULATOR=1) every
 * storefront page says so in a slim banner; the admin has its own header and no banner.
 */
import { expect, test } from '@playwright/test';

const banner = (page: import('@playwright/test').Page) => page.getByRole('complementary', { name: 'Payments test mode' });

test('every storefront page, the 404 page included, shows "Test mode: no real payments"', async ({ page }) => {
  for (const path of ['/', '/products', '/products/stoneware-mug', '/cart', '/checkout', '/no-such-page']) {
    await page.goto(path);
    await expect(banner(page), path).toHaveText('Test mode: no real payments');
    // It comes before the shop's header, where it is seen first.
    const [bannerBox, headerBox] = await Promise.all([banner(page).boundingBox(), page.locator('header').first().boundingBox()]);
    expect(bannerBox!.y, path).toBeLessThan(headerBox!.y);
  }
});

test('the admin sign-in page has no storefront banner', async ({ page }) => {
  await page.goto('/admin/sign-in');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
});
