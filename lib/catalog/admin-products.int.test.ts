import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GET as serveMedia } from '@/app/media/[...path]/route';
import { products, variants } from '@/db/schema';
import { CACHE_INVALIDATION_CHANNEL } from '@/lib/cache/tags';
import { readStoredImage } from '@/lib/media/uploads';
import { testConnection } from '@/test/database';
import { readProduct } from './catalog-reads';
import { todayUtc, addDays } from './dates';
import {
  archiveProduct,
  archiveVariant,
  createProduct,
  createVariant,
  SKU_TAKEN,
  SLUG_TAKEN,
  unarchiveProduct,
  unarchiveVariant,
  updateProduct,
  updateVariant,
} from './admin-products';
import type { NewVariantInput } from './admin-product-input';

const { sql: pool, db } = testConnection();
const today = todayUtc();
let uploads: string;
let listener: postgres.Sql;
const received: string[][] = [];

// ---- images made from bytes ----------------------------------------------------------------

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A real PNG: width x height pixels of one colour (8-bit RGB). */
function png(width = 2, height = 2, rgb: [number, number, number] = [47, 107, 69]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

/** The smallest valid JPEG: one grey pixel (quantisation table, frame, scan). */
const JPEG = Buffer.from(
  'ffd8ffdb004300030202020202030202020303030304060404040404080606050609080a0a090809090a0c0f0c0a0b0e0b09090d110d0e0f101011100a0c12131210130f101010ffc9000b080001000101011100ffcc000600101005ffda0008010100003f00d2cf20ffd9',
  'hex',
);

const file = (bytes: Uint8Array | string, name: string, type: string) => new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name, { type });

// ---- helpers ---------------------------------------------------------------------------------

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

async function productCount(): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(products);
  return row!.n;
}

async function variantCount(): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(variants);
  return row!.n;
}

async function storedFiles(): Promise<string[]> {
  return readdir(uploads).catch(() => []);
}

/**
 * The notifications committed so far, and forgets them. PostgreSQL delivers notifications in
 * commit order, so once a marker we send arrives, every earlier one has arrived too.
 */
async function drain(): Promise<string[][]> {
  const marker = `marker-${++counter}`;
  await db.execute(sql`select pg_notify(${CACHE_INVALIDATION_CHANNEL}, ${JSON.stringify({ tags: [marker] })})`);
  await expect.poll(() => received.some((tags) => tags[0] === marker)).toBe(true);
  const sent = received.slice(
    0,
    received.findIndex((tags) => tags[0] === marker),
  );
  received.length = 0;
  return sent;
}

