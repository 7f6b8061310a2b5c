import type { InventoryRow } from './inventory-report';

export const INVENTORY_SORTS = {
  product: { label: 'Product', value: (r: InventoryRow) => `${r.productTitle} ${r.variantTitle}` },
  onHand: { label: 'On hand', value: (r: InventoryRow) => r.onHand },
  committed: { label: 'Committed', value: (r: InventoryRow) => r.committed },
  waiting: { label: 'Waiting', value: (r: InventoryRow) => r.waiting },
  sellable: { label: 'Sellable', value: (r: InventoryRow) => r.sellable },
  demand: { label: 'Sold per day', value: (r: InventoryRow) => r.dailyDemand },
  cover: { label: 'Days of cover', value: (r: InventoryRow) => r.daysOfCover ?? Number.POSITIVE_INFINITY },
  reorderPoint: { label: 'Reorder point', value: (r: InventoryRow) => r.reorderPoint },
} as const;

export type InventorySort = keyof typeof INVENTORY_SORTS;
export type SortDirection = 'asc' | 'desc';

export function parseSort(sort: unknown, dir: unknown): { sort: InventorySort; dir: SortDirection } {
  const key = typeof sort === 'string' && sort in INVENTORY_SORTS ? (sort as InventorySort) : 'product';
  return { sort: key, dir: dir === 'desc' ? 'desc' : 'asc' };
}

export function sortInventory(rows: readonly InventoryRow[], sort: InventorySort, dir: SortDirection): InventoryRow[] {
  const value = INVENTORY_SORTS[sort].value;
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return (x < y ? -1 : x > y ? 1 : 0) * sign;
  });
}
