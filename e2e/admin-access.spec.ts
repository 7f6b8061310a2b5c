/**
 * Every admin server action, route handler and page, enumerated from the production build's own
 * manifests, is refused to a signed-out visitor and to a signed-in shopper, and changes nothing.
 * A staff session minted the same way is let through, which proves the refusals come from the
 * role checks and not from a malformed request.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { eq, sql } from 'drizzle-orm';
import { authSessions, orders, outboxMessages, products, shipBatches, shipments, variants } from '../db/schema';
import { createPurchaseOrder, purchaseOrderDetail } from '../lib/purchasing/purchase-orders';
import { shipBatchProgress, startShipBatch } from '../lib/shipping/ship-batch';
import { shipShipment } from '../lib/shipping/ship-shipment';
import { createProductAccessFixtures, PRODUCT_ACTION_SAMPLES, type ProductAccessIds } from './admin-fixtures';
import { insertOneUnitOrder } from './direct-orders';
import { closeTestDb, testDb } from './db';
import { databaseFingerprint as snapshot } from './db-fingerprint';
import { isoDaysFromToday } from './fixtures';
import { mintSession } from './minted-session';

const distDir = path.resolve(process.env.NEXT_DIST_DIR ?? '.next');
const NOT_ALLOWED = 'You are not allowed to do that';

type ManifestAction = { workers: Record<string, unknown>; filename: string; exportedName: string };
const actionManifest = JSON.parse(readFileSync(path.join(distDir, 'server/server-reference-manifest.json'), 'utf8')) as {
  node: Record<string, ManifestAction>;
};
const appPaths = Object.keys(JSON.parse(readFileSync(path.join(distDir, 'server/app-paths-manifest.json'), 'utf8')) as Record<string, string>);

/** Admin actions (components/admin) that are open by design: signing in, and signing out. */
const OPEN_ACTIONS = new Set(['components/admin/auth/sign-in-actions.ts#signIn', 'components/admin/auth/sign-out-actions.ts#signOut']);

interface Ids {
  variantId: string;
  productId: string;
  /** Throwaway products for the product actions, so the demo catalog stays as it is. */
  products: ProductAccessIds;
  /** A saved card in the Stripe emulator, for the expire-card control. */
  paymentMethodId: string;
  /** An email in the outbox, for its page in /admin/emails. */
  emailId: string;
  /** An order's number, for its page in /admin/orders. */
  orderNumber: number;
  /** Open purchase orders, one per action that changes one (so no action finds another's work done). */
  purchasing: PurchasingIds;
  /** Orders with a line still to ship, one per action that cancels (line, whole order). */
  cancelling: { lineNumber: number; lineId: string; orderNumber: number };
  /** A ready shipment of an order paid with a card saved in the emulator, for "Ship" (which charges it). */
  shipping: { shipmentId: string };
  /** A shipment no action touches, for its packing slip page. */
  packingSlip: { orderNumber: number; sequence: number };
  /** An order with a ready shipment paid with a saved card, for "Ship selected" (whose batch charges it in the background). */
  bulkShipping: { orderNumber: number };
  /** A shipment shipped and charged before the tests, for "Refund". */
  refunding: { shipmentId: string };
  /** A "Ship selected" batch run to its end before the tests, for its progress page. */
  shipBatch: { batchId: string };
}

interface PurchasingIds {
  /** A SKU that may go on a new purchase order (an unpublished product's, so the catalog is unchanged). */
  sku: string;
  /** Its page is the one the purchase order actions are posted to; the date action moves it. */
  moveNumber: number;
  cancelNumber: number;
  receiveNumber: number;
  receiveLineId: string;
  receiveAllNumber: number;
}

/**
 * A valid input for each protected action: with a staff session it must succeed, so the same
 * request without one is a fair test. A new admin action fails this spec until it is listed.
 */
type Sample =
  /** Form fields, for an action called as (previousState, formData). */
  | Record<string, string>
  /** Plain arguments; readOnly when a valid call changes nothing (the staff check is then that it is not refused). */
  | { args: unknown[]; readOnly?: boolean };

