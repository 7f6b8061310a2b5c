import { addDays, todayUtc } from '@/lib/catalog/dates';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { MAX_REASON_LENGTH } from '@/lib/inventory/adjustment-input';
import {
  DATE_IN_PAST,
  looksLikePurchaseOrderNumber,
  MAX_FORM_ROWS,
  MAX_PURCHASE_ORDER_LINES,
  MAX_SUPPLIER_LENGTH,
  moveDateInput,
  newPurchaseOrderInput,
  NO_LINES,
  parsePurchaseOrderFilters,
  parsePurchaseOrderNumber,
  purchaseOrderFieldErrors,
  purchaseOrderNumberIn,
  purchaseOrderFormValues,
  receiptInput,
  receiptReason,
  receiveLineForm,
  SKU_ALREADY_ON_ORDER,
  TOO_MANY_LINES,
} from './purchase-order-input';

const TODAY = '2030-06-15';
const schema = newPurchaseOrderInput(TODAY);
const valid = { supplier: 'Acme Supply', expectedDate: '2030-06-20', lines: [{ sku: 'ABC-1', quantity: 3 }] };

function errorsOf(input: unknown, s: z.ZodType = schema) {
  const result = s.safeParse(input);
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return purchaseOrderFieldErrors(result.error);
}

describe('newPurchaseOrderInput', () => {
  it('accepts a supplier, a date today or later and lines, upper-casing and trimming the SKUs', () => {
    expect(schema.parse({ supplier: '  Acme Supply ', expectedDate: TODAY, lines: [{ sku: ' abc-1 ', quantity: '12' }] })).toEqual({
      supplier: 'Acme Supply',
      expectedDate: TODAY,
      lines: [{ row: 0, sku: 'ABC-1', quantity: 12 }],
    });
  });

  it('skips empty rows but keeps each line’s row, so errors point at the row typed in', () => {
    const parsed = schema.parse({ ...valid, lines: [{ sku: '', quantity: '' }, {}, { sku: 'X-2', quantity: '1' }, { sku: '  ', quantity: ' ' }] });
    expect(parsed.lines).toEqual([{ row: 2, sku: 'X-2', quantity: 1 }]);
    expect(
      errorsOf({
        ...valid,
        lines: [
          { sku: '', quantity: '' },
          { sku: 'X-2', quantity: '0' },
        ],
      }),
    ).toEqual({
      'lines.1.quantity': ['Enter a whole number from 1 to 1,000,000.'],
    });
  });

  it('needs at least one line', () => {
    expect(errorsOf({ ...valid, lines: [] })).toEqual({ lines: [NO_LINES] });
    expect(errorsOf({ ...valid, lines: [{ sku: '', quantity: '' }] })).toEqual({ lines: [NO_LINES] });
    expect(errorsOf({ supplier: 'Acme', expectedDate: TODAY })).toEqual({ lines: [NO_LINES] });
  });

  it('refuses a half-filled row on the field that is missing', () => {
    expect(errorsOf({ ...valid, lines: [{ sku: 'ABC-1', quantity: '' }] })).toEqual({ 'lines.0.quantity': ['Enter a whole number from 1 to 1,000,000.'] });
    expect(errorsOf({ ...valid, lines: [{ sku: '', quantity: '4' }] })).toEqual({ 'lines.0.sku': ['Enter a SKU.'] });
  });

  it('refuses quantities that are not whole numbers from 1 to 1,000,000', () => {
    for (const quantity of ['0', '-1', '1.5', '1e3', '0x10', 'twelve', '1000001', '99999999999999999999', 0, -3, 2.5, Number.NaN]) {
      expect(errorsOf({ ...valid, lines: [{ sku: 'ABC-1', quantity }] }), String(quantity)).toHaveProperty(['lines.0.quantity']);
    }
    expect(schema.parse({ ...valid, lines: [{ sku: 'ABC-1', quantity: '1000000' }] }).lines[0]!.quantity).toBe(1_000_000);
  });

  it('refuses the same SKU twice, in any case, on the later row', () => {
    expect(
      errorsOf({
        ...valid,
        lines: [
          { sku: 'abc-1', quantity: 1 },
          { sku: '', quantity: '' },
          { sku: 'ABC-1', quantity: 2 },
        ],
      }),
    ).toEqual({
      'lines.2.sku': [SKU_ALREADY_ON_ORDER],
    });
    // Even when the first has a bad quantity: both are reported at once.
    expect(
      errorsOf({
        ...valid,
        lines: [
          { sku: 'ABC-1', quantity: 0 },
          { sku: 'abc-1', quantity: 2 },
        ],
      }),
    ).toEqual({
      'lines.0.quantity': ['Enter a whole number from 1 to 1,000,000.'],
      'lines.1.sku': [SKU_ALREADY_ON_ORDER],
    });
  });

  it('refuses SKUs that are too long or hold control characters', () => {
    expect(errorsOf({ ...valid, lines: [{ sku: 'X'.repeat(65), quantity: 1 }] })).toEqual({ 'lines.0.sku': ['Keep the SKU under 64 characters.'] });
    expect(errorsOf({ ...valid, lines: [{ sku: 'A\u0000B', quantity: 1 }] })).toHaveProperty(['lines.0.sku']);
  });

  it('takes at most 50 lines', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 }));
    expect(schema.parse({ ...valid, lines: lines(MAX_PURCHASE_ORDER_LINES) }).lines).toHaveLength(MAX_PURCHASE_ORDER_LINES);
    expect(errorsOf({ ...valid, lines: lines(MAX_PURCHASE_ORDER_LINES + 1) })).toEqual({ lines: [TOO_MANY_LINES] });
    expect(errorsOf({ ...valid, lines: Array.from({ length: MAX_FORM_ROWS + 1 }, () => ({})) })).toEqual({ lines: [TOO_MANY_LINES] });
  });

  it('refuses rows and lists of the wrong shape', () => {
    expect(errorsOf({ ...valid, lines: ['ABC-1'] })).toEqual({ 'lines.0': ['Enter a SKU and a quantity.'] });
    expect(errorsOf({ ...valid, lines: 'ABC-1' })).toEqual({ lines: [NO_LINES] });
    expect(errorsOf({ ...valid, lines: [{ sku: ['ABC-1'], quantity: 1 }] })).toHaveProperty(['lines.0.sku']);
  });

  it('needs a supplier of 1 to 200 characters', () => {
    expect(errorsOf({ ...valid, supplier: '   ' })).toEqual({ supplier: ['Enter the supplier.'] });
    expect(errorsOf({ ...valid, supplier: undefined })).toEqual({ supplier: ['Enter the supplier.'] });
    expect(errorsOf({ ...valid, supplier: 'x'.repeat(201) })).toEqual({ supplier: ['Keep the supplier under 200 characters.'] });
    expect(schema.parse({ ...valid, supplier: 'x'.repeat(200) }).supplier).toHaveLength(200);
  });

  it('needs a real calendar date, today or later', () => {
    expect(schema.parse({ ...valid, expectedDate: TODAY }).expectedDate).toBe(TODAY);
    expect(errorsOf({ ...valid, expectedDate: '2030-06-14' })).toEqual({ expectedDate: [DATE_IN_PAST] });
    for (const expectedDate of ['2030-02-30', '2030-13-01', 'tomorrow', '', '15/06/2030', undefined, 20300615]) {
      expect(errorsOf({ ...valid, expectedDate }), String(expectedDate)).toEqual({ expectedDate: ['Enter a date, like 2026-03-14.'] });
    }
  });

  it('reads today when it parses, not when the schema was made', () => {
    expect(newPurchaseOrderInput().safeParse({ ...valid, expectedDate: '2000-01-01' }).success).toBe(false);
    expect(newPurchaseOrderInput().safeParse({ ...valid, expectedDate: addDays(todayUtc(), 30) }).success).toBe(true);
  });
});

