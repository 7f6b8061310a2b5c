/**
 * What the admin's product and variant forms may contain, with the messages store owners read.
 * Each schema accepts the form as posted (strings, checkboxes, a File) and also its own output,
 * so an action can validate with it (lib/auth/staff-action.ts) and the mutation can validate the
 * result again (lib/catalog/admin-products.ts). Pure: no I/O, safe to unit test.
 */
import { z } from 'zod';
import { textInput } from '@/lib/forms/inputs';
import { IMAGE_TOO_LARGE, MAX_IMAGE_BYTES } from '@/lib/media/image-type';
import { BELOW_MINIMUM_MESSAGE, isChargeableAmount } from '@/lib/money/minimum-charge';
import { isIsoDate, todayUtc } from './dates';
import { slugify } from './slugify';

export const MAX_OPTIONS = 3;
export const INVENTORY_POLICIES = ['deny', 'backorder', 'preorder'] as const;
export const SHIP_DATE_SOURCES = ['none', 'fixed_date', 'lead_time'] as const;
export type ShipDateSourceChoice = (typeof SHIP_DATE_SOURCES)[number];

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_HELP = 'Use lowercase letters, digits and hyphens, e.g. linen-shirt.';
const MAX_PRICE_CENTS = 100_000_000; // $1,000,000.00
const MAX_COUNT = 1_000_000;

/** "24.00" -> 2400. Only for strings the price schema accepted; no floating point involved. */
export function priceToCents(price: string): number {
  const [whole = '0', fraction = ''] = price.split('.');
  return Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'));
}

/** 2400 -> "24.00", the way the price field shows a stored price. */
export function centsToPrice(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Optional free text (lib/forms/inputs.ts: trimmed, bounded, no control characters). */
const text = (max: number, what: string) =>
  textInput({ max, what })
    .optional()
    .transform((v) => v ?? '');

/** A checkbox: present ("on") when ticked, absent otherwise. */
const checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

/** A file input: browsers send an empty File when nothing was chosen (its name varies on the way). */
const optionalImage = z
  .union([z.file(), z.string(), z.null()])
  .optional()
  .transform((v) => (v instanceof File && v.size > 0 ? v : undefined))
  .pipe(z.file().max(MAX_IMAGE_BYTES, { message: IMAGE_TOO_LARGE }).optional());

type WholeRule = { min: number; message: string; required?: string };

function toWhole(v: number | string | null | undefined, ctx: z.RefinementCtx, { min, message, required }: WholeRule): number | null {
  const raw = typeof v === 'string' ? v.trim() : v;
  if (raw === '' || raw === null || raw === undefined) {
    if (required) ctx.addIssue({ code: 'custom', message: required });
    return null;
  }
  const n = typeof raw === 'number' ? raw : /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    ctx.addIssue({ code: 'custom', message });
    return null;
  }
  if (n > MAX_COUNT) {
    ctx.addIssue({ code: 'custom', message: 'That number is too large.' });
    return null;
  }
  return n;
}

/** An optional whole number typed into a field: empty means null (each field says what that means). */
const wholeNumber = (rule: WholeRule) =>
  z
    .union([z.number(), z.string(), z.null()])
    .optional()
    .transform((v, ctx) => toWhole(v, ctx, rule));

/** A required count; the default applies when the field is left out entirely, not when it is cleared. */
const count = (fallback: number, message: string) =>
  z
    .union([z.number(), z.string()])
    .optional()
    .transform((v, ctx) => toWhole(v === undefined ? fallback : v, ctx, { min: 0, message, required: message }) ?? fallback);

const calendarDate = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v, ctx): string | null => {
    const raw = v?.trim() ?? '';
    if (raw === '') return null;
    if (!isIsoDate(raw)) {
      ctx.addIssue({ code: 'custom', message: 'Enter a date as YYYY-MM-DD.' });
      return null;
    }
    return raw;
  });

/** A price typed as dollars and cents ("24", "24.5", "$24.00"); normalised to "24.00". */
const price = z
  .string()
  .optional()
  .transform((v, ctx): string => {
    const raw = (v ?? '').trim().replace(/^\$\s*/, '');
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (raw === '') return fail('Enter a price, e.g. 24.00.');
    if (/^-/.test(raw)) return fail('The price cannot be negative.');
    if (/^\d*\.\d{3,}$/.test(raw)) return fail('Use at most 2 decimal places, e.g. 24.00.');
    if (!/^(\d+(\.\d{0,2})?|\.\d{1,2})$/.test(raw)) return fail('Enter a price as a number, e.g. 24.00.');
    const cents = priceToCents(raw);
    if (cents > MAX_PRICE_CENTS) return fail('That price is too high.');
    // A shipment of one unit at this price could not be charged (docs/payments.md).
    if (!isChargeableAmount(cents)) return fail(BELOW_MINIMUM_MESSAGE);
    return centsToPrice(cents);
  });

const optionNames = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? '').split(',')).map((s) => s.trim()).filter((s) => s !== ''))
  .pipe(
    z
      .array(textInput({ max: 40, what: 'option name' }))
      .max(MAX_OPTIONS, { message: 'Use at most 3 options, e.g. Size, Colour.' })
      .refine((names) => new Set(names.map((n) => n.toLowerCase())).size === names.length, { message: 'Use each option name once.' }),
  );

const productId = z.uuid({ message: 'Choose a product.' });
const variantId = z.uuid({ message: 'Choose a variant.' });

