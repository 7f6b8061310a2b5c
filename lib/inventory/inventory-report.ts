import 'server-only';
import { supplyFor } from '@/lib/purchasing/incoming';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { db as appDb, type Database } from '@/db/client';
import { products, stockMovements, variants } from '@/db/schema';
import { offerFor } from '@/lib/catalog/availability';
import { todayUtc } from '@/lib/catalog/dates';
import { stockPositionOf } from '@/lib/catalog/stock-position';
import { dailyDemand } from './demand';
import { daysOfCover, reorderPoint } from './reorder';

export interface InventoryRow {
  variantId: string;
  productId: string;
  productTitle: string;
  variantTitle: string;
  sku: string;
  onHand: number;
  committed: number;
  waiting: number;
  /** Value of the units waiting (waiting x price), in cents. */
  waitingValueCents: number;
  currency: string;
  /** Units that can ship now: on hand less committed and waiting. */
  sellable: number;
  lowStock: boolean;
  /** Average units sold per day over the last 30 days. */
  dailyDemand: number;
  /** Days the sellable stock lasts at that rate; null when nothing sold. */
  daysOfCover: number | null;
  reorderPoint: number;
  needsReorder: boolean;
  leadTimeDays: number | null;
  safetyStock: number;
}

export async function readInventory(database: Database = appDb): Promise<InventoryRow[]> {
  const today = todayUtc();
  const rows = await database
    .select({ variant: variants, productTitle: products.title })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(isNull(variants.archivedAt), isNull(products.archivedAt)))
    .orderBy(asc(products.title), asc(variants.position));
  const demand = await dailyDemand(
    rows.map((r) => r.variant.id),
    database,
  );
  const supply = await supplyFor(
    database,
    rows.map((r) => r.variant.id),
  );
  return rows.map(({ variant: v, productTitle }) => {
    const offer = offerFor(stockPositionOf(v, supply(v.id)), today);
    const perDay = demand.get(v.id) ?? 0;
    const point = reorderPoint({ dailyDemand: perDay, leadTimeDays: v.leadTimeDays, safetyStock: v.safetyStock });
    return {
      variantId: v.id,
      productId: v.productId,
      productTitle,
      variantTitle: v.title,
      sku: v.sku,
      onHand: v.onHand,
      committed: v.committed,
      waiting: v.waiting,
      waitingValueCents: v.waiting * v.priceCents,
      currency: v.currency,
      sellable: offer.shipNow,
      lowStock: offer.lowStock,
      dailyDemand: perDay,
      daysOfCover: daysOfCover(offer.shipNow, perDay),
      reorderPoint: point,
      needsReorder: offer.shipNow < point,
      leadTimeDays: v.leadTimeDays,
      safetyStock: v.safetyStock,
    };
  });
}

export interface LedgerEntry {
  id: number;
  change: number;
  onHandAfter: number;
  reason: string;
  actor: string;
  createdAt: Date;
}

export interface VariantStock {
  variantId: string;
  productId: string;
  productTitle: string;
  variantTitle: string;
  sku: string;
  onHand: number;
  committed: number;
  waiting: number;
  ledger: LedgerEntry[];
}

export async function readVariantStock(variantId: string, database: Database = appDb): Promise<VariantStock | null> {
  const [row] = await database
    .select({ variant: variants, productTitle: products.title })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(variants.id, variantId));
  if (!row) return null;
  const ledger = await database
    .select({
      id: stockMovements.id,
      change: stockMovements.change,
      onHandAfter: stockMovements.onHandAfter,
      reason: stockMovements.reason,
      actor: stockMovements.actor,
      createdAt: stockMovements.createdAt,
    })
    .from(stockMovements)
    .where(eq(stockMovements.variantId, variantId))
    .orderBy(desc(stockMovements.id))
    .limit(200);
  const v = row.variant;
  return {
    variantId: v.id,
    productId: v.productId,
    productTitle: row.productTitle,
    variantTitle: v.title,
    sku: v.sku,
    onHand: v.onHand,
    committed: v.committed,
    waiting: v.waiting,
    ledger,
  };
}
