import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { staffFormRoute, type StaffRouteResult } from '@/lib/auth/staff-route';
import { newProductInput, productUpdateInput } from '@/lib/catalog/admin-product-input';
import { createProduct, updateProduct, type AdminResult } from '@/lib/catalog/admin-products';
import { MAX_PRODUCT_FORM_BYTES, PRODUCT_FORM_TOO_LARGE } from '@/lib/catalog/product-form-limits';

// The product form (create, or edit when it names an id), with its image: the only form that may
// carry more than the 1 MB server actions accept, so it has a route and a limit of its own.
type SaveInput = z.output<typeof productUpdateInput> | z.output<typeof newProductInput>;
const schemaFor = (fields: Record<string, unknown>): z.ZodType<SaveInput> => ('id' in fields ? productUpdateInput : newProductInput);

function answer(result: AdminResult, success: StaffRouteResult): StaffRouteResult {
  if (!result.ok) return { ok: false, error: result.error, fieldErrors: result.fieldErrors };
  // The storefront learns of the change through invalidateProducts (inside each mutation).
  revalidatePath('/admin/products', 'layout');
  return success;
}

export const POST = staffFormRoute(
  schemaFor,
  async (input) => {
    if ('id' in input) return answer(await updateProduct(input), { ok: true, message: 'Product saved.' });
    const created = await createProduct(input);
    return answer(created, { ok: true, message: 'Product created.', location: created.ok ? `/admin/products/${created.id}?notice=created` : undefined });
  },
  { maxBytes: MAX_PRODUCT_FORM_BYTES, tooLarge: PRODUCT_FORM_TOO_LARGE },
);
