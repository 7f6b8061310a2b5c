import 'server-only';
import { and, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { db as appDb, type Database, type Tx } from '@/db/client';
import { products, variants } from '@/db/schema';
import { notifyRestocks } from '@/lib/back-in-stock/notify';
import { invalidateProducts } from '@/lib/cache/invalidate';
import { recomputeWaitingDates } from '@/lib/orders/waiting-dates';
import { discardImage, ImageUploadError, storeImage, type StoredImage } from '@/lib/media/uploads';
import {
  newProductInput,
  newVariantInput,
  priceToCents,
  productIdInput,
  productUpdateInput,
  variantIdInput,
  variantUpdateInput,
  type NewProductInput,
  type NewVariantInput,
  type ProductUpdateInput,
  type VariantUpdateInput,
  type VariantValues,
} from './admin-product-input';

/**
 * What store owners do to products and variants from /admin. Every change that shoppers could
 * see runs in a transaction that also calls invalidateProducts, so cached pages are dropped on
 * commit, and notifyRestocks, so a variant that can be bought again emails its back-in-stock list. Slugs and SKUs are unique by the database's constraints, not by a check-then-insert,
 * so two owners saving the same slug at once get one product and one clear field error.
 * Products and variants are archived, never deleted: the stock ledger and orders refer to them.
 */

export type FieldErrors = Record<string, string[] | undefined>;
export type AdminErrorCode = 'invalid' | 'duplicate_slug' | 'duplicate_sku' | 'unknown_product' | 'unknown_variant' | 'conflict';

/** An expected refusal: bad input, a taken slug or SKU, a missing row. Nothing was changed. */
export interface AdminFailure {
  ok: false;
  code: AdminErrorCode;
  error: string;
  fieldErrors?: FieldErrors;
}
export type AdminResult<T extends object = object> = ({ ok: true } & T) | AdminFailure;

export const SLUG_TAKEN = 'That slug is already used.';
export const SKU_TAKEN = 'That SKU is already used.';
const CHECK_FIELDS = 'Check the highlighted fields.';

function fail(code: AdminErrorCode, error: string, fieldErrors?: FieldErrors): AdminFailure {
  return { ok: false, code, error, ...(fieldErrors ? { fieldErrors } : {}) };
}

function parse<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.output<S> } | AdminFailure {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (key) (fieldErrors[key] ??= []).push(issue.message);
  }
  return fail('invalid', CHECK_FIELDS, fieldErrors);
}

/** The unique constraint a PostgreSQL error (possibly wrapped by Drizzle) violated, if any. */
function uniqueViolation(error: unknown): string | null {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: unknown; constraint_name?: unknown };
    if (pg.code === '23505') return typeof pg.constraint_name === 'string' ? pg.constraint_name : '';
  }
  return null;
}

function duplicateFailure(error: unknown): AdminFailure | null {
  const constraint = uniqueViolation(error);
  if (constraint === 'products_slug_unique') return fail('duplicate_slug', CHECK_FIELDS, { slug: [SLUG_TAKEN] });
  if (constraint === 'product_variants_sku_unique') return fail('duplicate_sku', CHECK_FIELDS, { sku: [SKU_TAKEN] });
  return null;
}

/**
 * Stores the uploaded image (if any), runs the write, and removes the image again if the write
 * did not happen. Unique violations become field errors; anything else is a real error.
 */
async function withImage<T extends object>(image: File | undefined, write: (stored: StoredImage | null) => Promise<AdminResult<T>>): Promise<AdminResult<T>> {
  let stored: StoredImage | null = null;
  if (image) {
    try {
      stored = await storeImage(image);
    } catch (error) {
      if (error instanceof ImageUploadError) return fail('invalid', CHECK_FIELDS, { image: [error.message] });
      throw error;
    }
  }
  try {
    const result = await write(stored);
    if (!result.ok) await discardImage(stored);
    return result;
  } catch (error) {
    await discardImage(stored);
    const duplicate = duplicateFailure(error);
    if (duplicate) return duplicate;
    throw error;
  }
}

async function orDuplicate<T extends object>(write: () => Promise<AdminResult<T>>): Promise<AdminResult<T>> {
  try {
    return await write();
  } catch (error) {
    const duplicate = duplicateFailure(error);
    if (duplicate) return duplicate;
    throw error;
  }
}

const UNKNOWN_PRODUCT = 'That product does not exist.';
const UNKNOWN_VARIANT = 'That variant does not exist.';

// ---------------------------------------------------------------------------------------------
// Products

export async function createProduct(input: NewProductInput, database: Database = appDb): Promise<AdminResult<{ id: string; slug: string }>> {
  const parsed = parse(newProductInput, input);
  if (!parsed.ok) return parsed;
  const { image, ...p } = parsed.data;
  return withImage(image, (stored) =>
    database.transaction(async (tx): Promise<AdminResult<{ id: string; slug: string }>> => {
      const [created] = await tx
        .insert(products)
        .values({ ...p, imagePath: stored?.path ?? null })
        .returning({ id: products.id, slug: products.slug });
      await invalidateProducts(tx, [created!.slug]);
      return { ok: true, id: created!.id, slug: created!.slug };
    }),
  );
}

