/**
 * What a purchase order and the changes to it may contain: one schema per input, shared by the
 * admin's forms (components/admin/purchase-orders/actions.ts) and lib/purchasing/purchase-orders.ts,
 * so anything a form accepts the library accepts too. Pure: no I/O.
 */
import { z } from 'zod';
import { PURCHASE_ORDER_STATUSES, type PurchaseOrderStatus } from '@/db/schema/purchasing';
import { addDays, isIsoDate, todayUtc } from '@/lib/catalog/dates';
import type { FieldErrors } from '@/lib/forms/action-result';
import { idInput, MAX_EMAIL_LENGTH, textInput, wholeNumberInput } from '@/lib/forms/inputs';
import { MAX_REASON_LENGTH } from '@/lib/inventory/adjustment-input';
import { MAX_PURCHASE_ORDER_LINES, MAX_PURCHASE_ORDER_QUANTITY, MAX_SUPPLIER_LENGTH } from './limits';

export { MAX_PURCHASE_ORDER_LINES, MAX_PURCHASE_ORDER_QUANTITY, MAX_SUPPLIER_LENGTH };
/** As long as a variant's SKU may be (lib/catalog/admin-product-input.ts). */
export const MAX_SKU_LENGTH = 64;
/** How many rows the form may post, blank ones included: the lines and some room for empty rows. */
export const MAX_FORM_ROWS = 100;
/** purchase_orders.number is an integer column: anything larger cannot be a purchase order number. */
const MAX_PURCHASE_ORDER_NUMBER = 2_147_483_647;

export const SKU_ALREADY_ON_ORDER = 'This SKU is already on this purchase order.';
export const NO_LINES = 'Add at least one line: a SKU and a quantity.';
export const TOO_MANY_LINES = `A purchase order can have at most ${MAX_PURCHASE_ORDER_LINES} lines.`;
export const DATE_IN_PAST = 'The expected arrival cannot be in the past.';
const DATE_MESSAGE = 'Enter a date, like 2026-03-14.';
const QUANTITY_MESSAGE = `Enter a whole number from 1 to ${MAX_PURCHASE_ORDER_QUANTITY.toLocaleString('en-US')}.`;

export const PURCHASE_ORDER_STATUS_LABELS: Record<PurchaseOrderStatus, string> = {
  open: 'Open',
  partly_received: 'Partly received',
  received: 'Received',
  cancelled: 'Cancelled',
};

/** A purchase order's number, typed (a hidden field, a URL) or passed by code. */
export const purchaseOrderNumberInput = wholeNumberInput({ min: 1, max: MAX_PURCHASE_ORDER_NUMBER, message: 'Choose a purchase order.' });

/** "12" as a purchase order number; null for anything else (a page's URL segment: junk is "not found", never an error). */
export function parsePurchaseOrderNumber(text: string | number): number | null {
  const value = typeof text === 'number' ? text : /^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  return Number.isSafeInteger(value) && value >= 1 && value <= MAX_PURCHASE_ORDER_NUMBER ? value : null;
}

export const supplierInput = textInput({ max: MAX_SUPPLIER_LENGTH, what: 'supplier', required: 'Enter the supplier.' });

/** How far ahead an arrival may be expected: beyond it is a typo, and dates must stay calendar dates once handling is added. */
export const MAX_ARRIVAL_YEARS = 3;
export const DATE_TOO_FAR = `The expected arrival must be within ${MAX_ARRIVAL_YEARS} years.`;

/** A calendar date, today (UTC) or later, at most MAX_ARRIVAL_YEARS ahead. `today` is read when a value is parsed, not when the schema is made. */
export function expectedDateInput(today?: string) {
  return z
    .string({ message: DATE_MESSAGE })
    .trim()
    .refine(isIsoDate, { message: DATE_MESSAGE })
    .refine((date) => !isIsoDate(date) || date >= (today ?? todayUtc()), { message: DATE_IN_PAST })
    .refine((date) => !isIsoDate(date) || date <= addDays(today ?? todayUtc(), 366 * MAX_ARRIVAL_YEARS), { message: DATE_TOO_FAR });
}

