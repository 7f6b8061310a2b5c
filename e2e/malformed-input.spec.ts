/**
 * Bad input never gets a 500. Every server action and every route handler in the production build,
 * enumerated from its manifests (so a new one is covered, or this spec fails until it is described
 * below), gets malformed input: wrong types, 1 MB strings, negative, zero and huge numbers, NaN and
 * friends, unknown and non-ids, missing fields, undecodable bodies. Signed out, as a signed-in
 * shopper and as the owner, each must answer without a 5xx, with a refusal (the action's failure
 * shape with a message, or a 4xx from a route), and change nothing in the database.
 *
 * The malformed values come from a small table per kind of field; each case changes one field of
 * an input that would otherwise be valid, so the refusal must come from that field. Valid input is
 * never sent, so nothing may change. Requests run in batches, with one database fingerprint per batch.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { eq, sql } from 'drizzle-orm';
import { authSessions, products, variants } from '../db/schema';
import { createPurchaseOrder, purchaseOrderDetail } from '../lib/purchasing/purchase-orders';
import { createProductAccessFixtures, type ProductAccessIds } from './admin-fixtures';
import { insertOneUnitOrder } from './direct-orders';
import { closeTestDb, testDb } from './db';
import { changedTables, databaseFingerprint } from './db-fingerprint';
import { isoDaysFromToday } from './fixtures';
import { mintSession } from './minted-session';

// Thousands of requests, some of 1 MB: a trace of them would cost more than the run.
test.use({ trace: 'off' });

const distDir = path.resolve(process.env.NEXT_DIST_DIR ?? '.next');
const readManifest = <T>(name: string) => JSON.parse(readFileSync(path.join(distDir, 'server', name), 'utf8')) as T;
const actionManifest = readManifest<{ node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }> }>(
  'server-reference-manifest.json',
);
const routeHandlers = Object.keys(readManifest<Record<string, string>>('app-paths-manifest.json')).filter((p) => p.endsWith('/route'));
const actions = Object.entries(actionManifest.node).map(([id, a]) => ({ id, key: `${a.filename}#${a.exportedName}`, worker: Object.keys(a.workers)[0]! }));

// --- Malformed values, per kind of field ------------------------------------------------------

/** Just under a 1 MB body with the rest of the form. */
const MEGABYTE = 'x'.repeat(1_000_000);
const NUL = 'a\u0000b';
const NOT_NUMBERS = ['NaN', 'Infinity', '-Infinity', '1e3', '0x10', '1.5', ' ', 'twelve', NUL, MEGABYTE];
const HUGE = ['1e21', '9223372036854775808', '-9223372036854775808', '99999999999999999999'];

type Kind =
  | { kind: 'id' }
  | { kind: 'quantity' }
  | { kind: 'stockChange' }
  | { kind: 'count' }
  /** Units on a purchase order line or received: 1 to 1,000,000. */
  | { kind: 'units' }
  /** A record's number (a purchase order's): 1 to 2,147,483,647. */
  | { kind: 'number' }
  | { kind: 'price' }
  | { kind: 'date' }
  | { kind: 'email' }
  | { kind: 'password' }
  | { kind: 'choice' }
  | { kind: 'text'; max: number }
  | { kind: 'slug' }
  | { kind: 'sku' }
  | { kind: 'optionNames' }
  | { kind: 'stripeId'; prefix: string }
  | { kind: 'fingerprint' }
  /** A link's long random key (32 bytes, base64url). */
  | { kind: 'token' }
  | { kind: 'image' }
  /** Anything is accepted (a checkbox): only its structure is tampered with. */
  | { kind: 'any' };

function malformed(k: Kind): (string | File)[] {
  switch (k.kind) {
    case 'id':
      return ['', 'not-a-uuid', randomUUID(), '00000000-0000-0000-0000-000000000000', "1' or '1'='1", NUL, MEGABYTE];
    case 'quantity':
      return ['0', '-1', '100', '', ...HUGE, ...NOT_NUMBERS];
    case 'stockChange':
      return ['0', '-0', '2000000', '-2000000', '', ...HUGE, ...NOT_NUMBERS];
    case 'count':
      // A blank optional count means "none", so ' ' is not malformed here.
      return ['-1', '2000000', ...HUGE, ...NOT_NUMBERS.filter((v) => v !== ' ')];
    case 'units':
      return ['0', '-1', '-0', '1000001', '', ...HUGE, ...NOT_NUMBERS];
    case 'number':
      // 2000000000 is well formed, but no purchase order has it.
      return ['0', '-1', '', '2147483648', '2000000000', ...HUGE, ...NOT_NUMBERS];
    case 'price':
      // "1.5" is $1.50.
      return ['', '-1', '1.999', '99999999999', ...HUGE, ...NOT_NUMBERS.filter((v) => v !== '1.5')];
    case 'date':
      return ['2025-13-45', '2025-02-30', 'tomorrow', '1e3', NUL, MEGABYTE];
    case 'email':
      return ['', 'not-an-email', `${'a'.repeat(250)}@example.com`, `a${NUL}@example.com`, MEGABYTE];
    case 'password':
      return ['', MEGABYTE];
    case 'choice':
      return ['', 'bogus', NUL, MEGABYTE];
    case 'text':
      return ['x'.repeat(k.max + 1), NUL, MEGABYTE];
    case 'slug':
      return ['Not A Slug!', '-', 'x'.repeat(101), NUL, MEGABYTE];
    case 'sku':
      return ['bad sku!', 'x'.repeat(65), NUL, MEGABYTE];
    case 'optionNames':
      return ['A,B,C,D', 'x'.repeat(41), 'Size,size', NUL, MEGABYTE];
    case 'stripeId':
      return ['', 'nope', `${k.prefix}_${randomBytes(8).toString('hex')}`, `${k.prefix}_${'a'.repeat(300)}`, NUL, MEGABYTE];
    case 'fingerprint':
      return ['short', NUL, MEGABYTE];
    case 'token':
      return ['', 'short', 'A'.repeat(42), 'A'.repeat(44), '+'.repeat(43), `${'A'.repeat(42)}=`, NUL, MEGABYTE];
    case 'image':
      return [new File(['not an image'], 'photo.png', { type: 'image/png' }), new File([new Uint8Array(64)], 'blank.webp', { type: 'image/webp' })];
    case 'any':
      return [];
  }
}