/** Runs a change and returns the tags of the one notification it sent. */
async function notifiedTags(change: () => Promise<unknown>): Promise<string[]> {
  await drain();
  await change();
  const sent = await drain();
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

/** Runs a change that must send nothing (a refusal rolls back, or nothing changed). */
async function silently<T>(change: () => Promise<T>): Promise<T> {
  await drain();
  const result = await change();
  expect(await drain()).toEqual([]);
  return result;
}

async function newProduct(overrides: Record<string, unknown> = {}) {
  const result = await createProduct({ title: unique('Test Product'), published: 'on', ...overrides }, db);
  if (!result.ok) throw new Error(`could not create a product: ${JSON.stringify(result)}`);
  return result;
}

const variantInput = (productId: string, overrides: Partial<NewVariantInput> = {}): NewVariantInput => ({
  productId,
  sku: unique('SKU'),
  price: '24.00',
  inventoryPolicy: 'deny',
  ...overrides,
});

async function newVariant(productId: string, overrides: Partial<NewVariantInput> = {}) {
  const result = await createVariant(variantInput(productId, overrides), db);
  if (!result.ok) throw new Error(`could not create a variant: ${JSON.stringify(result)}`);
  return result;
}

beforeAll(async () => {
  uploads = await mkdtemp(path.join(os.tmpdir(), 'inbound-uploads-'));
  process.env.UPLOAD_DIR = uploads;
  listener = postgres(inject('databaseUrl'), { max: 1 });
  await listener.listen(CACHE_INVALIDATION_CHANNEL, (payload) => received.push(JSON.parse(payload).tags));
});
afterAll(async () => {
  await listener.end();
  await pool.end();
  await rm(uploads, { recursive: true, force: true });
});

// ---- products --------------------------------------------------------------------------------

describe('products', () => {
  it('creates a product with a slug from its title and notifies the storefront', async () => {
    const title = unique('Linen Apron');
    let result: Awaited<ReturnType<typeof createProduct>> | undefined;
    const tags = await notifiedTags(async () => {
      result = await createProduct(
        { title: `  ${title}  `, description: 'Heavy linen.', optionNames: ' Size ,  Colour ', featured: 'on', published: 'on' },
        db,
      );
    });
    const slug = title.toLowerCase().replace(' ', '-');
    expect(result).toMatchObject({ ok: true, slug });
    const id = (result as { id: string }).id;
    const [row] = await db.select().from(products).where(eq(products.id, id));
    expect(row).toMatchObject({
      title,
      slug,
      description: 'Heavy linen.',
      optionNames: ['Size', 'Colour'],
      featured: true,
      published: true,
      archivedAt: null,
      imagePath: null,
    });
    expect(tags).toEqual(['catalog', `product:${row!.slug}`]);
  });

  it('refuses bad input with a message per field and changes nothing', async () => {
    const before = await productCount();
    const result = await silently(() =>
      createProduct({ title: '   ', slug: 'Not a slug!', optionNames: 'Size, Colour, Material, Finish', description: 'x'.repeat(5001) }, db),
    );
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: {
        title: ['Enter a title.'],
        slug: ['Use lowercase letters, digits and hyphens, e.g. linen-shirt.'],
        optionNames: ['Use at most 3 options, e.g. Size, Colour.'],
        description: ['Keep the description under 5000 characters.'],
      },
    });
    const repeated = await createProduct({ title: 'Shirt', optionNames: 'Size, size' }, db);
    expect(repeated).toMatchObject({ ok: false, fieldErrors: { optionNames: ['Use each option name once.'] } });
    const noSlug = await createProduct({ title: '!!!' }, db);
    expect(noSlug).toMatchObject({ ok: false, fieldErrors: { slug: [expect.stringMatching(/^Enter a slug/)] } });
    expect(await productCount()).toBe(before);
  });

  it('refuses a slug that is already used, through the database constraint', async () => {
    const first = await newProduct();
    const before = await productCount();
    const result = await silently(() => createProduct({ title: 'Another one', slug: first.slug }, db));
    expect(result).toEqual({ ok: false, code: 'duplicate_slug', error: 'Check the highlighted fields.', fieldErrors: { slug: [SLUG_TAKEN] } });
    expect(await productCount()).toBe(before);

    const second = await newProduct();
    const rename = await silently(() => updateProduct({ id: second.id, title: 'Renamed', slug: first.slug }, db));
    expect(rename).toMatchObject({ ok: false, fieldErrors: { slug: [SLUG_TAKEN] } });
    const [row] = await db.select({ slug: products.slug, title: products.title }).from(products).where(eq(products.id, second.id));
    expect(row!.slug).toBe(second.slug);
    expect(row!.title).not.toBe('Renamed');
  });

  it('lets exactly one of two concurrent creates with the same slug win', async () => {
    const slug = unique('race');
    const before = await productCount();
    const results = await Promise.all([createProduct({ title: 'Racer A', slug }, db), createProduct({ title: 'Racer B', slug }, db)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, code: 'duplicate_slug', error: 'Check the highlighted fields.', fieldErrors: { slug: [SLUG_TAKEN] } },
    ]);
    expect(await productCount()).toBe(before + 1);
  });

  it('edits a product and invalidates both the old and the new slug', async () => {
    const product = await newProduct();
    const newSlug = unique('renamed');
    let result: unknown;
    const tags = await notifiedTags(async () => {
      result = await updateProduct({ id: product.id, title: 'Renamed Product', slug: newSlug, description: 'New words', published: 'on' }, db);
    });
    expect(result).toEqual({ ok: true, slug: newSlug });
    expect(tags).toEqual(['catalog', `product:${product.slug}`, `product:${newSlug}`]);
    const [row] = await db.select().from(products).where(eq(products.id, product.id));
    expect(row).toMatchObject({ title: 'Renamed Product', slug: newSlug, description: 'New words', published: true, featured: false });
    expect(row!.updatedAt.getTime()).toBeGreaterThan(row!.createdAt.getTime());

    // Unticked checkboxes are absent from a form post: that means "no".
    await updateProduct({ id: product.id, title: 'Renamed Product', slug: newSlug }, db);
    const [draft] = await db.select({ published: products.published }).from(products).where(eq(products.id, product.id));
    expect(draft!.published).toBe(false);

    expect(await silently(() => updateProduct({ id: '00000000-0000-4000-8000-000000000000', title: 'Ghost' }, db))).toMatchObject({
      ok: false,
      code: 'unknown_product',
    });
  });

  it('keeps the option names in step with the variants', async () => {
    const product = await newProduct({ optionNames: 'Size' });
    await newVariant(product.id, { option0: 'M' });
    const adding = await silently(() => updateProduct({ id: product.id, title: 'Shirt', slug: product.slug, optionNames: 'Size, Colour' }, db));
    expect(adding).toMatchObject({ ok: false, fieldErrors: { optionNames: [expect.stringContaining('set up for 1 option')] } });
    // Renaming an option keeps the variants' values meaningful, so it is allowed.
    expect(await updateProduct({ id: product.id, title: 'Shirt', slug: product.slug, optionNames: 'Length' }, db)).toMatchObject({ ok: true });
  });

  it('archives a product: it leaves the storefront, stays in the database, and can come back', async () => {
    const product = await newProduct();
    await newVariant(product.id);
    expect(await readProduct(db, product.slug, today)).not.toBeNull();

    const tags = await notifiedTags(async () => expect(await archiveProduct({ id: product.id }, db)).toEqual({ ok: true, changed: true }));
    expect(tags).toEqual(['catalog', `product:${product.slug}`]);
    expect(await readProduct(db, product.slug, today)).toBeNull();
    const [row] = await db.select({ archivedAt: products.archivedAt }).from(products).where(eq(products.id, product.id));
    expect(row!.archivedAt).toBeInstanceOf(Date);

    // Archiving again changes nothing and sends nothing.
    expect(await silently(() => archiveProduct({ id: product.id }, db))).toEqual({ ok: true, changed: false });

    await notifiedTags(async () => expect(await unarchiveProduct({ id: product.id }, db)).toEqual({ ok: true, changed: true }));
    expect(await readProduct(db, product.slug, today)).not.toBeNull();
    expect(await archiveProduct({ id: 'nope' }, db)).toMatchObject({ ok: false, code: 'invalid' });
  });
});