/** Units on a line or in a receipt. */
export const purchaseQuantityInput = wholeNumberInput({ min: 1, max: MAX_PURCHASE_ORDER_QUANTITY, message: QUANTITY_MESSAGE });

/** A SKU as typed: looked up case-insensitively, so it is compared in capitals (as the admin saves SKUs). */
export const lineSkuInput = textInput({ max: MAX_SKU_LENGTH, what: 'SKU', required: 'Enter a SKU.' }).transform((s) => s.toUpperCase());

const lineInput = z.object({ sku: lineSkuInput, quantity: purchaseQuantityInput });

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A line of a new purchase order, with its row: field errors name the row as posted (`lines.<row>.sku`). */
export interface NewPurchaseOrderLine {
  row: number;
  sku: string;
  quantity: number;
}

/**
 * The lines of a new purchase order. A row with neither SKU nor quantity is skipped (the form's
 * empty rows); every other row must be a whole line. Issues keep the row's index in their path.
 */
const linesInput = z.array(z.unknown(), { message: NO_LINES }).transform((rows, ctx): NewPurchaseOrderLine[] => {
  if (rows.length > MAX_FORM_ROWS) {
    ctx.addIssue({ code: 'custom', message: TOO_MANY_LINES });
    return z.NEVER;
  }
  const lines: NewPurchaseOrderLine[] = [];
  const seen = new Set<string>();
  let filled = 0;
  rows.forEach((row, index) => {
    if (row === undefined || row === null) return;
    if (typeof row !== 'object' || Array.isArray(row)) {
      filled += 1;
      ctx.addIssue({ code: 'custom', path: [index], message: 'Enter a SKU and a quantity.' });
      return;
    }
    const fields = row as Record<string, unknown>;
    if (isBlank(fields.sku) && isBlank(fields.quantity)) return;
    filled += 1;
    // A SKU seen before is refused whatever its quantity, so one round of corrections finds everything.
    const sku = lineSkuInput.safeParse(fields.sku);
    const repeated = sku.success && seen.has(sku.data);
    if (repeated) ctx.addIssue({ code: 'custom', path: [index, 'sku'], message: SKU_ALREADY_ON_ORDER });
    else if (sku.success) seen.add(sku.data);
    const parsed = lineInput.safeParse(fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [index, ...issue.path], message: issue.message });
      return;
    }
    if (!repeated) lines.push({ row: index, ...parsed.data });
  });
  if (filled === 0) ctx.addIssue({ code: 'custom', message: NO_LINES });
  if (filled > MAX_PURCHASE_ORDER_LINES) ctx.addIssue({ code: 'custom', message: TOO_MANY_LINES });
  return lines;
});

/** A new purchase order, from the form (see purchaseOrderFormValues) or from code. */
export function newPurchaseOrderInput(today?: string) {
  return z.object({ supplier: supplierInput, expectedDate: expectedDateInput(today), lines: linesInput });
}
/** A new purchase order as code writes it. */
export interface NewPurchaseOrderInput {
  supplier: string;
  /** YYYY-MM-DD, today or later. */
  expectedDate: string;
  lines: { sku: string; quantity: number | string }[];
}
/** The same as a form posts it, not yet checked. */
export interface PurchaseOrderFormValues {
  supplier: unknown;
  expectedDate: unknown;
  lines: Record<string, unknown>[];
}
export type NewPurchaseOrderValues = z.output<ReturnType<typeof newPurchaseOrderInput>>;

/**
 * The new-purchase-order form's flat fields (`supplier`, `expectedDate`, `lines.<row>.sku`,
 * `lines.<row>.quantity`) as newPurchaseOrderInput's shape. Rows past MAX_FORM_ROWS are left out;
 * everything else is handed on as posted, for the schema to judge.
 */
