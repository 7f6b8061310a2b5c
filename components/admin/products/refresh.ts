import 'server-only';
import { revalidatePath } from 'next/cache';
import type { AdminFailure } from '@/lib/catalog/admin-products';

// The storefront learns of every product change through invalidateProducts (inside each
// mutation); this only refreshes the admin's own product pages for the person saving.
export const refreshAdmin = () => revalidatePath('/admin/products', 'layout');

/** A refused product or variant change, as the form's ActionResult. */
export const refusal = ({ error, fieldErrors }: AdminFailure) => ({ ok: false as const, error, fieldErrors });
