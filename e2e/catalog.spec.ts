import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { demoCatalog } from '../db/seed-catalog';
import type { AvailabilityState } from '../lib/catalog/availability';
import { formatCalendarDate, todayUtc } from '../lib/catalog/dates';
import {
  EXPECTED_STATE,
  FEATURED_SLUGS,
  IN_STOCK,
  LANTERN_RELEASE_DAYS,
  LINEN_NAVY_LEAD_DAYS,
  MERINO_LEAD_DAYS,
  PUBLISHED_SLUGS,
  SKILLET_SHIP_DAYS,
  SOLD_OUT,
  UNPUBLISHED_SLUG,
  availabilityStatus,
  backorderedUntil,
  expectedBadge,
  isoDaysFromToday,
  listedProducts,
  openProduct,
  optionRadio,
  pickOption,
  preorderUntil,
  shipByDate,
  slugsIn,
} from './fixtures';

// wool-beanie belongs to e2e/stock-freshness.spec.ts, which changes its stock while these run.

test.describe('home page', () => {
  test('shows the featured products with their availability', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Featured', level: 2 })).toBeVisible();
    const list = page.getByRole('list', { name: 'Featured products' });
    await expect(list).toBeVisible();

    const cards = await listedProducts(list);
    expect(cards.map((c) => c.slug).sort()).toEqual(FEATURED_SLUGS);
    for (const { slug, item } of cards) await expect(item, slug).toContainText(expectedBadge(slug));
  });
});

test.describe('product listing', () => {
  test('lists every published product with its availability badge, and not the unpublished one', async ({ page }) => {
    await page.goto('/products');
    await expect(page.getByRole('heading', { name: 'All products', level: 1 })).toBeVisible();
    const list = page.getByRole('list', { name: 'Products' });

    const cards = await listedProducts(list);
    expect(cards.map((c) => c.slug).sort()).toEqual(PUBLISHED_SLUGS);
    expect(cards.map((c) => c.slug)).not.toContain(UNPUBLISHED_SLUG);
    await expect(page.getByText('Prototype Camp Stove')).toHaveCount(0);
    for (const { slug, item } of cards) await expect(item, slug).toContainText(expectedBadge(slug));

    // All four states are on the page.
    await expect(list.getByText(IN_STOCK).first()).toBeVisible();
    await expect(list.getByText(backorderedUntil(SKILLET_SHIP_DAYS))).toBeVisible();
    await expect(list.getByText(preorderUntil(LANTERN_RELEASE_DAYS))).toBeVisible();
    await expect(list.getByText(SOLD_OUT).first()).toBeVisible();
    // The low-stock note is on the listing too.
    await expect(cards.find((c) => c.slug === 'enamel-camp-mug')!.item).toContainText('Only 2 left');

    await expect(page.getByRole('status')).toHaveText(`${PUBLISHED_SLUGS.length} products`);
  });

  const filters: { link: string; state: AvailabilityState | null; heading: string }[] = [
    { link: 'In stock', state: 'in_stock', heading: 'In stock products' },
    { link: 'Backordered', state: 'backorder', heading: 'Backordered products' },
    { link: 'Pre-order', state: 'preorder', heading: 'Pre-order products' },
    { link: 'Sold out', state: 'sold_out', heading: 'Sold out products' },
    { link: 'All', state: null, heading: 'All products' },
  ];

  test('the availability filter shows only matching products and marks the current choice', async ({ page }) => {
    await page.goto('/products');
    const nav = page.getByRole('navigation', { name: 'Filter by availability' });
    await expect(nav.getByRole('link', { name: 'All', exact: true })).toHaveAttribute('aria-current', 'page');

    for (const { link, state, heading } of filters) {
      await test.step(link, async () => {
        await nav.getByRole('link', { name: link, exact: true }).click();
        await expect(page).toHaveURL(state ? `/products?availability=${state}` : '/products');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);

        for (const other of filters) {
          const otherLink = nav.getByRole('link', { name: other.link, exact: true });
          if (other.link === link) await expect(otherLink).toHaveAttribute('aria-current', 'page');
          else await expect(otherLink).not.toHaveAttribute('aria-current');
        }

        const expected = state ? PUBLISHED_SLUGS.filter((s) => EXPECTED_STATE[s] === state) : PUBLISHED_SLUGS;
        await expect(page.getByRole('status')).toHaveText(`${expected.length} ${expected.length === 1 ? 'product' : 'products'}`);
        const cards = await listedProducts(page.getByRole('list', { name: 'Products' }));
        expect(cards.map((c) => c.slug).sort()).toEqual(expected);
        for (const { slug, item } of cards) await expect(item, slug).toContainText(expectedBadge(slug));
      });
    }
  });

  test('each filter works as a direct link', async ({ page }) => {
    for (const state of ['in_stock', 'backorder', 'preorder', 'sold_out'] as const) {
      await page.goto(`/products?availability=${state}`);
      const expected = slugsIn(state);
      expect(expected.length).toBeGreaterThan(0);
      const cards = await listedProducts(page.getByRole('list', { name: 'Products' }));
      expect(cards.map((c) => c.slug).sort(), state).toEqual(expected);
    }
    // An unknown filter value shows everything.
    await page.goto('/products?availability=bogus');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('All products');
    await expect(page.getByRole('status')).toHaveText(`${PUBLISHED_SLUGS.length} products`);
  });
});

