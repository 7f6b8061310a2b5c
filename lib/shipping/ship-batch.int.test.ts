import { randomBytes } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shipBatchItems, shipments } from '@/db/schema';
import { backorderTo, createTestVariant, inDays, placeTestOrder } from '@/lib/orders/testing/fixtures';
import { emulatorChargeCounts, emulatorClient, saveTestCard } from '@/lib/payments/emulator/testing';
import { testConnection } from '@/test/database';
import { placePaidOrder, type TestCard } from '@/test/paid-orders';
import { claimNextItem, drainShipBatches, shipBatchProgress, startShipBatch } from './ship-batch';

const { sql: pool, db } = testConnection();
const client = emulatorClient(db);
const STAFF = 'owner@example.com';
afterAll(() => pool.end());

const key = () => randomBytes(12).toString('base64url');
let good: TestCard;
let declining: TestCard;
beforeAll(async () => {
  good = await saveTestCard(db, `batch-good-${key()}@example.com`, '4242424242424242', client);
  declining = await saveTestCard(db, `batch-bad-${key()}@example.com`, '4000000000000341', client);
});

/** Orders of one in-stock unit each, paid with `card`. */
async function readyOrders(count: number, card = good) {
  const v = await createTestVariant(db, { onHand: count, priceCents: 1000 });
  const placed = [];
  for (let i = 0; i < count; i++) placed.push(await placePaidOrder(db, [{ variantId: v.variantId, quantity: 1 }], { card }));
  return placed;
}

const statusesOf = async (orderIds: string[]) =>
  (await db.select({ status: shipments.status }).from(shipments).where(inArray(shipments.orderId, orderIds))).map((s) => s.status);

describe('bulk shipping', () => {
  it('ships the ready shipments of the selected orders, records each result, and a second submit is the same batch', async () => {
    const fine = await readyOrders(3);
    const [failing] = await readyOrders(1, declining);
    const later = await createTestVariant(db, { onHand: 0, ...backorderTo(inDays(20)) });
    const waiting = await placeTestOrder(db, [{ variantId: later.variantId, quantity: 1 }]);
    const before = await emulatorChargeCounts(db, good.customerId);
    const requestKey = key();
    const numbers = [...fine, failing!, waiting].map((o) => o.number);

    const started = await startShipBatch({ requestKey, orderNumbers: numbers }, STAFF, db);
    expect(started).toMatchObject({ ok: true, total: 4, existing: false });
    const again = await startShipBatch({ requestKey, orderNumbers: numbers }, STAFF, db);
    expect(again).toEqual({ ...started, existing: true });
    const batchId = (started as { batchId: string }).batchId;
    expect(await shipBatchProgress(batchId, db)).toMatchObject({ total: 4, processed: 0, counts: { waiting: 4 }, finishedAt: null });

    expect(await drainShipBatches(db, { client })).toBeGreaterThanOrEqual(4);
    const progress = (await shipBatchProgress(batchId, db))!;
    expect(progress).toMatchObject({ total: 4, processed: 4, counts: { shipped: 3, payment_failed: 1, charging: 0, skipped: 0, waiting: 0 } });
    expect(progress.finishedAt).not.toBeNull();
    expect(progress.items.map((i) => [i.orderNumber, i.result])).toEqual([...fine.map((o) => [o.number, 'shipped']), [failing!.number, 'payment_failed']]);
    expect(progress.items[3]!.message).toMatch(/declined/i);
    expect(await statusesOf([waiting.id])).toEqual(['planned']);
    const after = await emulatorChargeCounts(db, good.customerId);
    expect(after.charges - before.charges).toBe(3);

    // The same orders again, from a new form: everything is already shipped or failed.
    const repeat = await startShipBatch({ requestKey: key(), orderNumbers: numbers }, STAFF, db);
    expect(repeat).toEqual({ ok: false, error: 'None of the selected orders has a shipment ready to ship.' });
  });

  it('a lane that died holding an item: after its claim runs out another ships it, once', async () => {
    const placed = await readyOrders(2);
    const started = await startShipBatch({ requestKey: key(), orderNumbers: placed.map((o) => o.number) }, STAFF, db);
    const batchId = (started as { batchId: string }).batchId;
    const claimed = await claimNextItem(db);
    expect(claimed).toMatchObject({ batchId });
    // The worker holding it is gone (a restart): its claim is old.
    await db
      .update(shipBatchItems)
      .set({ claimedAt: sql`now() - interval '10 minutes'` })
      .where(eq(shipBatchItems.id, claimed!.id));
    const before = await emulatorChargeCounts(db, good.customerId);
    await drainShipBatches(db, { client });
    expect(await shipBatchProgress(batchId, db)).toMatchObject({ processed: 2, counts: { shipped: 2 } });
    expect((await emulatorChargeCounts(db, good.customerId)).charges - before.charges).toBe(2);
  });

  it('lanes in parallel share a batch: every shipment shipped once, and one selected twice is skipped the second time', async () => {
    const placed = await readyOrders(16);
    const first = await startShipBatch({ requestKey: key(), orderNumbers: placed.slice(0, 12).map((o) => o.number) }, STAFF, db);
    const second = await startShipBatch({ requestKey: key(), orderNumbers: placed.slice(8).map((o) => o.number) }, STAFF, db);
    expect([first, second]).toMatchObject([
      { ok: true, total: 12 },
      { ok: true, total: 8 },
    ]);
    const before = await emulatorChargeCounts(db, good.customerId);
    await Promise.all([1, 2, 3, 4].map(() => drainShipBatches(db, { client: emulatorClient(db) })));
    expect((await emulatorChargeCounts(db, good.customerId)).charges - before.charges).toBe(16);
    expect(new Set(await statusesOf(placed.map((o) => o.id)))).toEqual(new Set(['shipped']));
    const a = (await shipBatchProgress((first as { batchId: string }).batchId, db))!;
    const b = (await shipBatchProgress((second as { batchId: string }).batchId, db))!;
    expect(a.counts.shipped + b.counts.shipped).toBe(16);
    expect(a.counts.skipped + b.counts.skipped).toBe(4);
    expect([a.finishedAt, b.finishedAt].every(Boolean)).toBe(true);
  });

  it('refuses a bad request and an empty selection', async () => {
    expect(await startShipBatch({ requestKey: 'short', orderNumbers: [1] }, STAFF, db)).toEqual({ ok: false, error: 'Reload the page and try again.' });
    expect(await startShipBatch({ requestKey: key(), orderNumbers: [] }, STAFF, db)).toEqual({ ok: false, error: 'Select at least one order to ship.' });
    expect(await shipBatchProgress('not-a-batch', db)).toBeNull();
  });
});
