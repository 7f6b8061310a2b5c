'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { staffAction } from '@/lib/auth/staff-action';
import { archiveProduct, createProduct, unarchiveProduct, updateProduct, type AdminFailure } from '@/lib/catalog/admin-products';
import { newProductInput, productIdInput, productUpdateInput } from '@/lib/catalog/admin-product-input';

// The storefront learns of every change through invalidateProducts (inside each mutation);
// revalidatePath only refreshes the admin's own product pages for the person saving.
const refreshAdmin = () => revalidatePath('/admin/products', 'layout');
const refusal = ({ error, fieldErrors }: AdminFailure) => ({ ok: false as const, error, fieldErrors });

export const createProductAction = staffAction(newProductInput, async (input) => {
  const result = await createProduct(input);
  if (!result.ok) return refusal(result);
  refreshAdmin();
  redirect(`/admin/products/${result.id}?notice=created`);
});

export const updateProductAction = staffAction(productUpdateInput, async (input) => {
  const result = await updateProduct(input);
  if (!result.ok) return refusal(result);
  refreshAdmin();
  return { ok: true, message: 'Product saved.' };
});

export const archiveProductAction = staffAction(productIdInput, async (input) => {
  const result = await archiveProduct(input);
  if (!result.ok) return refusal(result);
  refreshAdmin();
  return { ok: true, message: 'Product archived. Shoppers no longer see it.' };
});

export const unarchiveProductAction = staffAction(productIdInput, async (input) => {
  const result = await unarchiveProduct(input);
  if (!result.ok) return refusal(result);
  refreshAdmin();
  return { ok: true, message: 'Product restored.' };
});
