import 'server-only';
import type { Database } from '@/db/client';
import { lineTitle } from '@/lib/catalog/line-title';
import { readInventory, type InventoryRow } from './inventory-report';

export interface DemandBar {
  variantId: string;
  label: string;
  sku: string;
  committed: number;
  waiting: number;
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
export async function readDashboard(database?: Database): Promise<Dashboard> {
  const rows = await readInventory(database);
  const mostWanted = rows
    .filter((r) => r.committed + r.waiting > 0)
    .sort((a, b) => b.committed + b.waiting - (a.committed + a.waiting))
    .slice(0, 10)
    .map((r) => ({ variantId: r.variantId, label: label(r), sku: r.sku, committed: r.committed, waiting: r.waiting }));
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