/** A form field: its kind, and whether leaving it out is allowed (then "missing" is not malformed). */
type Field = Kind & { optional?: true };
const f = (k: Kind, optional?: true): Field => ({ ...k, ...(optional ? { optional } : {}) });

interface Ids {
  variantId: string;
  products: ProductAccessIds;
  /** Each identity's own cart line (a random id signed out, where there is no cart). */
  lineId: string;
  /** An open purchase order of an unpublished product's variant, and a SKU that could go on a new one. */
  purchasing: { number: number; lineId: string; sku: string };
  /**
   * A cancelled order, its line and its shipment: real targets for the order actions, on which a
   * valid request is refused too (nothing to cancel, ship or refund), so no case can change data.
   */
  order: { number: number; lineId: string; shipmentId: string };
}

/**
 * How each action is called and a valid input to start from. A new action fails this spec until
 * it is added here. 'form' actions are (previousState, formData), 'formOnly' are (formData).
 */
type ActionInput =
  | { call: 'form' | 'formOnly'; fields: Record<string, Field>; valid: (ids: Ids) => Record<string, string> }
  | { call: 'args'; args: Kind[]; valid: (ids: Ids) => unknown[] }
  /** Takes nothing (sign out): only the structural cases apply, and any non-5xx answer will do. */
  | { call: 'none' };

const CONTACT_FIELDS: Record<string, Field> = {
  email: f({ kind: 'email' }),
  fullName: f({ kind: 'text', max: 200 }),
  addressLine: f({ kind: 'text', max: 300 }),
  city: f({ kind: 'text', max: 100 }),
  postalCode: f({ kind: 'text', max: 12 }),
  country: f({ kind: 'choice' }),
  region: f({ kind: 'choice' }),
};
const VALID_CONTACT = {
  email: 'fuzz@e2e.test',
  fullName: 'Fuzz Tester',
  addressLine: '1 Main St',
  city: 'Portland',
  region: 'OR',
  postalCode: '97201',
  country: 'US',
};

const PRODUCT_FIELDS: Record<string, Field> = {
  title: f({ kind: 'text', max: 200 }),
  slug: f({ kind: 'slug' }, true),
  description: f({ kind: 'text', max: 5000 }, true),
  imageAlt: f({ kind: 'text', max: 300 }, true),
  optionNames: f({ kind: 'optionNames' }, true),
  featured: f({ kind: 'any' }, true),
  published: f({ kind: 'any' }, true),
  image: f({ kind: 'image' }, true),
};
const VARIANT_FIELDS: Record<string, Field> = {
  title: f({ kind: 'text', max: 200 }, true),
  sku: f({ kind: 'sku' }),
  option0: f({ kind: 'text', max: 60 }, true),
  price: f({ kind: 'price' }),
  inventoryPolicy: f({ kind: 'choice' }),
  waitingLimit: f({ kind: 'count' }, true),
  shipDateSource: f({ kind: 'choice' }, true),
  fixedShipDate: f({ kind: 'date' }, true),
  leadTimeDays: f({ kind: 'count' }, true),
  releaseDate: f({ kind: 'date' }, true),
  lowStockThreshold: f({ kind: 'count' }, true),
  safetyStock: f({ kind: 'count' }, true),
};
const validVariant = () => ({ sku: `FUZZ-${randomBytes(4).toString('hex')}`, option0: 'M', price: '1.00', inventoryPolicy: 'deny' });
const idOnly = (pick: (ids: Ids) => string): ActionInput => ({ call: 'form', fields: { id: f({ kind: 'id' }) }, valid: (ids) => ({ id: pick(ids) }) });

