/**
 * Helpers for the admin's product specs: a signed-in owner, images made from bytes, and rows for
 * e2e/admin-access.spec.ts to aim the product actions at (never the demo products other specs read).
 */
import { crc32, deflateSync } from 'node:zlib';
import { test as base, expect, type Page } from '@playwright/test';
import type { Database } from '../db/connect';
import { products, variants } from '../db/schema';
import { signIn } from './admin-session';

/** `test` with `ownerPage`: a page signed in as the store owner (E2E_OWNER_EMAIL / E2E_PASSWORD). */
export const test = base.extend<{ ownerPage: Page }>({
  ownerPage: async ({ page }, provide) => {
    await signIn(page, process.env.E2E_OWNER_EMAIL!, process.env.E2E_PASSWORD!);
    await provide(page);
  },
});
export { expect };

/**
 * Waits until the page's form fields respond to script: React attaches its props to DOM nodes
 * when it hydrates. (The hidden `$ACTION_` inputs React adds for no-script posts never get them.)
 */
export async function waitForAdminHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const input = [...document.querySelectorAll('main form input')].find((el) => !el.getAttribute('name')?.startsWith('$ACTION'));
    return !!input && Object.keys(input).some((key) => key.startsWith('__reactProps'));
  });
}

/** Opens an admin page with a form, hydrated. */
export async function openAdmin(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBe(200);
  await waitForAdminHydration(page);
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A real PNG of one colour (8-bit RGB), built byte by byte. */
export function pngImage(width = 8, height = 8, rgb: [number, number, number] = [47, 107, 69]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, default compression, filter, no interlace
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

/** Products no shopper sees, for the access spec's product actions to change. */
export interface ProductAccessIds {
  /** Unpublished, with option "Size" and a live variant "S". */
  draftProductId: string;
  draftVariantId: string;
  /** Archived, with an archived variant. */
  archivedProductId: string;
  archivedVariantId: string;
}

export async function createProductAccessFixtures(db: Database): Promise<ProductAccessIds> {
  const tag = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  return db.transaction(async (tx) => {
    const [draft] = await tx
      .insert(products)
      .values({ slug: `access-draft-${tag}`, title: 'Access draft', optionNames: ['Size'], published: false })
      .returning({ id: products.id });
    const [draftVariant] = await tx
      .insert(variants)
      .values({ productId: draft!.id, sku: `ACCESS-DRAFT-S-${tag}`.toUpperCase(), title: 'S', optionValues: ['S'], priceCents: 100 })
      .returning({ id: variants.id });
    const [archived] = await tx
      .insert(products)
      .values({ slug: `access-archived-${tag}`, title: 'Access archived', published: false, archivedAt: new Date() })
      .returning({ id: products.id });
    const [archivedVariant] = await tx
      .insert(variants)
      .values({ productId: archived!.id, sku: `ACCESS-ARCHIVED-${tag}`.toUpperCase(), title: 'Default', priceCents: 100, archivedAt: new Date() })
      .returning({ id: variants.id });
    return { draftProductId: draft!.id, draftVariantId: draftVariant!.id, archivedProductId: archived!.id, archivedVariantId: archivedVariant!.id };
  });
}

/** A valid input for each product action, as e2e/admin-access.spec.ts expects: with a staff session each one changes data. */
export const PRODUCT_ACTION_SAMPLES: Record<string, (ids: ProductAccessIds) => Record<string, string>> = {
  'components/admin/products/actions.ts#archiveProductAction': ({ draftProductId }) => ({ id: draftProductId }),
  'components/admin/products/actions.ts#unarchiveProductAction': ({ archivedProductId }) => ({ id: archivedProductId }),
  'components/admin/products/variant-actions.ts#createVariantAction': ({ draftProductId }) => ({
    productId: draftProductId,
    sku: `ACCESS-M-${Date.now()}`,
    option0: 'M',
    price: '1.00',
    inventoryPolicy: 'deny',
  }),
  'components/admin/products/variant-actions.ts#updateVariantAction': ({ draftVariantId }) => ({
    id: draftVariantId,
    sku: `ACCESS-S-${Date.now()}`,
    option0: 'S',
    price: '2.00',
    inventoryPolicy: 'deny',
  }),
  'components/admin/products/variant-actions.ts#archiveVariantAction': ({ draftVariantId }) => ({ id: draftVariantId }),
  'components/admin/products/variant-actions.ts#unarchiveVariantAction': ({ archivedVariantId }) => ({ id: archivedVariantId }),
};