const SAMPLE_INPUT: Record<string, (ids: Ids) => Sample> = {
  ...Object.fromEntries(Object.entries(PRODUCT_ACTION_SAMPLES).map(([key, sample]) => [key, (ids: Ids) => sample(ids.products)])),
  'components/admin/inventory/actions.ts#recordAdjustment': ({ variantId }) => ({ variantId, change: '1', kind: 'received', note: 'access test' }),
  'components/admin/staff/actions.ts#addStaffMember': () => ({
    email: `access-${randomBytes(4).toString('hex')}@e2e.test`,
    name: 'Access Test',
    role: 'staff',
  }),
  'components/admin/payments/expire-card-actions.ts#expireCardAction': ({ paymentMethodId }) => ({ paymentMethodId }),
  'components/admin/payments/card-actions.ts#startCardSetup': () => ({ args: [`access-${randomBytes(4).toString('hex')}@e2e.test`] }),
  'components/admin/payments/card-actions.ts#confirmCardSaved': () => ({ args: ['seti_accesscheck'], readOnly: true }),
  'components/admin/purchase-orders/actions.ts#createPurchaseOrderAction': ({ purchasing }) => ({
    supplier: 'Access Supplier',
    expectedDate: isoDaysFromToday(30),
    'lines.0.sku': purchasing.sku,
    'lines.0.quantity': '2',
  }),
  'components/admin/purchase-orders/actions.ts#moveExpectedDateAction': ({ purchasing }) => ({
    number: String(purchasing.moveNumber),
    expectedDate: isoDaysFromToday(45),
  }),
  'components/admin/purchase-orders/actions.ts#cancelPurchaseOrderAction': ({ purchasing }) => ({ number: String(purchasing.cancelNumber) }),
  'components/admin/purchase-orders/actions.ts#receiveLineAction': ({ purchasing }) => ({
    number: String(purchasing.receiveNumber),
    lineId: purchasing.receiveLineId,
    quantity: '1',
  }),
  'components/admin/purchase-orders/actions.ts#receiveAllAction': ({ purchasing }) => ({ number: String(purchasing.receiveAllNumber) }),
  'components/admin/orders/actions.ts#cancelLineAction': ({ cancelling }) => ({ number: String(cancelling.lineNumber), lineId: cancelling.lineId }),
  'components/admin/orders/actions.ts#cancelOrderAction': ({ cancelling }) => ({ number: String(cancelling.orderNumber) }),
  'components/admin/orders/actions.ts#shipShipmentAction': ({ shipping }) => ({
    shipmentId: shipping.shipmentId,
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
  }),
  // A new one-time key per call, as each page view has: a key used before lands on its batch and starts nothing.
  'components/admin/orders/bulk-ship-actions.ts#shipSelectedAction': ({ bulkShipping }) => ({
    requestKey: randomBytes(18).toString('base64url'),
    [`order.${bulkShipping.orderNumber}`]: 'on',
  }),
  'components/admin/orders/refund-actions.ts#refundShipmentAction': ({ refunding }) => ({ shipmentId: refunding.shipmentId, scope: 'whole' }),
};

/**
 * A valid request for each admin route handler (a form posted as multipart), on the same terms as
 * SAMPLE_INPUT. A new admin route fails this spec until it is listed.
 */
const ROUTE_SAMPLES: Record<string, () => { path: string; form: Record<string, string> }> = {
  '/admin/(console)/products/save/route': () => ({ path: '/admin/products/save', form: { title: `Access route ${randomBytes(4).toString('hex')}` } }),
};

/** Actions and pages only an owner may use: a staff member is refused too. */
const OWNER_ONLY = new Set(['components/admin/staff/actions.ts#addStaffMember', '/admin/(console)/staff/page']);

const adminActions = Object.entries(actionManifest.node)
  .map(([id, a]) => ({ id, key: `${a.filename}#${a.exportedName}`, worker: Object.keys(a.workers)[0]! }))
  .filter((a) => a.key.startsWith('components/admin/') && !OPEN_ACTIONS.has(a.key));

const adminRoutes = appPaths.filter((p) => p.startsWith('/admin/') && p.endsWith('/route'));

const adminPages = appPaths.filter((p) => p.startsWith('/admin/') && p.endsWith('/page') && !p.includes('/(auth)/'));

