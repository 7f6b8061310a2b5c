import type { AvailabilityState } from './availability';
import type { ProductDetail } from './types';

const SCHEMA_AVAILABILITY: Record<AvailabilityState, string> = {
  in_stock: 'https://schema.org/InStock',
  backorder: 'https://schema.org/BackOrder',
  preorder: 'https://schema.org/PreOrder',
  sold_out: 'https://schema.org/OutOfStock',
};

function decimalPrice(cents: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (cents / 10 ** digits).toFixed(digits);
}

/** schema.org Product with one Offer per variant. */
export function productJsonLd(product: ProductDetail, productUrl: string, imageUrl: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.title,
    description: product.description,
    image: imageUrl,
    url: productUrl,
    sku: product.variants.length === 1 ? product.variants[0]!.sku : undefined,
    offers: product.variants.map((v) => ({
      '@type': 'Offer',
      name: v.title,
      sku: v.sku,
      url: productUrl,
      price: decimalPrice(v.priceCents, v.currency),
      priceCurrency: v.currency,
      availability: SCHEMA_AVAILABILITY[v.offer.state],
      ...(v.offer.state === 'backorder' || v.offer.state === 'preorder' ? { availabilityStarts: v.offer.laterDate } : {}),
    })),
  };
}

/** JSON for a <script> element: `<` escaped so no product text can close the element. */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
