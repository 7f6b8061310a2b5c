import { IMAGE_TOO_LARGE, MAX_IMAGE_BYTES } from '@/lib/media/image-type';

/** Where the product form posts (a route handler: server actions take at most 1 MB). */
export const PRODUCT_SAVE_URL = '/admin/products/save';
/** An image of up to 2 MB plus the form's text fields and multipart framing. */
export const MAX_PRODUCT_FORM_BYTES = MAX_IMAGE_BYTES + 64 * 1024;
export const PRODUCT_FORM_TOO_LARGE = { ok: false as const, error: 'Check the highlighted fields.', fieldErrors: { image: [IMAGE_TOO_LARGE] } };