/** Pages this spec must find among the build's admin pages (a sample URL each, through urlFor). */
const EXPECTED_PAGES = [
  '/admin/(console)/emails/page',
  '/admin/(console)/emails/[id]/page',
  '/admin/(console)/orders/page',
  '/admin/(console)/orders/[number]/page',
  '/admin/(console)/orders/[number]/packing-slip/[sequence]/page',
  '/admin/(console)/orders/ship-batches/[id]/page',
  '/admin/(console)/purchase-orders/page',
  '/admin/(console)/purchase-orders/new/page',
  '/admin/(console)/purchase-orders/[number]/page',
];

/** '/admin/(console)/inventory/[variantId]/page' -> '/admin/inventory/<id>' */
function urlFor(route: string, ids: Ids): string {
  const url = route
    .replace(/^app/, '')
    .replace(/\/page$/, '')
    .replace(/\/\([^)]+\)/g, '')
    .replace(/\[variantId\]/g, ids.variantId)
    .replace(/^\/admin\/emails\/\[id\]/, `/admin/emails/${ids.emailId}`)
    .replace(
      /^\/admin\/orders\/\[number\]\/packing-slip\/\[sequence\]/,
      `/admin/orders/${ids.packingSlip.orderNumber}/packing-slip/${ids.packingSlip.sequence}`,
    )
    .replace(/^\/admin\/orders\/ship-batches\/\[id\]/, `/admin/orders/ship-batches/${ids.shipBatch.batchId}`)
    .replace(/^\/admin\/orders\/\[number\]/, `/admin/orders/${ids.orderNumber}`)
    .replace(/^\/admin\/purchase-orders\/\[number\]/, `/admin/purchase-orders/${ids.purchasing.moveNumber}`)
    .replace(/\[id\]/g, ids.productId);
  if (url.includes('[')) throw new Error(`No sample value for a parameter in ${route}: add it to urlFor in ${__filename}`);
  return url || '/';
}

function isArgs(sample: Sample): sample is { args: unknown[]; readOnly?: boolean } {
  return Array.isArray((sample as { args?: unknown }).args);
}

async function callAction(request: APIRequestContext, action: (typeof adminActions)[number], ids: Ids, cookie?: string) {
  const input = SAMPLE_INPUT[action.key]!(ids);
  const headers = { 'Next-Action': action.id, Accept: 'text/x-component', ...(cookie ? { cookie } : {}) };
  if (isArgs(input)) {
    // Plain arguments travel as the JSON text React's client sends.
    const res = await request.post(urlFor(action.worker, ids), {
      headers: { ...headers, 'Content-Type': 'text/plain;charset=UTF-8' },
      data: JSON.stringify(input.args),
      maxRedirects: 0,
    });
    return { status: res.status(), body: await res.text() };
  }
  // The encoding React's client uses for a form action called as (previousState, formData):
  // the form's fields under the prefix `_1_`, then the argument list, which refers to them.
  // (A FormData, not an object: an object would list the integer-like key '0' first.)
  const multipart = new FormData();
  for (const [k, v] of Object.entries(input)) multipart.append(`_1_${k}`, v);
  multipart.append('0', JSON.stringify([null, '$K1']));
  const res = await request.post(urlFor(action.worker, ids), {
    headers,
    multipart,
    maxRedirects: 0,
  });
  return { status: res.status(), body: await res.text() };
}

async function callRoute(request: APIRequestContext, route: string, cookie?: string) {
  const { path: url, form } = ROUTE_SAMPLES[route]!();
  const multipart = new FormData();
  for (const [k, v] of Object.entries(form)) multipart.append(k, v);
  // The Origin a browser's fetch from the admin sends (the route refuses a request without one).
  const headers = { Origin: new URL(process.env.BASE_URL!).origin, ...(cookie ? { cookie } : {}) };
  const res = await request.post(url, { headers, multipart, maxRedirects: 0 });
  return { status: res.status(), body: await res.text() };
}

let ids: Ids;
let shopperCookie: string;
let staffCookie: string;
let ownerCookie: string;

