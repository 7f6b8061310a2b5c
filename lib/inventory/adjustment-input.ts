/**
 * What a stock adjustment may contain: one schema per input, shared by the admin's adjustment
 * form (components/admin/inventory/actions.ts) and adjustStock (./adjust-stock.ts), so anything
 * the form accepts the library accepts too. Pure: no I/O.
 */
import { z } from 'zod';
import { STOCK_MOVEMENT_KINDS, type StockMovementKind } from '@/db/schema';
import { idInput, MAX_EMAIL_LENGTH, textInput, wholeNumberInput } from '@/lib/forms/inputs';
import { ADJUSTMENT_KINDS, MOVEMENT_KIND_LABELS } from './movement-kinds';

/** Most units one adjustment may add or remove: beyond it is a typo, not a delivery. */
export const MAX_STOCK_CHANGE = 1_000_000;
export const MAX_NOTE_LENGTH = 200;
/** A ledger reason is a kind's label and the note, so it holds the longest of both. */
export const MAX_REASON_LENGTH = Math.max(...Object.values(MOVEMENT_KIND_LABELS).map((label) => label.length)) + 2 + MAX_NOTE_LENGTH;

const CHANGE_MESSAGE = 'Enter a whole number, like 12 or -3.';
const CHANGE_TOO_LARGE = `Change at most ${MAX_STOCK_CHANGE.toLocaleString('en-US')} units at once.`;

export const stockChangeInput = wholeNumberInput({
  min: -MAX_STOCK_CHANGE,
  max: MAX_STOCK_CHANGE,
  message: CHANGE_MESSAGE,
  tooLarge: CHANGE_TOO_LARGE,
  tooSmall: CHANGE_TOO_LARGE,
  notZero: 'The change cannot be zero.',
});
export const adjustedVariantInput = idInput('Choose a variant.');

/** What the ledger says about why stock moved: `Received: delivery from Acme`. */
export function adjustmentReason(kind: StockMovementKind, note: string): string {
  return note ? `${MOVEMENT_KIND_LABELS[kind]}: ${note}` : MOVEMENT_KIND_LABELS[kind];
}

/** adjustStock's input, from the form or from code (tests, scripts). */
export const stockAdjustmentInput = z.object({
  variantId: adjustedVariantInput,
  change: stockChangeInput,
  kind: z.enum(STOCK_MOVEMENT_KINDS, { message: 'Choose a reason.' }).default('other'),
  reason: textInput({ max: MAX_REASON_LENGTH, what: 'reason', required: 'Give a reason.' }),
  actor: textInput({ max: MAX_EMAIL_LENGTH, what: 'actor', required: 'Say who made the change.' }),
});
export type StockAdjustmentInput = z.input<typeof stockAdjustmentInput>;

/** The admin's form: a kind a person may pick and a note, which become the ledger's reason. */
export const adjustmentForm = z
  .object({
    variantId: adjustedVariantInput,
    change: stockChangeInput,
    kind: z.enum(ADJUSTMENT_KINDS, { message: 'Choose a reason.' }),
    note: textInput({ max: MAX_NOTE_LENGTH, what: 'note' }).default(''),
  })
  .superRefine(({ kind, note }, ctx) => {
    if (kind === 'other' && !note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why, when the reason is “Other”.' });
  })
  .transform(({ variantId, change, kind, note }) => ({ variantId, change, kind, reason: adjustmentReason(kind, note) }));