test.describe('product pages', () => {
  const singles: { slug: string; headline: () => string; title: string }[] = [
    { slug: 'stoneware-mug', title: 'Stoneware Mug', headline: () => IN_STOCK },
    { slug: 'enamel-camp-mug', title: 'Enamel Camp Mug', headline: () => IN_STOCK },
    { slug: 'cast-iron-skillet', title: 'Cast-Iron Skillet, 10 in', headline: () => backorderedUntil(SKILLET_SHIP_DAYS) },
    { slug: 'trail-lantern', title: 'Trail Lantern', headline: () => preorderUntil(LANTERN_RELEASE_DAYS) },
    { slug: 'folding-camp-chair', title: 'Folding Camp Chair', headline: () => SOLD_OUT },
    { slug: 'canvas-backpack', title: 'Waxed Canvas Backpack', headline: () => SOLD_OUT },
    // Backorder policy with a lead time, but a cap of 0 units waiting.
    { slug: 'ceramic-pour-over', title: 'Ceramic Pour-Over Dripper', headline: () => SOLD_OUT },
  ];

  for (const { slug, title, headline } of singles) {
    test(`${slug} reads "${headline()}"`, async ({ page }) => {
      await openProduct(page, slug);
      await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
      const status = availabilityStatus(page);
      await expect(status.getByText(headline(), { exact: true })).toBeVisible();
      if (slug === 'enamel-camp-mug') await expect(status).toContainText('Only 2 left');
      else await expect(status).not.toContainText(/only \d+ left/i);
    });
  }

  test('the dates are absolute and calendar-correct', async () => {
    // Guards the helpers the other tests use: the skillet ships 45 days out, with a weekday.
    expect(backorderedUntil(SKILLET_SHIP_DAYS)).toMatch(/^Backordered — ships by (Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]{2} \d{1,2}$/);
    expect(preorderUntil(LANTERN_RELEASE_DAYS)).toMatch(/^Pre-order — releases [A-Z][a-z]{2} \d{1,2}$/);
  });

  test('a buyable variant has an "Add to cart" button; a sold-out one has none', async ({ page }) => {
    for (const slug of ['stoneware-mug', 'cast-iron-skillet', 'trail-lantern']) {
      await openProduct(page, slug);
      await expect(page.getByRole('button', { name: 'Add to cart' }), slug).toHaveCount(1);
    }
    for (const slug of ['folding-camp-chair', 'canvas-backpack', 'ceramic-pour-over']) {
      await openProduct(page, slug);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('button', { name: /add to cart/i }), slug).toHaveCount(0);
    }
  });
});

