import type { StockMovementKind } from '@/db/schema';

export const MOVEMENT_KIND_LABELS: Record<StockMovementKind, string> = {
  opening: 'Opening stock',
  received: 'Received',
  sold: 'Sold elsewhere',
  returned: 'Returned',
  damaged: 'Damaged or lost',
  count: 'Stock count correction',
  other: 'Other',
  shipped: 'Shipped to a customer',
};

/** Reasons a person can pick for an adjustment (opening stock is written by the seed only). */
export const ADJUSTMENT_KINDS = ['received', 'sold', 'returned', 'damaged', 'count', 'other'] as const satisfies readonly StockMovementKind[];
