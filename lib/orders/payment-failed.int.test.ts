import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { PaymentFailedSection } from '@/components/admin/dashboard/payment-failed';
import { orders, shipments } from '@/db/schema';
import { testConnection } from '@/test/database';
import { paymentFailedShipments } from './payment-failed';
import { createTestVariant, placeTestOrder, SHIPPING_CENTS } from './testing/fixtures';

const { sql: pool, db } = testConnection();
afterAll(() => pool.end());

describe('paymentFailedShipments', () => {
  it('lists shipments whose charge failed, oldest failure first, with the customer, amount and reason', async () => {
    const v = await createTestVariant(db, { onHand: 10, priceCents: 2000 });
    const place = async (email: string) => {
      const order = await placeTestOrder(db, [{ variantId: v.variantId, quantity: 1 }], { contact: { email } });
      const [row] = await db.select({ number: orders.number }).from(orders).where(eq(orders.id, order.id));
      return { id: order.id, number: row!.number };
    };
    // Failed long ago, so they come before whatever other suites left failed in this database.
    const older = await place('failed-older@example.test');
    const newer = await place('failed-newer@example.test');
    const fine = await place('failed-not@example.test');
    const fail = (orderId: string, failureCode: string, at: string) =>
      db
        .update(shipments)
        .set({ status: 'payment_failed', chargeAttempt: 1, failureCode, updatedAt: new Date(at) })
        .where(eq(shipments.orderId, orderId));
    await fail(newer.id, 'authentication_required', '2001-01-02T00:00:00Z');
    await fail(older.id, 'card_declined', '2001-01-01T00:00:00Z');

    const rows = await paymentFailedShipments(db);
    const ours = rows.filter((r) => [older.number, newer.number, fine.number].includes(r.orderNumber));
    expect(ours).toEqual([
      {
        shipmentId: expect.any(String),
        orderNumber: older.number,
        sequence: 1,
        fullName: expect.any(String),
        email: 'failed-older@example.test',
        amountCents: 2000 + SHIPPING_CENTS,
        currency: 'USD',
        failureCode: 'card_declined',
        failedAt: new Date('2001-01-01T00:00:00Z'),
      },
      expect.objectContaining({ orderNumber: newer.number, failureCode: 'authentication_required' }),
    ]);
    expect(rows.slice(0, 2).map((r) => r.orderNumber)).toEqual([older.number, newer.number]);

    const html = renderToStaticMarkup(createElement(PaymentFailedSection, { rows: ours }));
    expect(html).toContain('>Payment failed</h2>');
    expect(html).toContain(`href="/admin/orders/${older.number}"`);
    expect(html).toContain('failed-older@example.test');
    expect(html).toContain('card declined');
    expect(html).toContain('authentication required');
    expect(html).toContain('$25.00');
    expect(html).toContain('href="/admin/orders?status=payment_failed"');
  });
});