const ACTION_INPUTS: Record<string, ActionInput> = {
  'components/cart/actions.ts#addToCartAction': {
    call: 'form',
    fields: { variantId: f({ kind: 'id' }), quantity: f({ kind: 'quantity' }) },
    valid: ({ variantId }) => ({ variantId, quantity: '1' }),
  },
  'components/cart/actions.ts#changeQuantityAction': {
    call: 'formOnly',
    fields: { lineId: f({ kind: 'id' }), quantity: f({ kind: 'quantity' }) },
    valid: ({ lineId }) => ({ lineId, quantity: '2' }),
  },
  'components/cart/actions.ts#removeLineAction': { call: 'formOnly', fields: { lineId: f({ kind: 'id' }) }, valid: ({ lineId }) => ({ lineId }) },
  // An unknown but well-formed fingerprint is not malformed (it records nothing), so it is not sent.
  'components/cart/actions.ts#markCartSeenAction': { call: 'args', args: [{ kind: 'fingerprint' }], valid: () => ['A'.repeat(43)] },
  'components/checkout/actions.ts#prepareCardAction': { call: 'form', fields: CONTACT_FIELDS, valid: () => VALID_CONTACT },
  'components/checkout/actions.ts#placeOrderAction': {
    call: 'form',
    fields: {
      ...CONTACT_FIELDS,
      consent: f({ kind: 'any' }, true),
      setupIntentId: f({ kind: 'stripeId', prefix: 'seti' }),
      quoteFingerprint: f({ kind: 'fingerprint' }),
    },
    // No SetupIntent of this checkout succeeded, so even this "valid" input cannot place an order.
    valid: () => ({ ...VALID_CONTACT, consent: 'yes', setupIntentId: `seti_${randomBytes(8).toString('hex')}`, quoteFingerprint: 'A'.repeat(43) }),
  },
  // A well-formed signup for a variant that does not exist, or an unsubscribe link no signup has,
  // is refused too, so even the "valid" inputs below store nothing.
  'components/back-in-stock/actions.ts#restockSignupAction': {
    call: 'form',
    fields: { variantId: f({ kind: 'id' }), email: f({ kind: 'email' }) },
    valid: ({ variantId }) => ({ variantId, email: 'fuzz-restock@e2e.test' }),
  },
  'components/back-in-stock/actions.ts#unsubscribeAction': {
    call: 'form',
    fields: { token: f({ kind: 'token' }) },
    valid: () => ({ token: randomBytes(32).toString('base64url') }),
  },
  'components/admin/auth/sign-in-actions.ts#signIn': {
    call: 'form',
    fields: { email: f({ kind: 'email' }), password: f({ kind: 'password' }) },
    valid: () => ({ email: process.env.E2E_OWNER_EMAIL!, password: 'not-the-password-1234' }),
  },
  'components/admin/auth/sign-out-actions.ts#signOut': { call: 'none' },
  'components/admin/inventory/actions.ts#recordAdjustment': {
    call: 'form',
    fields: { variantId: f({ kind: 'id' }), change: f({ kind: 'stockChange' }), kind: f({ kind: 'choice' }), note: f({ kind: 'text', max: 200 }, true) },
    valid: ({ variantId }) => ({ variantId, change: '1', kind: 'received', note: 'fuzz' }),
  },
  'components/admin/payments/expire-card-actions.ts#expireCardAction': {
    call: 'form',
    fields: { paymentMethodId: f({ kind: 'stripeId', prefix: 'pm' }) },
    valid: () => ({ paymentMethodId: 'pm_unknown' }),
  },
  'components/admin/payments/card-actions.ts#startCardSetup': { call: 'args', args: [{ kind: 'email' }], valid: () => ['fuzz-card@e2e.test'] },
  'components/admin/payments/card-actions.ts#confirmCardSaved': { call: 'args', args: [{ kind: 'stripeId', prefix: 'seti' }], valid: () => ['seti_unknown'] },
  'components/admin/products/actions.ts#createProductAction': {
    call: 'form',
    fields: PRODUCT_FIELDS,
    valid: () => ({ title: `Fuzz ${randomBytes(4).toString('hex')}` }),
  },
  'components/admin/products/actions.ts#updateProductAction': {
    call: 'form',
    fields: { id: f({ kind: 'id' }), ...PRODUCT_FIELDS },
    valid: ({ products }) => ({ id: products.draftProductId, title: 'Access draft', optionNames: 'Size' }),
  },
  'components/admin/products/actions.ts#archiveProductAction': idOnly(({ products }) => products.draftProductId),
  'components/admin/products/actions.ts#unarchiveProductAction': idOnly(({ products }) => products.archivedProductId),
  'components/admin/products/variant-actions.ts#createVariantAction': {
    call: 'form',
    fields: { productId: f({ kind: 'id' }), ...VARIANT_FIELDS },
    valid: ({ products }) => ({ productId: products.draftProductId, ...validVariant() }),
  },
  'components/admin/products/variant-actions.ts#updateVariantAction': {
    call: 'form',
    fields: { id: f({ kind: 'id' }), ...VARIANT_FIELDS },
    valid: ({ products }) => ({ id: products.draftVariantId, ...validVariant(), option0: 'S' }),
  },
  'components/admin/products/variant-actions.ts#archiveVariantAction': idOnly(({ products }) => products.draftVariantId),
  'components/admin/products/variant-actions.ts#unarchiveVariantAction': idOnly(({ products }) => products.archivedVariantId),
  'components/admin/purchase-orders/actions.ts#createPurchaseOrderAction': {
    call: 'form',
    fields: {
      supplier: f({ kind: 'text', max: 200 }),
      expectedDate: f({ kind: 'date' }),
      'lines.0.sku': f({ kind: 'sku' }),
      'lines.0.quantity': f({ kind: 'units' }),
    },
    valid: ({ purchasing }) => ({ supplier: 'Fuzz Supplier', expectedDate: isoDaysFromToday(30), 'lines.0.sku': purchasing.sku, 'lines.0.quantity': '1' }),
  },
  'components/admin/purchase-orders/actions.ts#moveExpectedDateAction': {
    call: 'form',
    fields: { number: f({ kind: 'number' }), expectedDate: f({ kind: 'date' }) },
    valid: ({ purchasing }) => ({ number: String(purchasing.number), expectedDate: isoDaysFromToday(40) }),
  },
  'components/admin/purchase-orders/actions.ts#cancelPurchaseOrderAction': {
    call: 'form',
    fields: { number: f({ kind: 'number' }) },
    valid: ({ purchasing }) => ({ number: String(purchasing.number) }),
  },
  'components/admin/purchase-orders/actions.ts#receiveLineAction': {
    call: 'form',
    fields: { number: f({ kind: 'number' }), lineId: f({ kind: 'id' }), quantity: f({ kind: 'units' }) },
    valid: ({ purchasing }) => ({ number: String(purchasing.number), lineId: purchasing.lineId, quantity: '1' }),
  },
  'components/admin/purchase-orders/actions.ts#receiveAllAction': {
    call: 'form',
    fields: { number: f({ kind: 'number' }) },
    valid: ({ purchasing }) => ({ number: String(purchasing.number) }),
  },
  'components/admin/orders/actions.ts#cancelLineAction': {
    call: 'form',
    fields: { number: f({ kind: 'number' }), lineId: f({ kind: 'id' }) },
    valid: ({ order }) => ({ number: String(order.number), lineId: order.lineId }),
  },
  'components/admin/orders/actions.ts#cancelOrderAction': {
    call: 'form',
    fields: { number: f({ kind: 'number' }) },
    valid: ({ order }) => ({ number: String(order.number) }),
  },
  'components/admin/orders/actions.ts#shipShipmentAction': {
    call: 'form',
    fields: { shipmentId: f({ kind: 'id' }), carrier: f({ kind: 'text', max: 60 }, true), trackingNumber: f({ kind: 'text', max: 60 }, true) },
    valid: ({ order }) => ({ shipmentId: order.shipmentId, carrier: 'UPS', trackingNumber: '1Z999AA10123456784' }),
  },
  'components/admin/orders/refund-actions.ts#refundShipmentAction': {
    call: 'form',
    fields: { shipmentId: f({ kind: 'id' }), scope: f({ kind: 'choice' }, true) },
    valid: ({ order }) => ({ shipmentId: order.shipmentId, scope: 'selected', [`refund.${order.lineId}`]: '1' }),
  },
  'components/admin/orders/bulk-ship-actions.ts#shipSelectedAction': {
    call: 'form',
    // The one-time key: 16 to 64 of A-Z a-z 0-9 _ -.
    fields: { requestKey: f({ kind: 'text', max: 64 }), scope: f({ kind: 'choice' }, true) },
    valid: ({ order }) => ({ requestKey: randomBytes(18).toString('base64url'), scope: 'selected', [`order.${order.number}`]: 'on' }),
  },
  'components/admin/staff/actions.ts#addStaffMember': {
    call: 'form',
    fields: { email: f({ kind: 'email' }), name: f({ kind: 'text', max: 100 }), role: f({ kind: 'choice' }) },
    valid: () => ({ email: `fuzz-${randomBytes(4).toString('hex')}@e2e.test`, name: 'Fuzz Staff', role: 'staff' }),
  },
};

