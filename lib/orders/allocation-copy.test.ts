import { describe, expect, it } from 'vitest';
import { allocationText } from './allocation-copy';

describe('allocationText', () => {
  it('says how many units went to waiting orders and what became ready', () => {
    expect(allocationText({ units: 0, lines: 0, readyShipments: 0 })).toBeNull();
    expect(allocationText({ units: 1, lines: 1, readyShipments: 0 })).toBe('1 unit went to 1 waiting order.');
    expect(allocationText({ units: 3, lines: 2, readyShipments: 1 })).toBe('3 units went to 2 waiting orders; 1 shipment is ready to ship.');
    expect(allocationText({ units: 10000, lines: 10000, readyShipments: 10000 })).toBe(
      '10,000 units went to 10,000 waiting orders; 10,000 shipments are ready to ship.',
    );
  });
});
