'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/staff-action';
import { formatCalendarDate } from '@/lib/catalog/dates';
import type { ActionFailure } from '@/lib/forms/action-result';
import { allocationText } from '@/lib/orders/allocation-copy';
import { moveDateInput, purchaseOrderFormValues, purchaseOrderRefInput, receiveLineForm } from '@/lib/purchasing/purchase-order-input';
import {
  cancelPurchaseOrder,
  createPurchaseOrder,
  moveExpectedDate,
  receive,
  receiveAll,
  type PurchaseOrderFailure,
  type Receipt,
} from '@/lib/purchasing/purchase-orders';

// Purchase orders change stock, waiting orders and dates the whole admin shows (dashboard, orders, inventory).
const refreshAdmin = () => revalidatePath('/admin', 'layout');

const refusal = ({ error, fieldErrors }: PurchaseOrderFailure): ActionFailure => ({ ok: false, error, ...(fieldErrors ? { fieldErrors } : {}) });

const units = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'unit' : 'units'}`;

/** "Received 3 units. 2 units went to 2 waiting orders; 1 shipment is ready to ship." */
const receiptMessage = (receipt: Receipt) => [`Received ${units(receipt.units)}.`, allocationText(receipt.allocation)].filter(Boolean).join(' ');

// The form's rows (`lines.<row>.sku`, `lines.<row>.quantity`) are checked by createPurchaseOrder,
// which keys each error by its row; here the fields only have to be a form.
const formRows = z.record(z.string(), z.unknown());

export const createPurchaseOrderAction = staffAction(formRows, async (fields, staff) => {
  const result = await createPurchaseOrder(purchaseOrderFormValues(fields), staff.email);
  if (!result.ok) return refusal(result);
  refreshAdmin();
  redirect(`/admin/purchase-orders/${result.number}?notice=created`);
});

export const moveExpectedDateAction = staffAction(moveDateInput(), async ({ number, expectedDate }) => {
  const result = await moveExpectedDate(number, expectedDate);
  if (!result.ok) return refusal(result);
  refreshAdmin();
  const date = formatCalendarDate(result.expectedDate, { withWeekday: true });
  return { ok: true, message: result.changed ? `Expected arrival moved to ${date}.` : `The expected arrival is already ${date}.` };
});

export const cancelPurchaseOrderAction = staffAction(purchaseOrderRefInput, async ({ number }) => {
  const result = await cancelPurchaseOrder(number);
  if (!result.ok) return refusal(result);
  refreshAdmin();
  redirect(`/admin/purchase-orders/${number}?notice=cancelled`);
});

export const receiveLineAction = staffAction(receiveLineForm, async ({ number, lineId, quantity }, staff) => {
  const result = await receive(number, [{ lineId, quantity }], staff.email);
  if (!result.ok) {
    // One line was asked for: a quantity it cannot take is that row's field's error.
    const aboutQuantity = result.code === 'more_than_open' || result.code === 'invalid';
    return { ok: false, error: result.error, ...(aboutQuantity ? { fieldErrors: { quantity: [result.error] } } : {}) };
  }
  refreshAdmin();
  return { ok: true, message: receiptMessage(result) };
});

export const receiveAllAction = staffAction(purchaseOrderRefInput, async ({ number }, staff) => {
  const result = await receiveAll(number, staff.email);
  if (!result.ok) return refusal(result);
  refreshAdmin();
  return { ok: true, message: receiptMessage(result) };
});
