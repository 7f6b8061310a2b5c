/** A product and its variant as one name: "Linen Camp Shirt — L / Navy" ("Default" is left out). */
export function lineTitle(productTitle: string, variantTitle: string): string {
  return variantTitle && variantTitle !== 'Default' ? `${productTitle} — ${variantTitle}` : productTitle;
}
