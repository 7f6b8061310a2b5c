import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { PackingSlipView } from '@/components/admin/orders/packing-slip';
import { orderLines, orders } from '@/db/schema';
import { cancelLine } from '@/lib/orders/cancel-lines';
import { backorderTo, CONTACT, createTestVariant, inDays, placeTestOrder, TODAY } from '@/lib/orders/testing/fixtures';
import { testConnection } from '@/test/database';
import { packingSlipFor } from './packing-slip';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

describe('packingSlipFor', () => {
  it("lists a shipment's items with SKU and quantity, the address and the shipment's place, without prices", async () => {
    const mug = await createTestVariant(db, { onHand: 5, priceCents: 2400, title: 'Slip Mug' });
    const cup = await createTestVariant(db, { onHand: 5, priceCents: 900, title: 'Slip Cup' });
    const skillet = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)), priceCents: 7800, title: 'Slip Skillet' });
    const order = await placeTestOrder(db, [
      { variantId: mug.variantId, quantity: 2 },
      { variantId: cup.variantId, quantity: 1 },
      { variantId: skillet.variantId, quantity: 1 },
    ]);
    const [row] = await db.select({ number: orders.number }).from(orders).where(eq(orders.id, order.id));
    const number = String(row!.number);

    const slip = await packingSlipFor(number, '1', db);
    expect(slip).toMatchObject({
      orderNumber: row!.number,
      sequence: 1,
      shipmentCount: 2,
      kind: 'now',
      status: 'ready_to_ship',
      address: { fullName: CONTACT.fullName, addressLine: CONTACT.addressLine, city: CONTACT.city, country: 'US' },
      lines: [
        { title: mug.title, sku: mug.sku, quantity: 2 },
        { title: cup.title, sku: cup.sku, quantity: 1 },
      ],
    });
    expect(JSON.stringify(slip)).not.toMatch(/Cents|price/i);
    expect((await packingSlipFor(number, '2', db))!.lines).toEqual([{ title: skillet.title, sku: skillet.sku, quantity: 1 }]);

    const html = renderToStaticMarkup(createElement(PackingSlipView, { slip: slip! }));
    expect(html).toContain('>Packing slip</h1>');
    expect(html).toContain(`Order ${row!.number}`);
    expect(html).toContain('Shipment 1 of 2');
    expect(html).toContain(CONTACT.addressLine);
    expect(html).toContain(mug.sku);
    expect(html).toMatch(/<button type="button"[^>]*>Print<\/button>/);
    expect(html).not.toContain('$');

    // A cancelled line is not packed; a cancelled shipment has no slip.
    const lines = await db.select({ id: orderLines.id, variantId: orderLines.variantId }).from(orderLines).where(eq(orderLines.orderId, order.id));
    const cancelled = await cancelLine(row!.number, lines.find((l) => l.variantId === cup.variantId)!.id, 'owner@example.test', { database: db, today: TODAY });
    expect(cancelled.ok).toBe(true);
    expect((await packingSlipFor(number, '1', db))!.lines).toEqual([{ title: mug.title, sku: mug.sku, quantity: 2 }]);
    const skilletCancelled = await cancelLine(row!.number, lines.find((l) => l.variantId === skillet.variantId)!.id, 'owner@example.test', {
      database: db,
      today: TODAY,
    });
    expect(skilletCancelled.ok).toBe(true);
    expect(await packingSlipFor(number, '2', db)).toBeNull();
  });

  it('finds nothing for a malformed or unknown order or shipment', async () => {
    const v = await createTestVariant(db, { onHand: 5 });
    const order = await placeTestOrder(db, [{ variantId: v.variantId, quantity: 1 }]);
    const [row] = await db.select({ number: orders.number }).from(orders).where(eq(orders.id, order.id));
    const number = String(row!.number);
    for (const sequence of ['0', '2', '-1', '1.5', 'abc', '', '99999']) expect(await packingSlipFor(number, sequence, db), sequence).toBeNull();
    for (const n of ['abc', '0', '2147483648', '']) expect(await packingSlipFor(n, '1', db), n).toBeNull();
    expect(await packingSlipFor(`#${number}`, '1', db)).not.toBeNull();
  });
});