// --- Requests --------------------------------------------------------------------------------

/** One request and what must come back: `refusal` for an action's own answer, else any 4xx. */
interface Case {
  label: string;
  send: (request: APIRequestContext) => Promise<{ status: number; body: string }>;
  expect: 'refusal' | '4xx' | 'no5xx';
}

type Body = { kind: 'text'; text: string } | { kind: 'multipart'; form: FormData } | { kind: 'raw'; contentType: string; data: Buffer | string };

function actionUrl(worker: string, ids: Ids): string {
  const url = worker
    .replace(/^app/, '')
    .replace(/\/page$/, '')
    .replace(/\/\([^)]+\)/g, '')
    .replace(/\[slug\]/g, 'field-notebook')
    .replace(/\[variantId\]/g, ids.products.draftVariantId)
    .replace(/^\/admin\/purchase-orders\/\[number\]/, `/admin/purchase-orders/${ids.purchasing.number}`)
    .replace(/^\/admin\/orders\/\[number\]/, `/admin/orders/${ids.order.number}`)
    .replace(/\[id\]/g, ids.products.draftProductId)
    .replace(/\[token\]/g, 'unknown');
  if (url.includes('[')) throw new Error(`No sample value for a parameter in ${worker}: add it to actionUrl`);
  return url || '/';
}

async function postAction(request: APIRequestContext, url: string, actionId: string, body: Body, cookie: string | undefined) {
  const headers: Record<string, string> = { 'Next-Action': actionId, Accept: 'text/x-component', ...(cookie ? { cookie } : {}) };
  const res =
    body.kind === 'multipart'
      ? await request.post(url, { headers, multipart: body.form, maxRedirects: 0 })
      : await request.post(url, {
          headers: { ...headers, 'Content-Type': body.kind === 'text' ? 'text/plain;charset=UTF-8' : body.contentType },
          data: body.kind === 'text' ? body.text : body.data,
          maxRedirects: 0,
        });
  return { status: res.status(), body: await res.text() };
}

/** React's encoding of a form action's arguments: the fields under `_1_`, then the argument list. */
function formBody(call: 'form' | 'formOnly', fields: [string, string | File][]): Body {
  const form = new FormData();
  for (const [name, value] of fields) form.append(`_1_${name}`, value);
  form.append('0', JSON.stringify(call === 'form' ? [null, '$K1'] : ['$K1']));
  return { kind: 'multipart', form };
}

/** Flight rows by id: `<id>:<json>\n`, or `<id>:T<hex byte length>,<text>` with no newline. */
function flightRows(body: string): Map<string, string> {
  const bytes = Buffer.from(body);
  const rows = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(':', at);
    if (colon < 0) break;
    const id = bytes.subarray(at, colon).toString();
    if (bytes[colon + 1] === 0x54 /* T */) {
      const comma = bytes.indexOf(',', colon);
      const length = parseInt(bytes.subarray(colon + 2, comma).toString(), 16);
      rows.set(id, JSON.stringify(bytes.subarray(comma + 1, comma + 1 + length).toString()));
      at = comma + 1 + length;
    } else {
      const end = bytes.indexOf('\n', colon);
      rows.set(id, bytes.subarray(colon + 1, end < 0 ? bytes.length : end).toString());
      at = end < 0 ? bytes.length : end + 1;
    }
  }
  return rows;
}

