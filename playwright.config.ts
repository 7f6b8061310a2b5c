import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// e2e/run.ts starts the production server and sets BASE_URL; `npm run test:e2e` runs both.
const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3100';
const systemChromium = '/usr/bin/chromium';

const browserUse = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    // Debian's Chromium where it is installed (no browser download here); Playwright's own elsewhere.
    executablePath: existsSync(systemChromium) ? systemChromium : undefined,
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  },
};

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
  },
  // Projects run in order, because later ones change data that earlier ones assert on exactly:
  // access and malformed-input checks compare whole-database fingerprints (so each runs alone),
  // storefront specs count the catalog.
  projects: [
    { name: 'access', testMatch: 'admin-access.spec.ts', use: browserUse },
    { name: 'malformed', testMatch: 'malformed-input.spec.ts', dependencies: ['access'], use: browserUse },
    { name: 'storefront', testMatch: ['catalog.spec.ts', 'stock-freshness.spec.ts'], dependencies: ['malformed'], use: browserUse },
    {
      name: 'admin',
      testIgnore: ['admin-access.spec.ts', 'malformed-input.spec.ts', 'catalog.spec.ts', 'stock-freshness.spec.ts'],
      dependencies: ['storefront'],
      use: browserUse,
    },
  ],
});