test.describe('a sold-out product', () => {
  test('shows no quantity box and no "Add to cart", only that it is sold out', async ({ page }) => {
    for (const slug of ['folding-camp-chair', 'ceramic-pour-over']) {
      await openProduct(page, slug);
      await expect(availabilityStatus(page).getByText(SOLD_OUT, { exact: true }), slug).toBeVisible();
      await expect(page.getByLabel('Quantity'), slug).toHaveCount(0);
      await expect(page.getByRole('spinbutton'), slug).toHaveCount(0);
      await expect(page.getByRole('button', { name: /add to cart/i }), slug).toHaveCount(0);
    }
  });

  test('a sold-out variant hides the quantity box; a buyable one shows it again', async ({ page }) => {
    await openProduct(page, 'linen-shirt');
    await expect(page.getByLabel('Quantity')).toBeVisible();
    await pickOption(page, 'Size', 'L'); // L / Sand: sold out
    await expect(availabilityStatus(page).getByText(SOLD_OUT, { exact: true })).toBeVisible();
    await expect(page.getByLabel('Quantity')).toHaveCount(0);
    await pickOption(page, 'Colour', 'Navy'); // L / Navy: backordered
    await expect(page.getByLabel('Quantity')).toBeVisible();
  });
});

test.describe('page assets', () => {
  test('every page has an icon that is served (no favicon 404)', async ({ page, request }) => {
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 404) missing.push(response.url());
    });
    for (const path of ['/', '/products', '/products/stoneware-mug']) {
      await page.goto(path);
      const icon = page.locator('link[rel="icon"]');
      await expect(icon, path).toHaveCount(1);
      const href = await icon.getAttribute('href');
      const response = await request.get(href!);
      expect(response.status(), `${path}: ${href}`).toBe(200);
      expect(response.headers()['content-type']).toContain('image/svg+xml');
    }
    expect(missing).toEqual([]);
  });

  test("the product image (the page's largest element) loads eagerly and first", async ({ page }) => {
    await openProduct(page, 'stoneware-mug');
    const image = page.getByRole('article').getByRole('img', { name: /sea-green speckled stoneware mug/ });
    await expect(image).toHaveAttribute('loading', 'eager');
    await expect(image).toHaveAttribute('fetchpriority', 'high');
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  });
});

test.describe('quantity and the ship-now / ship-later split', () => {
  test('merino-throw: 5 splits into 3 now and 2 by the lead-time date', async ({ page }) => {
    await openProduct(page, 'merino-throw');
    const status = availabilityStatus(page);
    const quantity = page.getByLabel('Quantity');
    await expect(quantity).toHaveValue('1');
    await expect(status).toContainText(IN_STOCK);
    await expect(status).not.toContainText('ship now');

    await quantity.fill('5');
    await expect(status).toContainText(`3 ship now, 2 ship by ${shipByDate(MERINO_LEAD_DAYS)}`);

    await quantity.fill('4');
    await expect(status).toContainText(`3 ship now, 1 ships by ${shipByDate(MERINO_LEAD_DAYS)}`);

    // Everything ships now: no split sentence.
    await quantity.fill('3');
    await expect(status).toContainText(IN_STOCK);
    await expect(status).not.toContainText('ship now');
  });

  test('an invalid quantity shows an error tied to the field', async ({ page }) => {
    await openProduct(page, 'merino-throw');
    const quantity = page.getByLabel('Quantity');
    const error = page.getByText('Enter a whole number from 1 to 99.');
    await expect(error).toHaveCount(0);

    for (const value of ['0', '100', '2.5', '']) {
      await quantity.fill(value);
      await expect(error, `quantity ${JSON.stringify(value)}`).toBeVisible();
      await expect(quantity).toHaveAttribute('aria-invalid', 'true');
      await expect(quantity).toHaveAccessibleDescription('Enter a whole number from 1 to 99.');
      await expect(availabilityStatus(page)).not.toContainText('ship now');
    }

    await quantity.fill('99');
    await expect(error).toHaveCount(0);
    await expect(quantity).toHaveAttribute('aria-invalid', 'false');
    await expect(availabilityStatus(page)).toContainText(`3 ship now, 96 ship by ${shipByDate(MERINO_LEAD_DAYS)}`);
  });

  test('a quantity beyond the waiting cap says how many are available', async ({ page }) => {
    await openProduct(page, 'linen-shirt');
    await pickOption(page, 'Size', 'L');
    await pickOption(page, 'Colour', 'Navy');
    const status = availabilityStatus(page);
    await expect(status).toContainText(backorderedUntil(LINEN_NAVY_LEAD_DAYS));

    const quantity = page.getByLabel('Quantity');
    await quantity.fill('5');
    await expect(status).toContainText(backorderedUntil(LINEN_NAVY_LEAD_DAYS));
    await expect(status).not.toContainText('available');

    await quantity.fill('6');
    await expect(status).toContainText('Only 5 available');
  });

  test('a quantity beyond stock on a deny-policy product says how many are available', async ({ page }) => {
    await openProduct(page, 'enamel-camp-mug');
    await page.getByLabel('Quantity').fill('3');
    await expect(availabilityStatus(page)).toContainText('Only 2 available');
  });
});

