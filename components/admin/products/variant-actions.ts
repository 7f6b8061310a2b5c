'use server';
import { redirect } from 'next/navigation';
import { staffAction } from '@/lib/auth/staff-action';
import { archiveVariant, createVariant, unarchiveVariant, updateVariant } from '@/lib/catalog/admin-products';
import { newVariantInput, variantIdInput, variantUpdateInput } from '@/lib/catalog/admin-product-input';
import { refreshAdmin, refusal } from './refresh';

export const createVariantAction = staffAction(newVariantInput, async (input) => {
  const result = await createVariant(input);
  if (!result.ok) return refusal(result);
  refreshAdmin();
  redirect(`/admin/products/${input.productId}?notice=variant-added`);
});

export const updateVariantAction = staffAction(variantUpdateInput, async (input) => {
  const result = await updateVariant(input);
  if (!result.ok) return refusal(result);
  refreshAdmin();
  return { ok: true, message: 'Variant saved.' };
});

export const archiveVariantAction = staffAction(variantIdInput, async (input) => {
  const result = await archiveVariant(input);
  if (!result.ok) return refusal(result);
  refreshAdmin();
  return { ok: true, message: 'Variant archived. Shoppers no longer see it.' };
});

export const unarchiveVariantAction = staffAction(variantIdInput, async (input) => {
  const result = await unarchiveVariant(input);
  if (!result.ok) return refusal(result);
  refreshAdmin();
  return { ok: true, message: 'Variant restored.' };
});