const productFields = {
  title: textInput({ max: 200, what: 'title', required: 'Enter a title.' }),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(100, { message: 'Keep the slug under 100 characters.' })
    .refine((s) => s === '' || SLUG_PATTERN.test(s), { message: SLUG_HELP })
    .optional()
    .transform((v) => v ?? ''),
  description: text(5000, 'description'),
  imageAlt: text(300, 'image description'),
  optionNames,
  featured: checkbox,
  published: checkbox,
  image: optionalImage,
};

type ProductFields = { title: string; slug: string; imageAlt: string; image?: File | undefined };

function checkProduct(p: ProductFields, ctx: z.RefinementCtx) {
  if (p.slug === '' && !SLUG_PATTERN.test(slugify(p.title))) {
    ctx.addIssue({ code: 'custom', path: ['slug'], message: `Enter a slug. ${SLUG_HELP}` });
  }
  if (p.image && p.imageAlt === '') {
    ctx.addIssue({ code: 'custom', path: ['imageAlt'], message: 'Describe the image for shoppers who cannot see it.' });
  }
}

const withSlug = <T extends ProductFields>(p: T): T => ({ ...p, slug: p.slug || slugify(p.title) });

export const newProductInput = z.object(productFields).superRefine(checkProduct).transform(withSlug);
export const productUpdateInput = z
  .object({ id: productId, ...productFields })
  .superRefine(checkProduct)
  .transform(withSlug);

export type NewProductInput = z.input<typeof newProductInput>;
export type ProductUpdateInput = z.input<typeof productUpdateInput>;
export type ProductValues = z.output<typeof newProductInput>;

const variantFields = {
  title: text(200, 'title'),
  sku: z
    .string({ message: 'Enter a SKU.' })
    .trim()
    .toUpperCase()
    .min(1, { message: 'Enter a SKU.' })
    .max(64, { message: 'Keep the SKU under 64 characters.' })
    .regex(/^[A-Z0-9][A-Z0-9._-]*$/, { message: 'Use letters, digits, hyphens, dots and underscores.' }),
  option0: text(60, 'option value'),
  option1: text(60, 'option value'),
  option2: text(60, 'option value'),
  price,
  inventoryPolicy: z.enum(INVENTORY_POLICIES, { message: 'Choose an inventory policy.' }),
  waitingLimit: wholeNumber({ min: 0, message: 'Enter a whole number (0 or more), or leave it empty for no limit.' }),
  shipDateSource: z
    .enum(SHIP_DATE_SOURCES, { message: 'Choose how the ship date is set.' })
    .optional()
    .transform((v) => v ?? 'none'),
  fixedShipDate: calendarDate,
  leadTimeDays: wholeNumber({ min: 1, message: 'Enter the lead time in whole days (1 or more).' }),
  releaseDate: calendarDate,
  lowStockThreshold: count(3, 'Enter a whole number (0 or more).'),
  safetyStock: count(0, 'Enter a whole number (0 or more).'),
};

type VariantFields = {
  title: string;
  option0: string;
  option1: string;
  option2: string;
  inventoryPolicy: (typeof INVENTORY_POLICIES)[number];
  shipDateSource: ShipDateSourceChoice;
  fixedShipDate: string | null;
  leadTimeDays: number | null;
  releaseDate: string | null;
};

function checkVariant(v: VariantFields, ctx: z.RefinementCtx) {
  if (v.shipDateSource === 'fixed_date') {
    if (!v.fixedShipDate) ctx.addIssue({ code: 'custom', path: ['fixedShipDate'], message: 'Enter the expected ship date.' });
    else if (v.fixedShipDate <= todayUtc()) ctx.addIssue({ code: 'custom', path: ['fixedShipDate'], message: 'Choose a date after today.' });
  }
  if (v.shipDateSource === 'lead_time' && !v.leadTimeDays) {
    ctx.addIssue({ code: 'custom', path: ['leadTimeDays'], message: 'Enter the lead time in whole days (1 or more).' });
  }
  if (v.inventoryPolicy === 'preorder' && !v.releaseDate) {
    ctx.addIssue({ code: 'custom', path: ['releaseDate'], message: 'Enter the release date for the pre-order.' });
  }
}

/** Keeps only the dates that apply, and names an untitled variant after its options. */
function finishVariant<T extends VariantFields>(v: T): T {
  const options = [v.option0, v.option1, v.option2].filter((o) => o !== '');
  return {
    ...v,
    title: v.title || options.join(' / ') || 'Default',
    fixedShipDate: v.shipDateSource === 'fixed_date' ? v.fixedShipDate : null,
    leadTimeDays: v.shipDateSource === 'lead_time' ? v.leadTimeDays : null,
    releaseDate: v.inventoryPolicy === 'preorder' ? v.releaseDate : null,
  };
}

export const newVariantInput = z
  .object({ productId, ...variantFields })
  .superRefine(checkVariant)
  .transform(finishVariant);
export const variantUpdateInput = z
  .object({ id: variantId, ...variantFields })
  .superRefine(checkVariant)
  .transform(finishVariant);

export type NewVariantInput = z.input<typeof newVariantInput>;
export type VariantUpdateInput = z.input<typeof variantUpdateInput>;
export type VariantValues = z.output<typeof variantUpdateInput>;

/** For archive and unarchive buttons: just the id. */
export const productIdInput = z.object({ id: productId });
export const variantIdInput = z.object({ id: variantId });