test.describe('variant picker', () => {
  test('linen-shirt: availability and price follow the chosen size and colour', async ({ page }) => {
    await openProduct(page, 'linen-shirt');
    const status = availabilityStatus(page);
    const price = page.getByRole('article').locator('p', { hasText: 'Price:' });
    await expect(page.getByRole('group', { name: 'Size' }).getByRole('radio')).toHaveCount(3);
    await expect(page.getByRole('group', { name: 'Colour' }).getByRole('radio')).toHaveCount(2);

    // The first variant that can be bought is chosen to begin with.
    await expect(optionRadio(page, 'Size', 'S')).toBeChecked();
    await expect(optionRadio(page, 'Colour', 'Sand')).toBeChecked();
    await expect(status).toContainText(IN_STOCK);
    await expect(price).toHaveText('Price: $88.00');

    await pickOption(page, 'Size', 'L');
    await pickOption(page, 'Colour', 'Navy');
    await expect(status.getByText(backorderedUntil(LINEN_NAVY_LEAD_DAYS), { exact: true })).toBeVisible();
    await expect(price).toHaveText('Price: $88.00');

    await pickOption(page, 'Colour', 'Sand');
    await expect(optionRadio(page, 'Size', 'L')).toBeChecked();
    await expect(status.getByText(SOLD_OUT, { exact: true })).toBeVisible();
    await expect(price).toHaveText('Price: $88.00');

    await pickOption(page, 'Size', 'M');
    await expect(status.getByText(IN_STOCK, { exact: true })).toBeVisible();
  });

  test('rain-shell-jacket: size M splits 1 now and the rest by the lead-time date', async ({ page }) => {
    await openProduct(page, 'rain-shell-jacket');
    await pickOption(page, 'Size', 'M');
    const status = availabilityStatus(page);
    await expect(status).toContainText(IN_STOCK);
    await page.getByLabel('Quantity').fill('3');
    await expect(status).toContainText(`1 ships now, 2 ship by ${shipByDate(10)}`);

    await pickOption(page, 'Size', 'XL');
    await expect(status.getByText(SOLD_OUT, { exact: true })).toBeVisible();
    // Sold out: no quantity to choose, so no sentence about the 3 typed for M.
    await expect(page.getByLabel('Quantity')).toHaveCount(0);
    await expect(status).not.toContainText('available');

    await pickOption(page, 'Size', 'M');
    await expect(page.getByLabel('Quantity')).toHaveValue('3');
    await expect(status).toContainText(`1 ships now, 2 ship by ${shipByDate(10)}`);
  });

  test('the keyboard moves through the options and the availability follows', async ({ page }) => {
    await openProduct(page, 'linen-shirt');
    const status = availabilityStatus(page);

    await optionRadio(page, 'Size', 'S').focus();
    await page.keyboard.press('ArrowRight');
    await expect(optionRadio(page, 'Size', 'M')).toBeChecked();
    await expect(optionRadio(page, 'Size', 'M')).toBeFocused();
    await expect(status.getByText(IN_STOCK, { exact: true })).toBeVisible();

    await page.keyboard.press('ArrowRight');
    await expect(optionRadio(page, 'Size', 'L')).toBeChecked();
    await expect(status.getByText(SOLD_OUT, { exact: true })).toBeVisible(); // L / Sand

    // Tab to the next group, then change the colour with the arrow keys.
    await page.keyboard.press('Tab');
    await expect(optionRadio(page, 'Colour', 'Sand')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(optionRadio(page, 'Colour', 'Navy')).toBeChecked();
    await expect(status.getByText(backorderedUntil(LINEN_NAVY_LEAD_DAYS), { exact: true })).toBeVisible();

    await page.keyboard.press('ArrowLeft');
    await expect(optionRadio(page, 'Colour', 'Sand')).toBeChecked();
    await expect(status.getByText(SOLD_OUT, { exact: true })).toBeVisible();

    // The focused option is visibly marked (a focus ring on its label).
    const outline = await page
      .getByRole('group', { name: 'Colour' })
      .getByText('Sand', { exact: true })
      .evaluate((label) => getComputedStyle(label).outlineStyle);
    expect(outline).not.toBe('none');
  });
});

interface JsonLdOffer {
  '@type': string;
  price: string;
  priceCurrency: string;
  availability: string;
  availabilityStarts?: string;
  sku: string;
}

async function productJsonLd(page: Page): Promise<{ '@type': string; name: string; offers: JsonLdOffer[] }> {
  const scripts = page.locator('script[type="application/ld+json"]');
  await expect(scripts).toHaveCount(1);
  return JSON.parse((await scripts.textContent()) ?? '');
}

test.describe('structured data and sharing metadata', () => {
  const cases: { slug: string; title: string; price: string; availability: string; starts?: () => string }[] = [
    { slug: 'stoneware-mug', title: 'Stoneware Mug', price: '28.00', availability: 'https://schema.org/InStock' },
    {
      slug: 'cast-iron-skillet',
      title: 'Cast-Iron Skillet, 10 in',
      price: '85.00',
      availability: 'https://schema.org/BackOrder',
      starts: () => isoDaysFromToday(SKILLET_SHIP_DAYS),
    },
    {
      slug: 'trail-lantern',
      title: 'Trail Lantern',
      price: '64.00',
      availability: 'https://schema.org/PreOrder',
      starts: () => isoDaysFromToday(LANTERN_RELEASE_DAYS),
    },
    { slug: 'folding-camp-chair', title: 'Folding Camp Chair', price: '95.00', availability: 'https://schema.org/OutOfStock' },
  ];

  for (const { slug, title, price, availability, starts } of cases) {
    test(`${slug}: JSON-LD says ${availability.split('/').pop()}, with canonical and Open Graph tags`, async ({ page }) => {
      await openProduct(page, slug);
      const data = await productJsonLd(page);
      expect(data['@type']).toBe('Product');
      expect(data.name).toBe(title);
      expect(data.offers).toHaveLength(1);
      const [offer] = data.offers;
      expect(offer).toMatchObject({ '@type': 'Offer', price, priceCurrency: 'USD', availability });
      expect(offer!.price).toMatch(/^\d+\.\d{2}$/);
      if (starts) {
        expect(offer!.availabilityStarts).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(offer!.availabilityStarts).toBe(starts());
      } else {
        expect(offer).not.toHaveProperty('availabilityStarts');
      }

      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`/products/${slug}$`));
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', title);
      await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', new RegExp(`/products/${slug}\\.svg$`));
    });
  }

  test('linen-shirt: one offer per variant, each with its own availability', async ({ page }) => {
    await openProduct(page, 'linen-shirt');
    const data = await productJsonLd(page);
    const bySku = Object.fromEntries(data.offers.map((o) => [o.sku, o]));
    expect(Object.keys(bySku).sort()).toEqual([
      'LINEN-SHIRT-L-NVY',
      'LINEN-SHIRT-L-SND',
      'LINEN-SHIRT-M-NVY',
      'LINEN-SHIRT-M-SND',
      'LINEN-SHIRT-S-NVY',
      'LINEN-SHIRT-S-SND',
    ]);
    for (const sku of ['LINEN-SHIRT-S-SND', 'LINEN-SHIRT-S-NVY', 'LINEN-SHIRT-M-SND', 'LINEN-SHIRT-M-NVY']) {
      expect(bySku[sku]).toMatchObject({ availability: 'https://schema.org/InStock', price: '88.00' });
      expect(bySku[sku]).not.toHaveProperty('availabilityStarts');
    }
    expect(bySku['LINEN-SHIRT-L-NVY']).toMatchObject({
      availability: 'https://schema.org/BackOrder',
      availabilityStarts: isoDaysFromToday(LINEN_NAVY_LEAD_DAYS),
      price: '88.00',
    });
    expect(bySku['LINEN-SHIRT-L-SND']).toMatchObject({ availability: 'https://schema.org/OutOfStock', price: '88.00' });
  });
});