export async function updateProduct(input: ProductUpdateInput, database: Database = appDb): Promise<AdminResult<{ slug: string }>> {
  const parsed = parse(productUpdateInput, input);
  if (!parsed.ok) return parsed;
  const { id, image, ...p } = parsed.data;
  return withImage(image, (stored) =>
    database.transaction(async (tx): Promise<AdminResult<{ slug: string }>> => {
      // Locks the row: concurrent edits of one product apply one after the other.
      const [before] = await tx
        .select({ slug: products.slug, imagePath: products.imagePath, optionNames: products.optionNames })
        .from(products)
        .where(eq(products.id, id))
        .for('update');
      if (!before) return fail('unknown_product', UNKNOWN_PRODUCT);

      if (p.optionNames.length !== before.optionNames.length) {
        const [active] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(variants)
          .where(and(eq(variants.productId, id), isNull(variants.archivedAt)));
        if (active!.n > 0) {
          const had = before.optionNames.length === 0 ? 'no options' : `${before.optionNames.length} option${before.optionNames.length === 1 ? '' : 's'}`;
          return fail('invalid', CHECK_FIELDS, {
            optionNames: [`The variants of this product are set up for ${had}. Rename options here, or archive the variants before adding or removing one.`],
          });
        }
      }
      const imagePath = stored?.path ?? before.imagePath;
      if (imagePath && p.imageAlt === '') {
        return fail('invalid', CHECK_FIELDS, { imageAlt: ['Describe the image for shoppers who cannot see it.'] });
      }

      const [updated] = await tx
        .update(products)
        .set({ ...p, imagePath, updatedAt: sql`now()` })
        .where(eq(products.id, id))
        .returning({ slug: products.slug });
      // The old slug's page must go too, or it would keep showing the product at its old address.
      await invalidateProducts(tx, [before.slug, updated!.slug]);
      await notifyRestocks(tx, [updated!.slug]);
      return { ok: true, slug: updated!.slug };
    }),
  );
}

/** Hides a product from shoppers everywhere; it stays for the orders and ledger rows that refer to it. */
export function archiveProduct(input: { id: string }, database: Database = appDb): Promise<AdminResult<{ changed: boolean }>> {
  return setProductArchived(input, true, database);
}

export function unarchiveProduct(input: { id: string }, database: Database = appDb): Promise<AdminResult<{ changed: boolean }>> {
  return setProductArchived(input, false, database);
}

async function setProductArchived(input: { id: string }, archive: boolean, database: Database): Promise<AdminResult<{ changed: boolean }>> {
  const parsed = parse(productIdInput, input);
  if (!parsed.ok) return parsed;
  const { id } = parsed.data;
  return database.transaction(async (tx): Promise<AdminResult<{ changed: boolean }>> => {
    // Conditional: only a product in the other state changes, so repeating it is harmless.
    const [changed] = await tx
      .update(products)
      .set({ archivedAt: archive ? sql`now()` : null, updatedAt: sql`now()` })
      .where(and(eq(products.id, id), archive ? isNull(products.archivedAt) : isNotNull(products.archivedAt)))
      .returning({ slug: products.slug });
    if (changed) {
      await invalidateProducts(tx, [changed.slug]);
      await notifyRestocks(tx, [changed.slug]);
      return { ok: true, changed: true };
    }
    const [exists] = await tx.select({ id: products.id }).from(products).where(eq(products.id, id));
    return exists ? { ok: true, changed: false } : fail('unknown_product', UNKNOWN_PRODUCT);
  });
}

// ---------------------------------------------------------------------------------------------
// Variants

/**
 * The option values for the product's option names: each one needed, and no other live variant
 * of the product with the same combination (the storefront picks variants by their options).
 */
async function checkOptions(
  tx: Tx,
  product: { id: string; optionNames: string[] },
  v: Pick<VariantValues, 'option0' | 'option1' | 'option2'>,
  exceptVariantId: string | null,
): Promise<{ ok: true; optionValues: string[] } | AdminFailure> {
  const given = [v.option0, v.option1, v.option2];
  const fieldErrors: FieldErrors = {};
  product.optionNames.forEach((name, i) => {
    if (!given[i]) fieldErrors[`option${i}`] = [`Enter a value for ${name}.`];
  });
  if (Object.keys(fieldErrors).length > 0) return fail('invalid', CHECK_FIELDS, fieldErrors);
  const optionValues = given.slice(0, product.optionNames.length);

  const [clash] = await tx
    .select({ title: variants.title })
    .from(variants)
    .where(
      and(
        eq(variants.productId, product.id),
        isNull(variants.archivedAt),
        eq(variants.optionValues, optionValues),
        exceptVariantId ? ne(variants.id, exceptVariantId) : undefined,
      ),
    )
    .limit(1);
  if (clash) {
    if (product.optionNames.length === 0) {
      return fail('conflict', 'This product has no options, so it sells one variant. Add option names to the product (e.g. Size) to sell more than one.');
    }
    return fail('conflict', CHECK_FIELDS, { option0: [`The variant “${clash.title}” already has these options.`] });
  }
  return { ok: true, optionValues };
}