/** The action's return value from a Flight response, or undefined when there is none. */
function actionResultOf(body: string): unknown {
  const rows = flightRows(body);
  const resolve = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string' && /^\$@?[0-9a-f]+$/.test(value) && depth < 5) {
      const row = rows.get(value.replace(/^\$@?/, ''));
      if (row === undefined || !/^[[{"]/.test(row)) return undefined;
      return resolve(JSON.parse(row), depth + 1);
    }
    return value;
  };
  try {
    const root = JSON.parse(rows.get('0') ?? 'null') as { a?: unknown } | null;
    return root && 'a' in root ? resolve(root.a) : undefined;
  } catch {
    return undefined;
  }
}

/** Every action answers a refusal in the one ActionResult shape (lib/forms/action-result.ts), with a message a person can read. */
function isRefusal(result: unknown): boolean {
  if (!result || typeof result !== 'object') return false;
  const r = result as { ok?: unknown; error?: unknown };
  return r.ok === false && typeof r.error === 'string' && r.error.trim() !== '';
}

/** structuralOnly: the action refuses this caller before reading any field (admin-access.spec.ts checks that). */
function actionCases(action: (typeof actions)[number], input: ActionInput, ids: Ids, cookie: string | undefined, structuralOnly: boolean): Case[] {
  const url = actionUrl(action.worker, ids);
  const post = (body: Body) => (request: APIRequestContext) => postAction(request, url, action.id, body, cookie);
  const cases: Case[] = [];
  const add = (label: string, body: Body, expectation: Case['expect'] = 'refusal') => cases.push({ label, send: post(body), expect: expectation });

  // Undecodable bodies: no action runs at all, so a 4xx is the answer.
  add('an empty body', { kind: 'text', text: '' }, '4xx');
  add('bad JSON', { kind: 'text', text: '[{"' }, '4xx');
  add('bad multipart', { kind: 'raw', contentType: 'multipart/form-data; boundary=fuzz', data: 'this is not multipart' }, '4xx');
  const badReference = new FormData();
  badReference.append('0', '[{"');
  add('bad JSON inside multipart', { kind: 'multipart', form: badReference }, '4xx');

  if (input.call === 'none' || structuralOnly) return cases;
  // Wrong types for the arguments themselves.
  const argLists = [[], [null, null], [1, 2], [{}, {}], ['x', ['y']], [null, { variantId: ['a'], quantity: 1e21 }], [true], [MEGABYTE]];
  for (const args of argLists) add(`arguments ${JSON.stringify(args).slice(0, 40)}`, { kind: 'text', text: JSON.stringify(args) });

  if (input.call === 'args') {
    const valid = input.valid(ids);
    input.args.forEach((kind, i) => {
      for (const value of [...malformed(kind), 1e21, -1, 0, null, ['x'], { x: 1 }]) {
        const args = valid.map((v, j) => (j === i ? value : v));
        add(`argument ${i} = ${describe(value)}`, { kind: 'text', text: JSON.stringify(args) });
      }
    });
    return cases;
  }

  const valid = input.valid(ids);
  const call = input.call;
  // A fresh valid input per case (new emails and SKUs), so no case depends on another.
  const fieldsWith = (name: string, values: (string | File)[] | null): [string, string | File][] => {
    const out: [string, string | File][] = Object.entries(input.valid(ids)).filter(([k]) => k !== name);
    for (const v of values ?? []) out.push([name, v]);
    return out;
  };
  add('a form with no fields', formBody(call, []));
  for (const [name, field] of Object.entries(input.fields)) {
    for (const value of malformed(field)) add(`${name} = ${describe(value)}`, formBody(call, fieldsWith(name, [value])));
    if (field.kind === 'any' || field.kind === 'image') continue;
    if (!field.optional) add(`${name} missing`, formBody(call, fieldsWith(name, null)));
    // A file where text goes, and a repeated field (an array) of two bad values.
    add(`${name} as a file`, formBody(call, fieldsWith(name, [new File([valid[name] ?? 'x'], 'x.txt', { type: 'text/plain' })])));
    const [first, second] = malformed(field);
    if (first !== undefined && second !== undefined) add(`${name} twice`, formBody(call, fieldsWith(name, [first, second])));
  }
  return cases;
}

function describe(value: unknown): string {
  if (value instanceof File) return `file ${value.name}`;
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 20)}… (${text.length} chars)` : text;
}

// --- Route handlers --------------------------------------------------------------------------

/**
 * Requests for each route handler. GETs that read nothing from the request may answer 200; every
 * request carrying malformed input must get a 4xx. A new route fails this spec until it is added.
 */
const ROUTE_CASES: Record<string, (keys: Keys) => RouteRequest[]> = {
  '/(shop)/cart/count/route': () => [
    { method: 'GET', path: '/cart/count', headers: { cookie: 'inbound_cart=not-a-token' }, ok: true },
    { method: 'GET', path: '/cart/count', headers: { cookie: `inbound_cart=${randomBytes(32).toString('base64url')}` }, ok: true },
    { method: 'GET', path: '/cart/count', headers: { cookie: `inbound_cart=${'A'.repeat(4000)}` }, ok: true },
    { method: 'POST', path: '/cart/count', body: '{' },
  ],
  '/api/health/route': () => [
    { method: 'GET', path: '/api/health?x=%00', ok: true },
    { method: 'POST', path: '/api/health', body: '{' },
  ],
  // The one-click unsubscribe (RFC 8058): mail providers POST without Origin or cookies.
  '/api/unsubscribe/[token]/route': () => {
    const unknown = randomBytes(32).toString('base64url');
    const oneClick = 'List-Unsubscribe=One-Click';
    const form = 'application/x-www-form-urlencoded';
    return [
      // A well-formed link goes to the page with the button (which says whether it is valid).
      { method: 'GET', path: `/api/unsubscribe/${unknown}`, ok: true },
      { method: 'GET', path: '/api/unsubscribe/not-a-token' },
      { method: 'GET', path: `/api/unsubscribe/${'A'.repeat(2000)}` },
      { method: 'GET', path: '/api/unsubscribe/%00' },
      { method: 'POST', path: `/api/unsubscribe/${unknown}`, body: oneClick, contentType: form },
      {
        method: 'POST',
        path: `/api/unsubscribe/${unknown}`,
        body: oneClick,
        contentType: form,
        headers: { origin: 'https://mail.example', 'sec-fetch-site': 'cross-site' },
      },
      { method: 'POST', path: '/api/unsubscribe/not-a-token', body: oneClick, contentType: form },
      { method: 'POST', path: `/api/unsubscribe/${unknown.slice(1)}=`, body: oneClick, contentType: form },
      { method: 'POST', path: `/api/unsubscribe/${'A'.repeat(2000)}`, body: oneClick, contentType: form },
      { method: 'POST', path: '/api/unsubscribe/%00%ff', body: oneClick, contentType: form },
      { method: 'POST', path: `/api/unsubscribe/${unknown}`, body: '{', contentType: 'application/json' },
      { method: 'POST', path: `/api/unsubscribe/${unknown}`, body: `List-Unsubscribe=${MEGABYTE}`, contentType: form },
      { method: 'POST', path: `/api/unsubscribe/${unknown}`, body: '%E0%A4%A', contentType: form },
      { method: 'DELETE', path: `/api/unsubscribe/${unknown}` },
    ];
  },
  '/robots.txt/route': () => [{ method: 'GET', path: '/robots.txt?q=%00%ff', ok: true }],
  '/icon.svg/route': () => [{ method: 'GET', path: '/icon.svg?v=%00', ok: true }],
  // The product form with its image (a route, for its own body limit): the product fields' cases.
  '/admin/(console)/products/save/route': () => [
    { method: 'POST', path: '/admin/products/save', body: '{', contentType: 'application/json' },
    { method: 'POST', path: '/admin/products/save', body: 'this is not multipart', contentType: 'multipart/form-data; boundary=fuzz' },
    { method: 'POST', path: '/admin/products/save', body: '', contentType: 'multipart/form-data; boundary=fuzz' },
    { method: 'POST', path: '/admin/products/save', headers: { origin: 'https://evil.example' }, form: productForm({ title: 'Cross-site' }) },
    ...Object.entries(PRODUCT_FIELDS).flatMap(([name, field]) =>
      malformed(field).flatMap((value) => [
        { method: 'POST' as const, path: '/admin/products/save', form: productForm({ title: `Fuzz ${randomBytes(4).toString('hex')}`, [name]: value }) },
        {
          method: 'POST' as const,
          path: '/admin/products/save',
          form: productForm({ id: fixtureIds.draftProductId, title: 'Access draft', optionNames: 'Size', [name]: value }),
        },
      ]),
    ),
    { method: 'POST', path: '/admin/products/save', form: productForm({ id: randomUUID(), title: 'Unknown product' }) },
  ],
  '/sitemap.xml/route': () => [{ method: 'GET', path: '/sitemap.xml?page=-1&x=%ff', ok: true }],
  '/media/[...path]/route': () => [
    { method: 'GET', path: '/media/unknown.png' },
    { method: 'GET', path: '/media/..%2F..%2Fpackage.json' },
    { method: 'GET', path: '/media/%00.png' },
    { method: 'GET', path: `/media/${'a'.repeat(2000)}.png` },
    { method: 'GET', path: '/media/a/b/c/d.webp' },
    { method: 'POST', path: '/media/x.png', body: 'x' },
  ],
  '/api/auth/[...all]/route': () => [
    { method: 'GET', path: '/api/auth/get-session', headers: { cookie: 'inbound.session_token=forged.signature' }, ok: true },
    { method: 'GET', path: '/api/auth/unknown-endpoint' },
    { method: 'POST', path: '/api/auth/sign-in/email', body: '{', contentType: 'application/json' },
    { method: 'POST', path: '/api/auth/sign-in/email', body: JSON.stringify({ email: ['x'], password: 1 }), contentType: 'application/json' },
    {
      method: 'POST',
      path: '/api/auth/sign-up/email',
      body: JSON.stringify({ email: 'fuzz@e2e.test', password: MEGABYTE, name: 'x' }),
      contentType: 'application/json',
    },
    { method: 'POST', path: '/api/auth/sign-out', body: '{', contentType: 'application/json' },
    { method: 'POST', path: '/api/auth/sign-in/email', body: '', contentType: 'application/json' },
  ],
  '/api/webhooks/stripe/route': ({ webhookSecret }) => {
    const signed = (payload: string) => ({ 'stripe-signature': stripeSignature(payload, webhookSecret) });
    const event = (object: Record<string, unknown>, type = 'setup_intent.succeeded') =>
      JSON.stringify({ id: `evt_${randomBytes(8).toString('hex')}`, object: 'event', type, data: { object } });
    return [
      { method: 'POST', path: '/api/webhooks/stripe', body: '{}' },
      { method: 'POST', path: '/api/webhooks/stripe', body: '', headers: { 'stripe-signature': 't=1,v1=abc' } },
      { method: 'POST', path: '/api/webhooks/stripe', body: '{"id":', headers: signed('{"id":') },
      { method: 'POST', path: '/api/webhooks/stripe', body: '', headers: signed('') },
      { method: 'POST', path: '/api/webhooks/stripe', body: '[1,2]', headers: signed('[1,2]') },
      {
        method: 'POST',
        path: '/api/webhooks/stripe',
        body: JSON.stringify({ id: 1, type: [], data: 'x' }),
        headers: signed(JSON.stringify({ id: 1, type: [], data: 'x' })),
      },
      // Signed, but not the shape of an event. (A well-formed signed event about an unknown object
      // is not malformed: it is acknowledged and recorded, as Stripe expects.)
      ...[event({ id: 'x'.repeat(300) }), event({ id: '' }), event({ id: 'seti_x' }, '')].map((payload) => ({
        method: 'POST' as const,
        path: '/api/webhooks/stripe',
        body: payload,
        headers: signed(payload),
      })),
      { method: 'POST', path: '/api/webhooks/stripe', body: MEGABYTE, headers: signed(MEGABYTE) },
    ];
  },
  '/v1/[...path]/route': ({ secretKey, publishableKey }) => {
    const unknown = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;
    const auth = { secret: { authorization: `Bearer ${secretKey}` }, publishable: { authorization: `Bearer ${publishableKey}` } };
    const form = 'application/x-www-form-urlencoded';
    return [
      { method: 'GET', path: '/v1/customers/cus_x' },
      { method: 'POST', path: '/v1/customers', body: 'email=a%40b.co' },
      { method: 'GET', path: '/v1/customers/cus_x', headers: { authorization: 'Bearer sk_test_wrong' } },
      { method: 'POST', path: '/v1/customers', body: 'email=x', contentType: form, headers: auth.publishable },
      { method: 'GET', path: `/v1/customers/${unknown('cus')}`, headers: auth.secret },
      { method: 'GET', path: `/v1/setup_intents/${unknown('seti')}`, headers: auth.secret },
      {
        method: 'POST',
        path: `/v1/setup_intents/${unknown('seti')}/confirm`,
        body: 'payment_method=pm_card_visa',
        contentType: form,
        headers: auth.publishable,
      },
      { method: 'GET', path: `/v1/payment_intents/${unknown('pi')}`, headers: auth.secret },
      { method: 'POST', path: `/v1/payment_intents/${unknown('pi')}/confirm`, body: '', contentType: form, headers: auth.secret },
      { method: 'GET', path: `/v1/payment_methods/${unknown('pm')}`, headers: auth.secret },
      { method: 'POST', path: `/v1/payment_methods/${unknown('pm')}/detach`, body: '', contentType: form, headers: auth.secret },
      { method: 'POST', path: `/v1/emulator/payment_methods/${unknown('pm')}/expire`, body: '', contentType: form, headers: auth.secret },
      { method: 'POST', path: `/v1/emulator/authentications/${unknown('pi')}/complete`, body: '', contentType: form, headers: auth.publishable },
      { method: 'GET', path: '/v1/no/such/endpoint', headers: auth.secret },
      { method: 'DELETE', path: `/v1/customers/${unknown('cus')}`, headers: auth.secret },
      // Malformed parameters for endpoints that would create something with valid ones.
      { method: 'POST', path: '/v1/customers', body: 'email[a][b]=x&metadata=notanobject', contentType: form, headers: auth.secret },
      { method: 'POST', path: '/v1/customers', body: `${'a['.repeat(20)}=x`, contentType: form, headers: auth.secret },
      { method: 'POST', path: '/v1/customers', body: '__proto__[x]=1', contentType: form, headers: auth.secret },
      { method: 'POST', path: '/v1/customers', body: `email=${MEGABYTE}`, contentType: form, headers: auth.secret },
      { method: 'POST', path: '/v1/customers', body: '{"email":"a@b.co"}', contentType: 'application/json', headers: auth.secret },
      { method: 'POST', path: '/v1/setup_intents', body: 'customer=cus_unknown', contentType: form, headers: auth.secret },
      { method: 'POST', path: '/v1/setup_intents', body: 'customer[]=x&usage=sometimes', contentType: form, headers: auth.secret },
      { method: 'POST', path: '/v1/payment_intents', body: 'amount=-1&currency=usd', contentType: form, headers: auth.secret },
      { method: 'POST', path: '/v1/payment_intents', body: 'amount=1e21&currency=usd', contentType: form, headers: auth.secret },
      { method: 'POST', path: '/v1/payment_intents', body: 'amount=NaN&currency=usd', contentType: form, headers: auth.secret },
      { method: 'POST', path: '/v1/payment_intents', body: 'amount=9223372036854775808&currency=usd', contentType: form, headers: auth.secret },
      { method: 'POST', path: '/v1/payment_intents', body: 'amount=0&currency=usd&customer=cus_unknown', contentType: form, headers: auth.secret },
      {
        method: 'POST',
        path: '/v1/payment_intents',
        body: 'amount=100&currency=usd&customer=cus_unknown&payment_method=pm_unknown&confirm=true&off_session=true',
        contentType: form,
        headers: auth.secret,
      },
      { method: 'POST', path: '/v1/payment_intents', body: '%E0%A4%A', contentType: form, headers: auth.secret },
      {
        method: 'POST',
        path: '/v1/payment_intents',
        body: 'amount=100&currency=usd',
        contentType: form,
        headers: { ...auth.secret, 'idempotency-key': 'k'.repeat(1000) },
      },
    ];
  },
};

function productForm(fields: Record<string, string | File>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

interface RouteRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  form?: FormData;
  contentType?: string;
  /** A GET that legitimately answers 200 whatever the request holds. */
  ok?: true;
}

interface Keys {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
}

/** Stripe's signature scheme (t=<time>,v1=<HMAC-SHA256 of "t.payload">), so the handler gets past it. */
function stripeSignature(payload: string, secret: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;
}

function routeCase(route: string, r: RouteRequest, cookie: string | undefined): Case {
  return {
    label: `${r.method} ${r.path.slice(0, 80)}${r.body !== undefined ? ` with ${describe(r.body)}` : ''}`,
    expect: r.ok ? 'no5xx' : '4xx',
    send: async (request) => {
      // As a browser's own fetch says (the staff form route refuses a request with no Origin otherwise).
      const headers = {
        'sec-fetch-site': 'same-origin',
        ...(cookie ? { cookie } : {}),
        ...(r.body !== undefined ? { 'content-type': r.contentType ?? 'application/json' } : {}),
        ...r.headers,
      };
      const res = await request.fetch(r.path, { method: r.method, headers, ...(r.form ? { multipart: r.form } : { data: r.body }), maxRedirects: 0 });
      return { status: res.status(), body: (await res.text()).slice(0, 300) };
    },
  };
}

// --- The run ---------------------------------------------------------------------------------

let ids: Record<string, Ids>;
/** The throwaway products the product cases aim at. */
let fixtureIds: ProductAccessIds;
let cookies: Record<string, string | undefined>;
let keys: Keys;
const startedAt = new Date();

test.beforeAll(async () => {
  const { db } = testDb();
  const [v] = await db
    .select({ variantId: variants.id })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(products.slug, 'field-notebook'));
  const fixtures = await createProductAccessFixtures(db);
  fixtureIds = fixtures;
  const { createCart, addToCart } = await import('../lib/cart/cart-store');
  const withCart = async (session: string | null) => {
    const { cart, token } = await createCart(db);
    const { lineId } = await addToCart(cart.id, { variantId: v!.variantId, quantity: 1 }, { database: db });
    return { cookie: [session, `inbound_cart=${token}`].filter(Boolean).join('; '), lineId };
  };
  const owner = await withCart(await mintSession(process.env.E2E_OWNER_EMAIL!));
  const shopper = await withCart(await mintSession(process.env.E2E_SHOPPER_EMAIL!));
  const base = {
    variantId: v!.variantId,
    products: fixtures,
    purchasing: await createPurchasingFixture(db),
    order: await insertOneUnitOrder(db, randomBytes(4).toString('hex'), 'cancelled'),
  };
  ids = { 'signed out': { ...base, lineId: randomUUID() }, shopper: { ...base, lineId: shopper.lineId }, owner: { ...base, lineId: owner.lineId } };
  cookies = { 'signed out': undefined, shopper: shopper.cookie, owner: owner.cookie };
  const { resolvePaymentsConfig } = await import('../lib/payments/config');
  keys = resolvePaymentsConfig(process.env) as Keys;
  // Webhooks from earlier specs are delivered before the first fingerprint.
  const { settleEmulatorWebhooks } = await import('../lib/payments/emulator/testing');
  await settleEmulatorWebhooks(db);
});

/** An open purchase order (5 units of an unpublished product's variant) for the purchase order actions to aim at. */
async function createPurchasingFixture(db: ReturnType<typeof testDb>['db']): Promise<Ids['purchasing']> {
  const key = randomBytes(4).toString('hex');
  const [product] = await db
    .insert(products)
    .values({ slug: `fuzz-purchasing-${key}`, title: 'Fuzz purchasing', published: false })
    .returning({ id: products.id });
  const sku = `FUZZ-PO-${key}`.toUpperCase();
  await db.insert(variants).values({ productId: product!.id, sku, title: 'Default', priceCents: 100 });
  const created = await createPurchaseOrder({ supplier: 'Fuzz Supplier', expectedDate: isoDaysFromToday(30), lines: [{ sku, quantity: 5 }] }, 'fuzz@e2e.test', {
    database: db,
  });
  if (!created.ok) throw new Error(`the purchase order was refused: ${created.error}`);
  const po = await purchaseOrderDetail(created.number, db);
  return { number: created.number, lineId: po!.lines[0]!.id, sku };
}

test.afterAll(async () => {
  const { sql: pg, db } = testDb();
  await db.delete(authSessions).where(sql`true`);
  // The refusals counted against this address must not lock later specs out of signing in or paying.
  await pg`delete from sign_in_failures where created_at >= ${startedAt.toISOString()}`;
  await pg`delete from rate_limits where true`.catch(() => {});
  await closeTestDb();
});

test('every action and route in the build is described here', () => {
  expect(actions.length).toBeGreaterThan(0);
  expect(
    actions.filter((a) => !ACTION_INPUTS[a.key]).map((a) => a.key),
    'add these actions to ACTION_INPUTS',
  ).toEqual([]);
  expect(
    routeHandlers.filter((r) => !ROUTE_CASES[r]),
    'add these route handlers to ROUTE_CASES',
  ).toEqual([]);
});

/** Runs cases a few at a time; returns what went wrong, then checks the database did not change. */
async function runBatch(request: APIRequestContext, name: string, cases: Case[]): Promise<string[]> {
  const before = await databaseFingerprint();
  const problems: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < cases.length; i = next++) {
      const c = cases[i]!;
      const res = await c.send(request);
      const result = actionResultOf(res.body);
      const fail = (why: string) => problems.push(`${name}: ${c.label}: ${why} (HTTP ${res.status}: ${res.body.slice(0, 200).replace(/\s+/g, ' ')})`);
      if (res.status >= 500) fail('a server error');
      else if (c.expect === '4xx' && (res.status < 400 || res.status >= 500) && !isRefusal(result)) fail('expected a 4xx or a refusal');
      else if (c.expect === 'refusal' && !isRefusal(result)) fail('expected a refusal with a message');
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  const after = await databaseFingerprint();
  if (after !== before)
    problems.push(
      `${name}: changed ${changedTables(before, after).join(', ')} (cases: ${cases
        .map((c) => c.label)
        .join('; ')
        .slice(0, 600)})`,
    );
  return problems;
}

for (const who of ['signed out', 'shopper', 'owner'] as const) {
  test(`malformed input to every server action, ${who}`, async ({ request }) => {
    test.setTimeout(120_000);
    const problems: string[] = [];
    for (const action of actions) {
      const input = ACTION_INPUTS[action.key];
      if (!input) continue;
      // Sign-out ends the session it is sent with; the structural cases run signed out only.
      if (input.call === 'none' && who !== 'signed out') continue;
      const refusedCaller = who !== 'owner' && action.key.startsWith('components/admin/') && !action.key.includes('/auth/');
      problems.push(...(await runBatch(request, action.key, actionCases(action, input, ids[who]!, cookies[who], refusedCaller))));
    }
    expect(problems).toEqual([]);
  });

  test(`malformed requests to every route handler, ${who}`, async ({ request }) => {
    const problems: string[] = [];
    for (const route of routeHandlers) {
      const requests = ROUTE_CASES[route]?.(keys) ?? [];
      problems.push(
        ...(await runBatch(
          request,
          route,
          requests.map((r) => routeCase(route, r, cookies[who])),
        )),
      );
    }
    expect(problems).toEqual([]);
  });
}