// ---- variants --------------------------------------------------------------------------------

describe('variants', () => {
  it('creates a variant with the price in cents, nothing on hand, and notifies', async () => {
    const product = await newProduct({ optionNames: 'Size, Colour' });
    let result: unknown;
    const tags = await notifiedTags(async () => {
      result = await createVariant(
        variantInput(product.id, {
          sku: ' lin-m-navy ',
          option0: 'M',
          option1: 'Navy',
          price: '$88.5',
          inventoryPolicy: 'backorder',
          waitingLimit: '5',
          shipDateSource: 'lead_time',
          leadTimeDays: '14',
          fixedShipDate: addDays(today, 30), // not the chosen source: not kept
          lowStockThreshold: '2',
          safetyStock: '1',
        }),
        db,
      );
    });
    expect(result).toMatchObject({ ok: true });
    expect(tags).toEqual(['catalog', `product:${product.slug}`]);
    const [row] = await db
      .select()
      .from(variants)
      .where(eq(variants.id, (result as { id: string }).id));
    expect(row).toMatchObject({
      sku: 'LIN-M-NAVY',
      title: 'M / Navy',
      optionValues: ['M', 'Navy'],
      priceCents: 8850,
      onHand: 0,
      committed: 0,
      waiting: 0,
      inventoryPolicy: 'backorder',
      waitingLimit: 5,
      shipDateSource: 'lead_time',
      leadTimeDays: 14,
      fixedShipDate: null,
      releaseDate: null,
      lowStockThreshold: 2,
      safetyStock: 1,
      position: 0,
    });
    const second = await newVariant(product.id, { option0: 'L', option1: 'Navy' });
    const [next] = await db.select({ position: variants.position }).from(variants).where(eq(variants.id, second.id));
    expect(next!.position).toBe(1);
  });

  it('reads prices exactly and refuses bad ones', async () => {
    const cases: [string, number][] = [
      ['24', 2400],
      ['24.5', 2450],
      ['0.59', 59],
      ['0.50', 50],
      ['.99', 99],
      ['999999.99', 99999999],
      ['0', 0],
    ];
    // Each case on a new product, since a product without options sells one variant.
    for (const [price, cents] of cases) {
      const v = await newVariant((await newProduct()).id, { price });
      const [row] = await db.select({ priceCents: variants.priceCents }).from(variants).where(eq(variants.id, v.id));
      expect(row!.priceCents, price).toBe(cents);
    }
    const other = await newProduct();
    const before = await variantCount();
    const refusals: [string, string][] = [
      ['24.005', 'Use at most 2 decimal places, e.g. 24.00.'],
      ['-1.00', 'The price cannot be negative.'],
      ['', 'Enter a price, e.g. 24.00.'],
      ['twelve', 'Enter a price as a number, e.g. 24.00.'],
      ['1e3', 'Enter a price as a number, e.g. 24.00.'],
      ['1000000.01', 'That price is too high.'],
      ['0.29', 'Card payments start at $0.50: use 0.00 (free) or at least 0.50.'],
    ];
    for (const [price, message] of refusals) {
      expect(await silently(() => createVariant(variantInput(other.id, { price }), db)), price).toMatchObject({
        ok: false,
        code: 'invalid',
        fieldErrors: { price: [message] },
      });
    }
    expect(await variantCount()).toBe(before);
  });

  it('checks the fields that depend on each other', async () => {
    const product = await newProduct();
    const before = await variantCount();
    const check = (overrides: Partial<NewVariantInput>) => silently(() => createVariant(variantInput(product.id, overrides), db));

    expect(await check({ inventoryPolicy: 'backorder', shipDateSource: 'fixed_date' })).toMatchObject({
      fieldErrors: { fixedShipDate: ['Enter the expected ship date.'] },
    });
    expect(await check({ inventoryPolicy: 'backorder', shipDateSource: 'fixed_date', fixedShipDate: today })).toMatchObject({
      fieldErrors: { fixedShipDate: ['Choose a date after today.'] },
    });
    expect(await check({ inventoryPolicy: 'backorder', shipDateSource: 'fixed_date', fixedShipDate: '2031-02-30' })).toMatchObject({
      fieldErrors: { fixedShipDate: ['Enter a date as YYYY-MM-DD.'] },
    });
    expect(await check({ inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: '' })).toMatchObject({
      fieldErrors: { leadTimeDays: ['Enter the lead time in whole days (1 or more).'] },
    });
    expect(await check({ inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: '0' })).toMatchObject({
      fieldErrors: { leadTimeDays: ['Enter the lead time in whole days (1 or more).'] },
    });
    expect(await check({ inventoryPolicy: 'backorder', shipDateSource: 'lead_time', leadTimeDays: '2.5' })).toMatchObject({
      fieldErrors: { leadTimeDays: ['Enter the lead time in whole days (1 or more).'] },
    });
    expect(await check({ inventoryPolicy: 'preorder' })).toMatchObject({ fieldErrors: { releaseDate: ['Enter the release date for the pre-order.'] } });
    expect(await check({ waitingLimit: '-2', lowStockThreshold: '', safetyStock: 'x' })).toMatchObject({
      fieldErrors: {
        waitingLimit: ['Enter a whole number (0 or more), or leave it empty for no limit.'],
        lowStockThreshold: ['Enter a whole number (0 or more).'],
        safetyStock: ['Enter a whole number (0 or more).'],
      },
    });
    expect(await check({ inventoryPolicy: 'sometimes' as 'deny' })).toMatchObject({ fieldErrors: { inventoryPolicy: ['Choose an inventory policy.'] } });
    expect(await variantCount()).toBe(before);

    // A pre-order with a release date and a fixed ship date for after release is fine.
    const release = addDays(today, 60);
    const ok = await createVariant(
      variantInput(product.id, { inventoryPolicy: 'preorder', releaseDate: release, shipDateSource: 'fixed_date', fixedShipDate: addDays(today, 90) }),
      db,
    );
    expect(ok).toMatchObject({ ok: true });
    const preorder = await readProduct(db, product.slug, today);
    expect(preorder!.variants[0]!.offer).toMatchObject({ state: 'preorder', laterDate: release });
  });

  it('needs a value for each option, and one variant per combination', async () => {
    const product = await newProduct({ optionNames: 'Size, Colour' });
    const before = await variantCount();
    expect(await silently(() => createVariant(variantInput(product.id, { option0: 'M' }), db))).toMatchObject({
      ok: false,
      fieldErrors: { option1: ['Enter a value for Colour.'] },
    });
    await newVariant(product.id, { option0: 'M', option1: 'Sand', title: 'Medium sand' });
    expect(await silently(() => createVariant(variantInput(product.id, { option0: 'M', option1: 'Sand' }), db))).toMatchObject({
      ok: false,
      code: 'conflict',
      fieldErrors: { option0: ['The variant “Medium sand” already has these options.'] },
    });
    expect(await variantCount()).toBe(before + 1);

    const single = await newProduct();
    await newVariant(single.id);
    expect(await createVariant(variantInput(single.id), db)).toMatchObject({ ok: false, code: 'conflict', error: expect.stringContaining('no options') });
    expect(await createVariant(variantInput('00000000-0000-4000-8000-000000000000'), db)).toMatchObject({ ok: false, code: 'unknown_product' });
  });

  it('refuses a SKU that is already used, whatever its case', async () => {
    const a = await newProduct();
    const b = await newProduct();
    const sku = unique('DUP');
    await newVariant(a.id, { sku });
    const before = await variantCount();
    const result = await silently(() => createVariant(variantInput(b.id, { sku: sku.toLowerCase() }), db));
    expect(result).toEqual({ ok: false, code: 'duplicate_sku', error: 'Check the highlighted fields.', fieldErrors: { sku: [SKU_TAKEN] } });
    expect(await variantCount()).toBe(before);
  });

  it('edits a variant without touching its stock, and the storefront sees the new price', async () => {
    const product = await newProduct();
    const variant = await newVariant(product.id, { price: '24.00' });
    await db.update(variants).set({ onHand: 7, committed: 2 }).where(eq(variants.id, variant.id));

    const edit = {
      id: variant.id,
      title: 'Default',
      sku: unique('EDIT'),
      price: '26.50',
      inventoryPolicy: 'backorder' as const,
      shipDateSource: 'fixed_date' as const,
      fixedShipDate: addDays(today, 20),
    };
    // Stock is not a field here: extra fields are dropped, whatever is posted.
    const tags = await notifiedTags(async () => expect(await updateVariant({ ...edit, onHand: 999 } as typeof edit, db)).toEqual({ ok: true }));
    expect(tags).toEqual(['catalog', `product:${product.slug}`]);
    const [row] = await db.select().from(variants).where(eq(variants.id, variant.id));
    expect(row).toMatchObject({
      priceCents: 2650,
      onHand: 7,
      committed: 2,
      inventoryPolicy: 'backorder',
      shipDateSource: 'fixed_date',
      fixedShipDate: edit.fixedShipDate,
    });
    expect((await readProduct(db, product.slug, today))!.variants[0]!.priceCents).toBe(2650);

    // A refused edit changes nothing.
    expect(await silently(() => updateVariant({ ...edit, price: '26.505' }, db))).toMatchObject({ ok: false, fieldErrors: { price: [expect.any(String)] } });
    const [after] = await db.select({ priceCents: variants.priceCents }).from(variants).where(eq(variants.id, variant.id));
    expect(after!.priceCents).toBe(2650);

    // Switching the source off clears the date it no longer uses.
    await updateVariant({ ...edit, inventoryPolicy: 'deny', shipDateSource: 'none' }, db);
    const [cleared] = await db.select().from(variants).where(eq(variants.id, variant.id));
    expect(cleared).toMatchObject({ shipDateSource: null, fixedShipDate: null });
  });

  it('archives a variant: off the storefront, kept in the database, and back on unarchive', async () => {
    const product = await newProduct({ optionNames: 'Size' });
    const small = await newVariant(product.id, { option0: 'S' });
    await newVariant(product.id, { option0: 'L' });
    await notifiedTags(async () => expect(await archiveVariant({ id: small.id }, db)).toEqual({ ok: true, changed: true }));
    expect((await readProduct(db, product.slug, today))!.variants.map((v) => v.optionValues)).toEqual([['L']]);
    expect(await silently(() => archiveVariant({ id: small.id }, db))).toEqual({ ok: true, changed: false });

    // A new S takes the archived one's place; the archived one cannot come back beside it.
    const replacement = await newVariant(product.id, { option0: 'S' });
    expect(await silently(() => unarchiveVariant({ id: small.id }, db))).toMatchObject({ ok: false, code: 'conflict' });
    await archiveVariant({ id: replacement.id }, db);
    expect(await unarchiveVariant({ id: small.id }, db)).toEqual({ ok: true, changed: true });
    expect((await readProduct(db, product.slug, today))!.variants).toHaveLength(2);
  });
});