test.describe('sitemap and missing pages', () => {
  test('the sitemap lists every published product and not the unpublished one', async ({ request }) => {
    const response = await request.get('/sitemap.xml');
    expect(response.status()).toBe(200);
    const xml = await response.text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    const productSlugs = locs.map((url) => new URL(url).pathname.match(/^\/products\/(.+)$/)?.[1]).filter((s): s is string => !!s);

    // The same list as the seed's published products.
    const seeded = demoCatalog(todayUtc())
      .filter((p) => p.published !== false)
      .map((p) => p.slug)
      .sort();
    expect(seeded).toEqual(PUBLISHED_SLUGS);
    expect(productSlugs.sort()).toEqual(PUBLISHED_SLUGS);
    expect(xml).not.toContain(UNPUBLISHED_SLUG);
  });

  for (const slug of ['no-such-product', UNPUBLISHED_SLUG]) {
    test(`/products/${slug} is a 404 with the store's own page`, async ({ page }) => {
      // Twice: the second answer may come from the page cache and must still be a 404.
      for (let attempt = 1; attempt <= 2; attempt++) {
        const response = await page.goto(`/products/${slug}`);
        expect(response?.status(), `attempt ${attempt}`).toBe(404);
        await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
        await expect(page.getByText('Prototype Camp Stove')).toHaveCount(0);
      }
    });
  }
});

