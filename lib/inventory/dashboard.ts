import 'server-only';
import { db as appDb, type Database } from '@/db/client';
import { lineTitle } from '@/lib/catalog/line-title';
import { waitingSignups } from './demand';
import { readInventory, type InventoryRow } from './inventory-report';

export interface DemandBar {
  variantId: string;
  label: string;
  sku: string;
  committed: number;
  waiting: number;
  /** Shoppers waiting for a back-in-stock email (not units: one signup asks for the variant once). */
  signups: number;
}

export interface StockAlert {
  variantId: string;
  label: string;
  sku: string;
  sellable: number;
  reorderPoint: number;
  lowStock: boolean;
  needsReorder: boolean;
}

export interface Dashboard {
  mostWanted: DemandBar[];
  alerts: StockAlert[];
}

const label = (r: InventoryRow) => lineTitle(r.productTitle, r.variantTitle);

/** What the dashboard shows, from what the data holds today. */
export async function readDashboard(database: Database = appDb): Promise<Dashboard> {
  const rows = await readInventory(database);
  const signups = await waitingSignups(
    rows.map((r) => r.variantId),
    database,
  );
  // A signup counts as one unit asked for, so a sold-out variant nobody could order but many
  // asked about ranks among the variants with orders: what shoppers ask for is a market signal.
  const wanted = (b: DemandBar) => b.committed + b.waiting + b.signups;
  const mostWanted = rows
    .map((r) => ({ variantId: r.variantId, label: label(r), sku: r.sku, committed: r.committed, waiting: r.waiting, signups: signups.get(r.variantId) ?? 0 }))
    .filter((b) => wanted(b) > 0)
    .sort((a, b) => wanted(b) - wanted(a) || b.committed + b.waiting - (a.committed + a.waiting))
    .slice(0, 10);
  const alerts = rows
    .filter((r) => r.lowStock || r.needsReorder)
    .sort((a, b) => Number(b.needsReorder) - Number(a.needsReorder) || a.sellable - b.sellable)
    .map((r) => ({
      variantId: r.variantId,
      label: label(r),
      sku: r.sku,
      sellable: r.sellable,
      reorderPoint: r.reorderPoint,
      lowStock: r.lowStock,
      needsReorder: r.needsReorder,
    }));
  return { mostWanted, alerts };
}