describe('purchaseOrderFormValues', () => {
  it('turns the form’s flat fields into rows, by their index, ignoring anything else', () => {
    expect(
      purchaseOrderFormValues({
        supplier: 'Acme',
        expectedDate: TODAY,
        'lines.0.sku': 'A',
        'lines.0.quantity': '1',
        'lines.2.sku': 'B',
        'lines.2.quantity': '2',
        'lines.1.colour': 'red',
        'lines.x.sku': 'C',
        [`lines.${MAX_FORM_ROWS}.sku`]: 'far away',
        other: 'x',
      }),
    ).toEqual({
      supplier: 'Acme',
      expectedDate: TODAY,
      lines: [{ sku: 'A', quantity: '1' }, {}, { sku: 'B', quantity: '2' }],
    });
  });

  it('feeds the schema: the second row’s error is keyed by the second row', () => {
    const fields = { supplier: 'Acme', expectedDate: TODAY, 'lines.0.sku': 'A', 'lines.0.quantity': '1', 'lines.1.sku': 'a', 'lines.1.quantity': '5' };
    expect(errorsOf(purchaseOrderFormValues(fields))).toEqual({ 'lines.1.sku': [SKU_ALREADY_ON_ORDER] });
  });
});

describe('moving, receiving and reading', () => {
  it('moves to a date today or later only, and needs a purchase order number', () => {
    const move = moveDateInput(TODAY);
    expect(move.parse({ number: '12', expectedDate: '2030-07-01' })).toEqual({ number: 12, expectedDate: '2030-07-01' });
    expect(errorsOf({ number: 12, expectedDate: '2030-06-01' }, move)).toEqual({ expectedDate: [DATE_IN_PAST] });
    expect(errorsOf({ number: '0', expectedDate: TODAY }, move)).toEqual({ number: ['Choose a purchase order.'] });
    expect(errorsOf({ number: '2147483648', expectedDate: TODAY }, move)).toEqual({ number: ['Choose a purchase order.'] });
  });

  it('receives 1 to 1,000,000 units of a line given by its id', () => {
    const lineId = '9b2f3c1e-6a0d-4c55-9a59-1f0f3c6a2b7d';
    expect(receiveLineForm.parse({ number: '3', lineId, quantity: '2' })).toEqual({ number: 3, lineId, quantity: 2 });
    expect(errorsOf({ number: '3', lineId: 'nope', quantity: '2' }, receiveLineForm)).toEqual({ lineId: ['Choose a line of this purchase order.'] });
    expect(errorsOf({ number: '3', lineId, quantity: '0' }, receiveLineForm)).toHaveProperty(['quantity']);
    expect(errorsOf({ number: 3, lines: [] }, receiptInput)).toEqual({ lines: ['Say what arrived.'] });
    expect(errorsOf({ number: 3, lines: [{ lineId, quantity: 1_000_001 }] }, receiptInput)).toHaveProperty(['lines.0.quantity']);
  });

  it('reads purchase order numbers from URLs, refusing anything that cannot be one', () => {
    expect(parsePurchaseOrderNumber('12')).toBe(12);
    expect(parsePurchaseOrderNumber(7)).toBe(7);
    for (const text of ['0', '-1', '1.5', 'abc', '', '2147483648', '99999999999', '1e3']) expect(parsePurchaseOrderNumber(text), text).toBeNull();
    expect(parsePurchaseOrderNumber(1.5)).toBeNull();
  });

  it('reads the list’s filters from the query string, falling back to none', () => {
    expect(parsePurchaseOrderFilters({})).toEqual({ page: 1, status: undefined });
    expect(parsePurchaseOrderFilters({ status: 'partly_received', page: '3' })).toEqual({ page: 3, status: 'partly_received' });
    expect(parsePurchaseOrderFilters({ status: 'bogus', page: 'junk' })).toEqual({ page: 1, status: undefined });
    expect(parsePurchaseOrderFilters({ status: ['received', 'open'], page: '999999999' })).toEqual({ page: 1, status: 'received' });
    expect(parsePurchaseOrderFilters({ q: '  Lodge  ' })).toEqual({ page: 1, q: 'Lodge', status: undefined });
    expect(parsePurchaseOrderFilters({ q: '   ' }).q).toBeUndefined();
    expect(parsePurchaseOrderFilters({ q: ['first', 'second'] }).q).toBe('first');
    expect(parsePurchaseOrderFilters({ q: 'x'.repeat(500) }).q).toHaveLength(MAX_SUPPLIER_LENGTH);
  });

  it('reads a purchase order number in a search the ways staff write it', () => {
    for (const text of ['12', '#12', 'PO 12', 'po12', ' PO #12 ']) expect(purchaseOrderNumberIn(text), text).toBe(12);
    for (const text of ['PO', 'PO 1.5', 'Lodge 12', '12 Lodge', '0', '99999999999']) expect(purchaseOrderNumberIn(text), text).toBeNull();
    expect(looksLikePurchaseOrderNumber('PO 99999999999')).toBe(true);
    expect(looksLikePurchaseOrderNumber('Lodge 12')).toBe(false);
  });
});

describe('receiptReason', () => {
  it('names the purchase order and supplier, cut to fit the ledger', () => {
    expect(receiptReason(12, 'Acme')).toBe('Received: PO 12 from Acme');
    const long = receiptReason(2_147_483_647, 'S'.repeat(200));
    expect(long).toHaveLength(MAX_REASON_LENGTH);
    expect(long.startsWith('Received: PO 2147483647 from SSS')).toBe(true);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('expected arrival', () => {
  it('refuses a date more than three years ahead', async () => {
    const { expectedDateInput, DATE_TOO_FAR } = await import('./purchase-order-input');
    const today = '2026-12-02';
    expect(expectedDateInput(today).safeParse('2029-12-01').success).toBe(true);
    const far = expectedDateInput(today).safeParse('9999-12-30');
    expect(far.success).toBe(false);
    expect(far.error?.issues.map((i) => i.message)).toContain(DATE_TOO_FAR);
  });
});
