import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { products, variants } from '@/db/schema';
import type { InventoryPolicy } from './availability';
import { centsToPrice, type ShipDateSourceChoice } from './admin-product-input';

/** Reads for the admin's product pages: only what those pages show, never whole rows. */

export type ProductStatus = 'published' | 'draft' | 'archived';

export interface AdminProductRow {
  id: string;
  title: string;
  slug: string;
  status: ProductStatus;
  /** Variants on sale (not archived). */
  variantCount: number;
  minPriceCents: number | null;
  maxPriceCents: number | null;
  currency: string;
}

export interface AdminVariantRow {
  id: string;
  title: string;
  sku: string;
  optionValues: string[];
  priceCents: number;
  currency: string;
  inventoryPolicy: InventoryPolicy;
  onHand: number;
  archived: boolean;
}

export interface AdminProduct {
  id: string;
  title: string;
  slug: string;
  description: string;
  imagePath: string | null;
  imageAlt: string;
  optionNames: string[];
  featured: boolean;
  published: boolean;
  status: ProductStatus;
  /** Changes whenever the product is saved; forms use it to show the saved values. */
  version: string;
  variants: AdminVariantRow[];
}

/** A variant as its form shows it: prices as typed ("24.00"), empty fields as ''. */
export interface AdminVariantForm {
  id: string;
  productId: string;
  title: string;
  sku: string;
  optionValues: string[];
  price: string;
  inventoryPolicy: InventoryPolicy;
  waitingLimit: string;
  shipDateSource: ShipDateSourceChoice;
  fixedShipDate: string;
  leadTimeDays: string;
  releaseDate: string;
  lowStockThreshold: string;
  safetyStock: string;
  onHand: number;
  committed: number;
  waiting: number;
  archived: boolean;
  version: string;
}

const uuid = z.uuid();

function statusOf(p: { archivedAt: Date | null; published: boolean }): ProductStatus {
  if (p.archivedAt) return 'archived';
  return p.published ? 'published' : 'draft';
}

/** Every product, archived last, with its live variant count and price range. */
export async function listAdminProducts(database: Database = appDb): Promise<AdminProductRow[]> {
  const rows = await database
    .select({
      id: products.id,
      title: products.title,
      slug: products.slug,
      published: products.published,
      archivedAt: products.archivedAt,
      variantCount: sql<number>`count(${variants.id})::int`,
      minPriceCents: sql<number | null>`min(${variants.priceCents})`,
      maxPriceCents: sql<number | null>`max(${variants.priceCents})`,
      currency: sql<string | null>`min(${variants.currency})`,
    })
    .from(products)
    .leftJoin(variants, and(eq(variants.productId, products.id), isNull(variants.archivedAt)))
    .groupBy(products.id)
    .orderBy(sql`${products.archivedAt} is not null`, asc(products.title));
  return rows.map(({ published, archivedAt, currency, ...r }) => ({
    ...r,
    status: statusOf({ published, archivedAt }),
    currency: currency ?? 'USD',
  }));
}

export async function getAdminProduct(id: string, database: Database = appDb): Promise<AdminProduct | null> {
  if (!uuid.safeParse(id).success) return null;
  const [product] = await database
    .select({
      id: products.id,
      title: products.title,
      slug: products.slug,
      description: products.description,
      imagePath: products.imagePath,
      imageAlt: products.imageAlt,
      optionNames: products.optionNames,
      featured: products.featured,
      published: products.published,
      archivedAt: products.archivedAt,
      updatedAt: products.updatedAt,
    })
    .from(products)
    .where(eq(products.id, id));
  if (!product) return null;
  const rows = await database
    .select({
      id: variants.id,
      title: variants.title,
      sku: variants.sku,
      optionValues: variants.optionValues,
      priceCents: variants.priceCents,
      currency: variants.currency,
      inventoryPolicy: variants.inventoryPolicy,
      onHand: variants.onHand,
      archivedAt: variants.archivedAt,
    })
    .from(variants)
    .where(eq(variants.productId, id))
    .orderBy(sql`${variants.archivedAt} is not null`, asc(variants.position));
  return {
    id: product.id,
    title: product.title,
    slug: product.slug,
    description: product.description,
    imagePath: product.imagePath,
    imageAlt: product.imageAlt,
    optionNames: product.optionNames,
    featured: product.featured,
    published: product.published,
    status: statusOf(product),
    version: product.updatedAt.toISOString(),
    variants: rows.map(({ archivedAt, ...v }) => ({ ...v, archived: archivedAt !== null })),
  };
}

const blank = (n: number | null): string => (n === null ? '' : String(n));

/** One variant of one product, for its edit form; null if it is not that product's. */
export async function getAdminVariant(productId: string, variantId: string, database: Database = appDb): Promise<AdminVariantForm | null> {
  if (!uuid.safeParse(productId).success || !uuid.safeParse(variantId).success) return null;
  const [v] = await database
    .select()
    .from(variants)
    .where(and(eq(variants.id, variantId), eq(variants.productId, productId)));
  if (!v) return null;
  return {
    id: v.id,
    productId: v.productId,
    title: v.title,
    sku: v.sku,
    optionValues: v.optionValues,
    price: centsToPrice(v.priceCents),
    inventoryPolicy: v.inventoryPolicy,
    waitingLimit: blank(v.waitingLimit),
    shipDateSource: v.shipDateSource ?? 'none',
    fixedShipDate: v.fixedShipDate ?? '',
    leadTimeDays: blank(v.leadTimeDays),
    releaseDate: v.releaseDate ?? '',
    lowStockThreshold: String(v.lowStockThreshold),
    safetyStock: String(v.safetyStock),
    onHand: v.onHand,
    committed: v.committed,
    waiting: v.waiting,
    archived: v.archivedAt !== null,
    version: v.updatedAt.toISOString(),
  };
}