test.beforeAll(async () => {
  const { db } = testDb();
  const [v] = await db
    .select({ variantId: variants.id, productId: products.id })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(products.slug, 'field-notebook'));
  // The card is saved, and its webhooks delivered, before any snapshot is taken.
  const { saveTestCard, settleEmulatorWebhooks } = await import('../lib/payments/emulator/testing');
  const { paymentMethodId } = await saveTestCard(db, `access-card-${randomBytes(4).toString('hex')}@e2e.test`);
  // Others, one per order that is charged (the one above is expired by its control): "Ship",
  // "Ship selected", the shipment "Refund" refunds and the batch whose page is opened.
  const shipCard = await saveTestCard(db, `access-ship-${randomBytes(4).toString('hex')}@e2e.test`);
  const bulkCard = await saveTestCard(db, `access-bulk-${randomBytes(4).toString('hex')}@e2e.test`);
  const refundCard = await saveTestCard(db, `access-refund-${randomBytes(4).toString('hex')}@e2e.test`);
  const batchCard = await saveTestCard(db, `access-batch-${randomBytes(4).toString('hex')}@e2e.test`);
  await settleEmulatorWebhooks(db);
  // Sent already, so the app's worker leaves it alone and no snapshot sees it change.
  const emailKey = randomBytes(4).toString('hex');
  const [email] = await db
    .insert(outboxMessages)
    .values({
      kind: 'order_received',
      toAddress: `access-email-${emailKey}@e2e.test`,
      subject: 'Access test email',
      payload: {},
      messageId: `<access-${emailKey}@e2e.test>`,
      html: '<p>Access test</p>',
      text: 'Access test',
      status: 'sent',
      attempts: 1,
      lastAttemptAt: new Date(),
      enqueuedAt: new Date(),
      sentAt: new Date(),
    })
    .returning({ id: outboxMessages.id });
  const order = await insertOneUnitOrder(db, `${emailKey}-view`, 'ready');
  const cancelLineOrder = await insertOneUnitOrder(db, `${emailKey}-line`, 'ready');
  const cancelWholeOrder = await insertOneUnitOrder(db, `${emailKey}-order`, 'ready');
  const shipOrder = await insertOneUnitOrder(db, `${emailKey}-ship`, 'ready', shipCard);
  const slipOrder = await insertOneUnitOrder(db, `${emailKey}-slip`, 'ready');
  const bulkOrder = await insertOneUnitOrder(db, `${emailKey}-bulk`, 'ready', bulkCard);
  const refundOrder = await insertOneUnitOrder(db, `${emailKey}-refund`, 'ready', refundCard);
  const batchOrder = await insertOneUnitOrder(db, `${emailKey}-batch`, 'ready', batchCard);
  // Shipped (and charged) now, so "Refund" has something to refund.
  const shipped = await shipShipment({ shipmentId: refundOrder.shipmentId }, 'access@e2e.test', { database: db });
  if (!shipped.ok || shipped.status !== 'shipped') throw new Error(`the refund fixture did not ship: ${JSON.stringify(shipped)}`);
  // A batch for the progress page, shipped by the app's worker now rather than under a snapshot.
  const batch = await startShipBatch({ requestKey: randomBytes(18).toString('base64url'), orderNumbers: [batchOrder.number] }, 'access@e2e.test', db);
  if (!batch.ok) throw new Error(`the batch fixture was refused: ${batch.error}`);
  await batchFinished(batch.batchId);
  ids = {
    ...v!,
    cancelling: { lineNumber: cancelLineOrder.number, lineId: cancelLineOrder.lineId, orderNumber: cancelWholeOrder.number },
    shipping: { shipmentId: shipOrder.shipmentId },
    packingSlip: { orderNumber: slipOrder.number, sequence: 1 },
    bulkShipping: { orderNumber: bulkOrder.number },
    refunding: { shipmentId: refundOrder.shipmentId },
    shipBatch: { batchId: batch.batchId },
    products: await createProductAccessFixtures(db),
    paymentMethodId,
    emailId: email!.id,
    orderNumber: order.number,
    purchasing: await createPurchasingFixtures(emailKey),
  };
  // Shipping charged two cards (their webhooks follow the answer) and queued two "Shipped" emails:
  // all of it done before the first snapshot.
  await settleEmulatorWebhooks(db);
  await outboxSettled();
  shopperCookie = await mintSession(process.env.E2E_SHOPPER_EMAIL!);
  staffCookie = await mintSession(process.env.E2E_STAFF_EMAIL!);
  ownerCookie = await mintSession(process.env.E2E_OWNER_EMAIL!);
});
/** An unpublished product's variant and an open purchase order of 5 of it for each purchase order action. */
async function createPurchasingFixtures(key: string): Promise<PurchasingIds> {
  const { db } = testDb();
  const [product] = await db
    .insert(products)
    .values({ slug: `access-purchasing-${key}`, title: 'Access purchasing', published: false })
    .returning({ id: products.id });
  const sku = `ACCESS-PO-${key}`.toUpperCase();
  await db.insert(variants).values({ productId: product!.id, sku, title: 'Default', priceCents: 100 });
  const open = async () => {
    const result = await createPurchaseOrder(
      { supplier: 'Access Supplier', expectedDate: isoDaysFromToday(30), lines: [{ sku, quantity: 5 }] },
      'access@e2e.test',
      {
        database: db,
      },
    );
    if (!result.ok) throw new Error(`the purchase order was refused: ${result.error}`);
    return result.number;
  };
  const [moveNumber, cancelNumber, receiveNumber, receiveAllNumber] = [await open(), await open(), await open(), await open()];
  const receiving = await purchaseOrderDetail(receiveNumber, db);
  return { sku, moveNumber, cancelNumber, receiveNumber, receiveLineId: receiving!.lines[0]!.id, receiveAllNumber };
}

