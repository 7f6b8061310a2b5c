import type { StockPosition } from '@/lib/catalog/availability';

/** A stock position for tests: nothing on hand, deny policy, no dates; override what matters. */
export function stock(overrides: Partial<StockPosition> = {}): StockPosition {
  return {
    onHand: 0,
    committed: 0,
    waiting: 0,
    policy: 'deny',
    waitingLimit: null,
    shipDate: null,
    releaseDate: null,
    lowStockThreshold: 0,
    ...overrides,
  };
}