function variantColumns(v: Omit<VariantValues, 'id'>, optionValues: string[]) {
  return {
    title: v.title,
    sku: v.sku,
    optionValues,
    priceCents: priceToCents(v.price),
    inventoryPolicy: v.inventoryPolicy,
    waitingLimit: v.waitingLimit,
    shipDateSource: v.shipDateSource === 'none' ? null : v.shipDateSource,
    fixedShipDate: v.fixedShipDate,
    leadTimeDays: v.leadTimeDays,
    releaseDate: v.releaseDate,
    lowStockThreshold: v.lowStockThreshold,
    safetyStock: v.safetyStock,
  };
}

/** Adds a variant; it starts with nothing on hand (stock arrives through the inventory ledger). */
export async function createVariant(input: NewVariantInput, database: Database = appDb): Promise<AdminResult<{ id: string }>> {
  const parsed = parse(newVariantInput, input);
  if (!parsed.ok) return parsed;
  const { productId, ...v } = parsed.data;
  return orDuplicate(() =>
    database.transaction(async (tx): Promise<AdminResult<{ id: string }>> => {
      // Locking the product serialises variant creation, so positions do not collide.
      const [product] = await tx
        .select({ id: products.id, slug: products.slug, optionNames: products.optionNames })
        .from(products)
        .where(eq(products.id, productId))
        .for('update');
      if (!product) return fail('unknown_product', UNKNOWN_PRODUCT);
      const options = await checkOptions(tx, product, v, null);
      if (!options.ok) return options;
      const [last] = await tx
        .select({ position: sql<number | null>`max(${variants.position})` })
        .from(variants)
        .where(eq(variants.productId, productId));
      const [created] = await tx
        .insert(variants)
        .values({ ...variantColumns(v, options.optionValues), productId, position: (last?.position ?? -1) + 1 })
        .returning({ id: variants.id });
      await invalidateProducts(tx, [product.slug]);
      return { ok: true, id: created!.id };
    }),
  );
}

/** Changes a variant's details and selling rules; never its stock counts. */
export async function updateVariant(input: VariantUpdateInput, database: Database = appDb): Promise<AdminResult> {
  const parsed = parse(variantUpdateInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.data;
  return orDuplicate(() =>
    database.transaction(async (tx): Promise<AdminResult> => {
      const [row] = await tx
        .select({ productId: products.id, slug: products.slug, optionNames: products.optionNames })
        .from(variants)
        .innerJoin(products, eq(products.id, variants.productId))
        .where(eq(variants.id, v.id))
        .for('update', { of: products });
      if (!row) return fail('unknown_variant', UNKNOWN_VARIANT);
      const options = await checkOptions(tx, { id: row.productId, optionNames: row.optionNames }, v, v.id);
      if (!options.ok) return options;
      await tx
        .update(variants)
        .set({ ...variantColumns(v, options.optionValues), updatedAt: sql`now()` })
        .where(eq(variants.id, v.id));
      // A new lead time or date re-dates the orders waiting for this variant (and tells their shoppers of a delay).
      await recomputeWaitingDates(tx, [v.id]);
      await invalidateProducts(tx, [row.slug]);
      await notifyRestocks(tx, [row.slug]);
      return { ok: true };
    }),
  );
}

/** Stops selling a variant; it stays for the ledger and orders, and can be unarchived. */
export function archiveVariant(input: { id: string }, database: Database = appDb): Promise<AdminResult<{ changed: boolean }>> {
  return setVariantArchived(input, true, database);
}

export function unarchiveVariant(input: { id: string }, database: Database = appDb): Promise<AdminResult<{ changed: boolean }>> {
  return setVariantArchived(input, false, database);
}

async function setVariantArchived(input: { id: string }, archive: boolean, database: Database): Promise<AdminResult<{ changed: boolean }>> {
  const parsed = parse(variantIdInput, input);
  if (!parsed.ok) return parsed;
  const { id } = parsed.data;
  return database.transaction(async (tx): Promise<AdminResult<{ changed: boolean }>> => {
    const [row] = await tx
      .select({
        productId: products.id,
        slug: products.slug,
        optionNames: products.optionNames,
        optionValues: variants.optionValues,
        archivedAt: variants.archivedAt,
      })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .where(eq(variants.id, id))
      .for('update', { of: products });
    if (!row) return fail('unknown_variant', UNKNOWN_VARIANT);
    if ((row.archivedAt !== null) === archive) return { ok: true, changed: false };
    if (!archive) {
      // Back on sale only if no live variant took its options meanwhile.
      const [option0 = '', option1 = '', option2 = ''] = row.optionValues;
      const options = await checkOptions(tx, { id: row.productId, optionNames: row.optionNames }, { option0, option1, option2 }, id);
      if (!options.ok) return fail('conflict', options.fieldErrors?.option0?.[0] ?? options.error);
    }
    await tx
      .update(variants)
      .set({ archivedAt: archive ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(variants.id, id));
    await invalidateProducts(tx, [row.slug]);
    await notifyRestocks(tx, [row.slug]);
    return { ok: true, changed: true };
  });
}