/** Waits until the app's worker has shipped every item of a batch (its lanes run in the background). */
async function batchFinished(batchId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const progress = await shipBatchProgress(batchId, testDb().db);
    if (progress?.finishedAt) return;
    if (Date.now() > deadline) throw new Error(`the batch ${batchId} has not finished after 30 s: ${JSON.stringify(progress?.counts)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until every batch started (by "Ship selected" as owner) has finished, so no later snapshot sees it ship. */
async function allBatchesFinished(): Promise<void> {
  const { db } = testDb();
  const running = await db
    .select({ id: shipBatches.id })
    .from(shipBatches)
    .where(sql`${shipBatches.finishedAt} is null`);
  for (const { id } of running) await batchFinished(id);
}

/** Waits until the email worker has sent everything the actions queued, so no later snapshot sees it happen. */
async function outboxSettled(): Promise<void> {
  const { db } = testDb();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [row] = await db
      .select({ pending: sql<number>`count(*)::int` })
      .from(outboxMessages)
      .where(eq(outboxMessages.status, 'pending'));
    if (!row?.pending) return;
    if (Date.now() > deadline) throw new Error(`${row.pending} outbox messages are still pending after 30 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test.afterAll(async () => {
  await testDb()
    .db.delete(authSessions)
    .where(sql`true`);
  await closeTestDb();
});

test('the build has admin actions, routes and pages to check, and every action and route has a sample input', () => {
  expect(adminActions.length).toBeGreaterThan(0);
  expect(adminRoutes.length).toBeGreaterThan(0);
  expect(adminPages.length).toBeGreaterThan(0);
  expect(adminPages).toEqual(expect.arrayContaining(EXPECTED_PAGES));
  const missing = adminActions.filter((a) => !SAMPLE_INPUT[a.key]).map((a) => a.key);
  expect(missing, 'add a valid sample input for these actions to SAMPLE_INPUT').toEqual([]);
  const missingRoutes = adminRoutes.filter((r) => !ROUTE_SAMPLES[r]);
  expect(missingRoutes, 'add a valid sample request for these routes to ROUTE_SAMPLES').toEqual([]);
});

test('every admin server action refuses signed-out and shopper requests and changes nothing', async ({ request }) => {
  for (const action of adminActions) {
    const refusedTo: [string, string | undefined][] = [
      ['signed out', undefined],
      ['shopper', shopperCookie],
    ];
    if (OWNER_ONLY.has(action.key)) refusedTo.push(['staff', staffCookie]);
    for (const [who, cookie] of refusedTo) {
      const before = await snapshot();
      const res = await callAction(request, action, ids, cookie);
      expect(res.body, `${action.key} as ${who}`).toContain(NOT_ALLOWED);
      expect(await snapshot(), `${action.key} as ${who} changed data`).toBe(before);
    }
  }
});

test('the same requests with a staff session succeed (so the refusals above are real)', async ({ request }) => {
  for (const action of adminActions) {
    const before = await snapshot();
    const res = await callAction(request, action, ids, ownerCookie);
    expect(res.status, action.key).toBe(200);
    expect(res.body, action.key).not.toContain(NOT_ALLOWED);
    const sample = SAMPLE_INPUT[action.key]!(ids);
    if (isArgs(sample) && sample.readOnly) continue;
    expect(await snapshot(), `${action.key} as owner should change data; the response was ${res.body}`).not.toBe(before);
  }
  // "Ship" really charged and shipped (a charge the provider refused changes data too: it stays charging).
  const [shipped] = await testDb()
    .db.select({ status: shipments.status, chargedCents: shipments.chargedCents })
    .from(shipments)
    .where(eq(shipments.id, ids.shipping.shipmentId));
  expect(shipped).toEqual({ status: 'shipped', chargedCents: 1000 });
  // "Refund" refunded the whole charge.
  const [refunded] = await testDb()
    .db.select({ chargedCents: shipments.chargedCents, refundedCents: shipments.refundedCents })
    .from(shipments)
    .where(eq(shipments.id, ids.refunding.shipmentId));
  expect(refunded).toEqual({ chargedCents: 1000, refundedCents: 1000 });
  // "Ship selected" started a batch that the app's worker ships in the background: wait for it
  // to end, then check that it shipped the selected order.
  await allBatchesFinished();
  const [bulk] = await testDb()
    .db.select({ status: shipments.status, chargedCents: shipments.chargedCents })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(eq(orders.number, ids.bulkShipping.orderNumber));
  expect(bulk).toEqual({ status: 'shipped', chargedCents: 1000 });
  // Shipping charges the card, whose webhooks the emulator delivers after the answer; cancelling,
  // shipping and refunding email the shopper: let both finish before the next test takes snapshots.
  const { settleEmulatorWebhooks } = await import('../lib/payments/emulator/testing');
  await settleEmulatorWebhooks(testDb().db);
  await outboxSettled();
});

test('every admin route handler refuses signed-out and shopper requests and changes nothing', async ({ request }) => {
  for (const route of adminRoutes) {
    for (const [who, cookie] of [
      ['signed out', undefined],
      ['shopper', shopperCookie],
    ] as const) {
      const before = await snapshot();
      const res = await callRoute(request, route, cookie);
      expect(res.status, `${route} as ${who}`).toBe(403);
      expect(res.body, `${route} as ${who}`).toContain(NOT_ALLOWED);
      expect(await snapshot(), `${route} as ${who} changed data`).toBe(before);
    }
  }
});

test('the same route requests with a staff session succeed (so the refusals above are real)', async ({ request }) => {
  for (const route of adminRoutes) {
    const before = await snapshot();
    const res = await callRoute(request, route, ownerCookie);
    expect(res.status, `${route}: ${res.body}`).toBe(200);
    expect(res.body, route).not.toContain(NOT_ALLOWED);
    expect(await snapshot(), `${route} as owner should change data; the response was ${res.body}`).not.toBe(before);
  }
});

test('every admin page sends signed-out visitors and shoppers to sign-in, and opens for staff', async ({ request }) => {
  for (const page of adminPages) {
    const url = urlFor(`app${page}`, ids);
    for (const cookie of [undefined, shopperCookie]) {
      const res = await request.get(url, { headers: cookie ? { cookie } : {}, maxRedirects: 0 });
      expect([303, 307, 308], `${url} ${cookie ? 'as shopper' : 'signed out'}`).toContain(res.status());
      expect(res.headers()['location'], url).toContain('/admin/sign-in');
    }
    if (OWNER_ONLY.has(page)) {
      const res = await request.get(url, { headers: { cookie: staffCookie }, maxRedirects: 0 });
      expect([303, 307, 308], `${url} as staff`).toContain(res.status());
      expect(res.headers()['location'], url).not.toContain('/staff');
    }
    const ok = await request.get(url, { headers: { cookie: ownerCookie }, maxRedirects: 0 });
    expect(ok.status(), `${url} as owner`).toBe(200);
  }
});