export function purchaseOrderFormValues(fields: Record<string, unknown>): PurchaseOrderFormValues {
  const lines: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const match = /^lines\.(\d{1,3})\.(sku|quantity)$/.exec(key);
    if (!match) continue;
    const row = Number(match[1]);
    if (row >= MAX_FORM_ROWS) continue;
    (lines[row] ??= {})[match[2]!] = value;
  }
  return { supplier: fields.supplier, expectedDate: fields.expectedDate, lines: Array.from(lines, (row) => row ?? {}) };
}

/** Each issue under its whole path, `lines.2.sku` for a line's field (the form has a field per row). */
export function purchaseOrderFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.map(String).join('.')] ??= []).push(issue.message);
  return out;
}

export function moveDateInput(today?: string) {
  return z.object({ number: purchaseOrderNumberInput, expectedDate: expectedDateInput(today) });
}

export const purchaseOrderRefInput = z.object({ number: purchaseOrderNumberInput });

/** Units of one line to receive. */
export const receiptLineInput = z.object({ lineId: idInput('Choose a line of this purchase order.'), quantity: purchaseQuantityInput });
export type ReceiptLineInput = z.input<typeof receiptLineInput>;

export const receiptInput = z.object({
  number: purchaseOrderNumberInput,
  lines: z
    .array(receiptLineInput, { message: 'Say what arrived.' })
    .min(1, { message: 'Say what arrived.' })
    .max(MAX_PURCHASE_ORDER_LINES, { message: TOO_MANY_LINES }),
});

/** The receive-one-line form: its purchase order, its line and the units. */
export const receiveLineForm = z.object({ number: purchaseOrderNumberInput }).extend(receiptLineInput.shape);

/** The stock ledger's reason for a receipt, cut to fit (a supplier's name may be up to 200 characters). */
export function receiptReason(number: number, supplier: string): string {
  const reason = `Received: PO ${number} from ${supplier}`;
  return reason.length <= MAX_REASON_LENGTH ? reason : `${reason.slice(0, MAX_REASON_LENGTH - 1)}…`;
}

/** Who did it: a staff member's email, or a process such as 'seed'. */
export const actorInput = textInput({ max: MAX_EMAIL_LENGTH, what: 'actor', required: 'Say who made the change.' });

// --- The list's filters ------------------------------------------------------------------------

export const PURCHASE_ORDERS_PAGE_SIZE = 50;
/** Far past any real store; a bigger page number is treated as junk rather than sent to the database as an offset. */
export const MAX_PAGE = 100_000;

export interface PurchaseOrderFilters {
  /** 1-based. */
  page: number;
  /** A purchase order number ("12", "PO 12"), or part of a supplier's name or of a SKU on it. */
  q?: string;
  status?: PurchaseOrderStatus;
}

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const filtersSchema = z.object({
  page: z.preprocess(single, z.coerce.number().int().min(1).max(MAX_PAGE)).catch(1),
  q: z
    .preprocess(
      single,
      z
        .string()
        .trim()
        .transform((s) => s.slice(0, MAX_SUPPLIER_LENGTH))
        .optional(),
    )
    .catch(undefined),
  status: z.preprocess(single, z.enum(PURCHASE_ORDER_STATUSES).optional()).catch(undefined),
});

/** The list's filters from the page's query string; anything unusable is "no filter" (it is a filter form, not an input). */
export function parsePurchaseOrderFilters(searchParams: Record<string, string | string[] | undefined>): PurchaseOrderFilters {
  const parsed = filtersSchema.parse(searchParams);
  return { page: parsed.page, q: parsed.q || undefined, status: parsed.status };
}

/** A search for a purchase order by its number: "12", "#12", "PO 12", "po12". */
const NUMBER_SEARCH = /^(?:po\s*)?#?(\d+)$/i;

/** Whether a search is for a purchase order number (and only that) rather than a name or SKU. */
export const looksLikePurchaseOrderNumber = (text: string) => NUMBER_SEARCH.test(text.trim());

/** The number such a search asks for; null for any other search, or a number no purchase order can have. */
export function purchaseOrderNumberIn(text: string): number | null {
  const match = NUMBER_SEARCH.exec(text.trim());
  return match ? parsePurchaseOrderNumber(match[1]!) : null;
}
