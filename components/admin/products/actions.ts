'use server';
import { staffAction } from '@/lib/auth/staff-action';
import { archiveProduct, unarchiveProduct } from '@/lib/catalog/admin-products';
import { productIdInput } from '@/lib/catalog/admin-product-input';
import { refreshAdmin, refusal } from './refresh';

// Creating and editing a product (with its image) go through app/admin/(console)/products/save.

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
