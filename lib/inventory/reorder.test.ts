import { describe, expect, it } from 'vitest';
import { daysOfCover, reorderPoint } from './reorder';

describe('reorder point', () => {
  it('is demand over the lead time plus safety stock, rounded up', () => {
    expect(reorderPoint({ dailyDemand: 2, leadTimeDays: 10, safetyStock: 5 })).toBe(25);
    expect(reorderPoint({ dailyDemand: 0.3, leadTimeDays: 10, safetyStock: 0 })).toBe(3);
  });
  it('is the safety stock alone without demand or lead time', () => {
    expect(reorderPoint({ dailyDemand: 0, leadTimeDays: 14, safetyStock: 4 })).toBe(4);
    expect(reorderPoint({ dailyDemand: 3, leadTimeDays: null, safetyStock: 4 })).toBe(4);
  });
});

describe('days of cover', () => {
  it('is sellable units divided by daily demand, in whole days', () => {
    expect(daysOfCover(30, 2)).toBe(15);
    expect(daysOfCover(5, 2)).toBe(2);
    expect(daysOfCover(0, 2)).toBe(0);
  });
  it('is unknown when nothing sells', () => {
    expect(daysOfCover(30, 0)).toBeNull();
  });
});
