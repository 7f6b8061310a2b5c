import { describe, expect, it } from 'vitest';
import { refundForm } from './refund-shipment';

const SHIPMENT = '3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b';
const LINE_A = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const LINE_B = 'b1c2d3e4-f5a6-4b7c-9d8e-0f1a2b3c4d5e';

describe('refundForm (the admin\'s "Refund" form)', () => {
  it('reads the units typed per line, leaving out blanks and zeros', () => {
    expect(refundForm.parse({ shipmentId: SHIPMENT, scope: 'selected', [`refund.${LINE_A}`]: '2', [`refund.${LINE_B}`]: '0' })).toEqual({
      shipmentId: SHIPMENT,
      whole: false,
      lines: [{ orderLineId: LINE_A, quantity: 2 }],
    });
    expect(refundForm.parse({ shipmentId: SHIPMENT, [`refund.${LINE_A}`]: ' ', [`refund.${LINE_B}`]: ' 1 ' })).toEqual({
      shipmentId: SHIPMENT,
      whole: false,
      lines: [{ orderLineId: LINE_B, quantity: 1 }],
    });
  });

  it('takes the whole shipment without the counts', () => {
    expect(refundForm.parse({ shipmentId: SHIPMENT, scope: 'whole', [`refund.${LINE_A}`]: 'junk' })).toEqual({ shipmentId: SHIPMENT, whole: true, lines: [] });
  });

  it('puts a bad count on its own field', () => {
    for (const value of ['-1', '1.5', '1e3', 'two', '10001']) {
      const parsed = refundForm.safeParse({ shipmentId: SHIPMENT, [`refund.${LINE_A}`]: value });
      expect(parsed.success, value).toBe(false);
      expect(
        parsed.error!.issues.map((i) => [i.path, i.message]),
        value,
      ).toEqual([[[`refund.${LINE_A}`], 'Enter a whole number of units, 0 or more.']]);
    }
  });

  it('ignores fields that are not a line (and ids not written the way Postgres writes them)', () => {
    expect(refundForm.parse({ shipmentId: SHIPMENT, other: '3', [`refund.${LINE_A.toUpperCase()}`]: '1', 'refund.1': '1' })).toEqual({
      shipmentId: SHIPMENT,
      whole: false,
      lines: [],
    });
  });

  it('refuses what refundShipment would: an unknown scope, a shipment id that is not one', () => {
    expect(refundForm.safeParse({ shipmentId: SHIPMENT, scope: 'everything' }).success).toBe(false);
    expect(refundForm.safeParse({ shipmentId: 'nope' }).error!.issues[0]!.message).toBe('That shipment does not exist.');
    expect(refundForm.safeParse({}).success).toBe(false);
  });
});
