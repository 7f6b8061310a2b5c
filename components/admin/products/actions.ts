'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/staff-action';
import { archiveProduct, unarchiveProduct, type AdminFailure } from '@/lib/catalog/admin-products';
import { productIdInput } from '@/lib/catalog/admin-product-input';

// Creating and editing a product (with its image) go through app/admin/(console)/products/save.
// The storefront learns of every change through invalidateProducts (inside each mutation);
// revalidatePath only refreshes the admin's own product pages for the person saving.
const refreshAdmin = () => revalidatePath('/admin/products', 'layout');
const refusal = ({ error, fieldErrors }: AdminFailure) => ({ ok: false as const, error, fieldErrors });

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