// ---- images ----------------------------------------------------------------------------------

describe('product images', () => {
  it('stores a PNG under a random name and serves it with its type', async () => {
    const bytes = png(3, 2);
    const product = await newProduct({ image: file(bytes, 'photo.png', 'image/png'), imageAlt: 'A green square' });
    const [row] = await db.select({ imagePath: products.imagePath, imageAlt: products.imageAlt }).from(products).where(eq(products.id, product.id));
    expect(row!.imagePath).toMatch(/^\/media\/[0-9a-f]{32}\.png$/);
    expect(row!.imageAlt).toBe('A green square');
    const name = row!.imagePath!.slice('/media/'.length);
    expect(await readFile(path.join(uploads, name))).toEqual(bytes);

    const response = await serveMedia(new Request(`http://store.test${row!.imagePath}`), { params: Promise.resolve({ path: [name] }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toContain('max-age=31536000');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it('accepts a JPEG by its bytes, whatever it is called', async () => {
    const product = await newProduct({ image: file(JPEG, 'upload.bin', 'application/octet-stream'), imageAlt: 'A grey dot' });
    const [row] = await db.select({ imagePath: products.imagePath }).from(products).where(eq(products.id, product.id));
    expect(row!.imagePath).toMatch(/^\/media\/[0-9a-f]{32}\.jpg$/);
    expect(await readStoredImage([row!.imagePath!.slice(7)])).toMatchObject({ mime: 'image/jpeg' });
  });

  it('refuses SVG, text named .png, and images over 2 MB, and keeps nothing', async () => {
    const before = await productCount();
    const filesBefore = await storedFiles();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const oversized = Buffer.concat([png(), Buffer.alloc(2 * 1024 * 1024)]);
    const cases: [File, string][] = [
      [file(svg, 'logo.svg', 'image/svg+xml'), 'Upload a PNG, JPEG, WebP or AVIF image.'],
      [file(svg, 'logo.png', 'image/png'), 'Upload a PNG, JPEG, WebP or AVIF image.'],
      [file('just some text, honestly', 'notes.png', 'image/png'), 'Upload a PNG, JPEG, WebP or AVIF image.'],
      [file('<!doctype html><p>hi', 'page.jpg', 'image/jpeg'), 'Upload a PNG, JPEG, WebP or AVIF image.'],
      [file(oversized, 'huge.png', 'image/png'), 'The image must be 2 MB or smaller.'],
    ];
    for (const [image, message] of cases) {
      const result = await silently(() => createProduct({ title: unique('Bad image'), image, imageAlt: 'Something' }, db));
      expect(result, image.name).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { image: [message] } });
    }
    expect(await productCount()).toBe(before);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it('asks for alt text with an image, and removes the upload when the save fails', async () => {
    const taken = await newProduct();
    const product = await newProduct();
    const filesBefore = (await storedFiles()).sort();
    expect(await createProduct({ title: unique('No alt'), image: file(png(), 'a.png', 'image/png') }, db)).toMatchObject({
      ok: false,
      fieldErrors: { imageAlt: ['Describe the image for shoppers who cannot see it.'] },
    });
    const duplicate = await updateProduct({ id: product.id, title: 'X', slug: taken.slug, image: file(png(), 'a.png', 'image/png'), imageAlt: 'A square' }, db);
    expect(duplicate).toMatchObject({ ok: false, fieldErrors: { slug: [SLUG_TAKEN] } });
    expect((await storedFiles()).sort()).toEqual(filesBefore);

    // An empty file input (nothing chosen) keeps the current image.
    await updateProduct({ id: product.id, title: 'With image', slug: product.slug, image: file(png(), 'b.png', 'image/png'), imageAlt: 'A square' }, db);
    const [withImage] = await db.select({ imagePath: products.imagePath }).from(products).where(eq(products.id, product.id));
    await updateProduct(
      { id: product.id, title: 'Still with image', slug: product.slug, image: file('', '', 'application/octet-stream'), imageAlt: 'A square' },
      db,
    );
    const [kept] = await db.select({ imagePath: products.imagePath }).from(products).where(eq(products.id, product.id));
    expect(kept!.imagePath).toBe(withImage!.imagePath);
  });

  it('serves only its own file names: no path traversal, no guessing', async () => {
    const hex = 'a'.repeat(32);
    for (const segments of [['..', 'package.json'], ['..%2Fpackage.json'], [`${hex}.svg`], [`${hex}.png`, 'x'], [`${hex}.png`], ['/etc/passwd']]) {
      expect(await readStoredImage(segments), segments.join('/')).toBeNull();
      const response = await serveMedia(new Request('http://store.test/media/x'), { params: Promise.resolve({ path: segments }) });
      expect(response.status).toBe(404);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
