import { describe, expect, it } from 'vitest';
import type { InventoryRow } from './inventory-report';
import { parseSort, sortInventory } from './inventory-sort';

const row = (productTitle: string, sellable: number, daysOfCover: number | null): InventoryRow =>
  ({ productTitle, variantTitle: 'Default', sellable, daysOfCover }) as InventoryRow;

describe('inventory sorting', () => {
  const rows = [row('Mug', 5, 10), row('Kettle', 1, null), row('Bottle', 9, 2)];

  it('sorts by a column in either direction', () => {
    expect(sortInventory(rows, 'sellable', 'asc').map((r) => r.sellable)).toEqual([1, 5, 9]);
    expect(sortInventory(rows, 'sellable', 'desc').map((r) => r.sellable)).toEqual([9, 5, 1]);
    expect(sortInventory(rows, 'product', 'asc').map((r) => r.productTitle)).toEqual(['Bottle', 'Kettle', 'Mug']);
  });

  it('puts variants that sell nothing last when sorting by days of cover', () => {
    expect(sortInventory(rows, 'cover', 'asc').map((r) => r.productTitle)).toEqual(['Bottle', 'Mug', 'Kettle']);
  });

  it('falls back to product order for an unknown column or direction', () => {
    expect(parseSort('drop table', 'sideways')).toEqual({ sort: 'product', dir: 'asc' });
    expect(parseSort('sellable', 'desc')).toEqual({ sort: 'sellable', dir: 'desc' });
  });
});