test.describe('a shopper in another locale', () => {
  test.use({ locale: 'de-DE' });

  test('sees dates in their own language after hydration, with no console errors', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));

    await openProduct(page, 'cast-iron-skillet');
    const date = formatCalendarDate(isoDaysFromToday(SKILLET_SHIP_DAYS), { locale: 'de-DE', withWeekday: true });
    await expect(availabilityStatus(page)).toHaveText(`Backordered — ships by ${date}`);

    await page.goto('/products?availability=preorder');
    const release = formatCalendarDate(isoDaysFromToday(LANTERN_RELEASE_DAYS), { locale: 'de-DE' });
    await expect(page.getByRole('list', { name: 'Products' })).toContainText(`Pre-order — releases ${release}`);
    expect(errors).toEqual([]);
  });
});

test.describe('accessibility (axe, WCAG 2 A and AA)', () => {
  async function expectNoViolations(page: Page, what: string) {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const summary = results.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
    expect(summary, `axe violations on ${what}`).toEqual([]);
  }

  test('home', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('list', { name: 'Featured products' })).toBeVisible();
    await expectNoViolations(page, '/');
  });

  test('/products', async ({ page }) => {
    await page.goto('/products');
    await expect(page.getByRole('list', { name: 'Products' })).toBeVisible();
    await expectNoViolations(page, '/products');
  });

  test('a product page with variants, as loaded and with a quantity error', async ({ page }) => {
    await openProduct(page, 'linen-shirt');
    await expectNoViolations(page, '/products/linen-shirt');

    await page.getByLabel('Quantity').fill('0');
    await expect(page.getByText('Enter a whole number from 1 to 99.')).toBeVisible();
    await expectNoViolations(page, '/products/linen-shirt with a quantity error');
  });
});
