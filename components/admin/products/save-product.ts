import type { StaffRouteResult } from '@/lib/auth/staff-route';
import { PRODUCT_SAVE_URL } from '@/lib/catalog/product-form-limits';

const UNREACHABLE = 'The product could not be saved: the store did not answer. Check your connection and try again.';

/** Posts the product form to its route (lib/auth/staff-route.ts answers in the ActionResult shape). */
export async function postProductForm(formData: FormData): Promise<StaffRouteResult> {
  try {
    const response = await fetch(PRODUCT_SAVE_URL, { method: 'POST', body: formData });
    const body = (await response.json()) as StaffRouteResult;
    return typeof body?.ok === 'boolean' ? body : { ok: false, error: UNREACHABLE };
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
}
