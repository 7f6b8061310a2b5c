import { expect, test } from '@playwright/test';
import { signIn } from './admin-session';

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('a stock adjustment lands in the ledger and on the storefront', async ({ page }) => {
  await page.goto('/admin/inventory');
  const row = page.getByRole('row', { name: /Stoneware Mug/ });
  await expect(row.getByRole('cell').nth(1)).toHaveText('40'); // on hand (after the SKU cell)
  await row.getByRole('link', { name: /Adjust/ }).click();
  await expect(page.getByTestId('on-hand')).toHaveText('40');

  await page.getByLabel('Change').fill('-38');
  await page.getByLabel('Reason').selectOption({ label: 'Damaged or lost' });
  await page.getByLabel('Note').fill('Dropped a box');
  await page.getByRole('button', { name: 'Record adjustment' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Recorded -38. On hand is now 2.');
  // The page shows the new count and the ledger row without a reload.
  await expect(page.getByTestId('on-hand')).toHaveText('2');
  const entry = page
    .getByRole('table', { name: /Stock ledger/ })
    .getByRole('row')
    .nth(1);
  await expect(entry).toContainText(process.env.E2E_OWNER_EMAIL!);
  await expect(entry).toContainText('Damaged or lost: Dropped a box');
  await expect(entry).toContainText('-38');
  await expect(entry.getByRole('cell').last()).toHaveText('2');

  // The storefront follows within about a second.
  await expect
    .poll(
      async () => {
        const res = await page.request.get('/products/stoneware-mug');
        return (await res.text()).includes('Only 2 left');
      },
      { timeout: 2000 },
    )
    .toBe(true);

  // And the dashboard raises the low-stock alert.
  await page.goto('/admin');
  await expect(page.getByRole('region', { name: 'Low stock and reorder alerts' }).getByText('Stoneware Mug')).toBeVisible();
});

test('bad adjustments are refused with a clear message and change nothing', async ({ page }) => {
  await page.goto('/admin/inventory');
  await page
    .getByRole('row', { name: /Copper Stovetop Kettle/ })
    .getByRole('link', { name: /Adjust/ })
    .click();
  const onHand = await page.getByTestId('on-hand').textContent();
  const ledgerRows = await page
    .getByRole('table', { name: /Stock ledger/ })
    .getByRole('row')
    .count();

  await page.getByLabel('Change').fill('0');
  await page.getByRole('button', { name: 'Record adjustment' }).click();
  await expect(page.getByText('The change cannot be zero.')).toBeVisible();
  await expect(page.getByLabel('Change')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Change').fill('-5000');
  await page.getByRole('button', { name: 'Record adjustment' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('cannot go below');

  await page.getByLabel('Change').fill('3');
  await page.getByLabel('Reason').selectOption({ label: 'Other' });
  await page.getByRole('button', { name: 'Record adjustment' }).click();
  await expect(page.getByText('Say why, when the reason is “Other”.')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('on-hand')).toHaveText(onHand!);
  await expect(page.getByRole('table', { name: /Stock ledger/ }).getByRole('row')).toHaveCount(ledgerRows);
});

test('the inventory table sorts by a column, and flags variants to reorder', async ({ page }) => {
  await page.goto('/admin/inventory');
  await page.getByRole('link', { name: 'Sellable' }).click();
  await expect(page).toHaveURL(/sort=sellable&dir=asc/);
  await expect(page.getByRole('columnheader', { name: /Sellable/ })).toHaveAttribute('aria-sort', 'ascending');
  const sellable = await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.querySelectorAll('td')[5]?.textContent?.match(/^\d+/)?.[0])));
  expect(sellable.length).toBeGreaterThan(10);
  expect([...sellable].sort((a, b) => a - b)).toEqual(sellable);

  await page.getByRole('link', { name: 'Sellable' }).click();
  await expect(page.getByRole('columnheader', { name: /Sellable/ })).toHaveAttribute('aria-sort', 'descending');

  // The enamel mug has 2 sellable and a safety stock of 4: below its reorder point.
  await expect(page.getByRole('row', { name: /Enamel Camp Mug/ })).toContainText('Reorder');
  await expect(page.getByRole('row', { name: /Field Notebook/ })).not.toContainText('Reorder');
});
